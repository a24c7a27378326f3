# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from .crm_encryption import CrmCipher

NATIONAL_ID_LABEL = "res.partner.crm_national_id"


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    # Like res.users.password, the value users see is not the stored one: the
    # column holds the AES-256-GCM ciphertext, readable by administrators only,
    # and an HMAC of the value serves exact-match search.
    crm_national_id = fields.Char(
        string="National ID Number",
        compute="_compute_crm_national_id",
        inverse="_inverse_crm_national_id",
        search="_search_crm_national_id",
        copy=False,
        help="Stored encrypted (AES-256-GCM) with the key of the server "
        "configuration; only an exact number can be searched.",
    )
    crm_national_id_encrypted = fields.Char(
        string="National ID Number (encrypted)",
        copy=False,
        readonly=True,
        groups="base.group_system",
    )
    crm_national_id_hash = fields.Char(
        string="National ID Number (search hash)",
        copy=False,
        readonly=True,
        index="btree_not_null",
        groups="base.group_system",
    )

    @api.depends("crm_national_id_encrypted")
    def _compute_crm_national_id(self):
        # sudo: the ciphertext column is administrator-only; the user already
        # reads the partner, and only the decrypted value is handed back
        partners_sudo = self.sudo()
        cipher = None
        for partner, partner_sudo in zip(self, partners_sudo, strict=True):
            token = partner_sudo.crm_national_id_encrypted
            if not token:
                partner.crm_national_id = False
                continue
            cipher = cipher or CrmCipher.from_config(self.env)
            partner.crm_national_id = cipher.decrypt(token, NATIONAL_ID_LABEL)

    def _inverse_crm_national_id(self):
        cipher = None
        for partner in self:
            value = (partner.crm_national_id or "").strip()
            if not value:
                vals = {
                    "crm_national_id_encrypted": False,
                    "crm_national_id_hash": False,
                }
            else:
                cipher = cipher or CrmCipher.from_config(self.env)
                vals = {
                    "crm_national_id_encrypted": cipher.encrypt(
                        value, NATIONAL_ID_LABEL
                    ),
                    "crm_national_id_hash": cipher.search_hash(value),
                }
            # sudo: the user writes the partner (checked by the ORM before the
            # inverse runs); the encrypted columns are administrator-only
            partner.sudo().write(vals)

    def _search_crm_national_id(self, operator, value):
        if operator != "in":
            raise UserError(
                self.env._(
                    "National ID Number: it is stored encrypted, so it can only "
                    "be searched for an exact number (operator '=' or 'in'), "
                    "not with %(operator)s.",
                    operator=operator,
                )
            )
        numbers = {str(v).strip() for v in value if v is not False} - {""}
        domain = Domain.FALSE
        if numbers:
            cipher = CrmCipher.from_config(self.env)
            hashes = [cipher.search_hash(number) for number in numbers]
            domain = Domain("crm_national_id_hash", "in", hashes)
        if any(v is False or not str(v).strip() for v in value):
            # False or blank asked: the partners without a national ID
            domain |= Domain("crm_national_id_encrypted", "=", False)
        # sudo: the hash columns are administrator-only; the subquery only
        # yields ids, filtered afterwards by the user's own access rules
        return Domain("id", "in", self.sudo()._search(domain))

    @api.model
    def _crm_national_ids_to_reencrypt(self, new_cipher, limit=None, count=False):
        """Partners (sudo) whose national ID is not yet under ``new_cipher``."""
        domain = Domain("crm_national_id_encrypted", "!=", False) & Domain(
            "crm_national_id_encrypted", "not like", new_cipher.prefix
        )
        partners_sudo = self.sudo().with_context(active_test=False)
        if count:
            return partners_sudo.search_count(domain)
        return partners_sudo.search(domain, order="id", limit=limit)

    @api.model
    def _crm_check_reencryption(self, old_cipher, new_cipher):
        """Decrypt every national ID still to move, writing nothing.

        Raises a clear error when the old key is wrong, or a value is under
        a third key, so a key rotation either can move everything or does not
        start. Returns the number of values to move.
        """
        if old_cipher.key_id == new_cipher.key_id:
            raise UserError(
                self.env._(
                    "New key: its id %(key_id)s is the id of the old key; give "
                    "the new key another id so re-encrypted values can be told "
                    "apart.",
                    key_id=new_cipher.key_id,
                )
            )
        partners_sudo = self._crm_national_ids_to_reencrypt(new_cipher)
        for partner_sudo in partners_sudo:
            old_cipher.decrypt(
                partner_sudo.crm_national_id_encrypted, NATIONAL_ID_LABEL
            )
        return len(partners_sudo)

    @api.model
    def _crm_reencrypt_national_ids(self, old_cipher, new_cipher, batch_size=1000):
        """Move one batch of national IDs from ``old_cipher`` to ``new_cipher``.

        Idempotent: values already under the new key are skipped. Each batch is
        decrypted in full before anything is written, and each new ciphertext
        is read back, so an error leaves the batch as it was. Returns the number
        of values still to move; the caller commits between batches.
        """
        partners_sudo = self._crm_national_ids_to_reencrypt(
            new_cipher, limit=batch_size
        )
        plaintexts = [
            old_cipher.decrypt(
                partner_sudo.crm_national_id_encrypted, NATIONAL_ID_LABEL
            )
            for partner_sudo in partners_sudo
        ]
        for partner_sudo, plaintext in zip(partners_sudo, plaintexts, strict=True):
            token = new_cipher.encrypt(plaintext, NATIONAL_ID_LABEL)
            if new_cipher.decrypt(token, NATIONAL_ID_LABEL) != plaintext:
                raise UserError(
                    self.env._(
                        "New key: the national ID of partner %(partner)s did not "
                        "read back after encryption; nothing was written.",
                        partner=partner_sudo.id,
                    )
                )
            partner_sudo.write(
                {
                    "crm_national_id_encrypted": token,
                    "crm_national_id_hash": new_cipher.search_hash(plaintext),
                }
            )
        if len(partners_sudo) < batch_size:
            return 0
        return self._crm_national_ids_to_reencrypt(new_cipher, count=True)
