# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from .crm_encryption import CrmCipher

NATIONAL_ID_LABEL = "res.partner.crm_national_id"


class ResPartner(models.Model):
    _name = "res.partner"
    # pylint: disable=consider-merging-classes-inherited
    _inherit = ("res.partner", "crm.encrypted.mixin")

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
    def _crm_encrypted_fields(self):
        return {"crm_national_id_encrypted": "crm_national_id_hash"}

    def _crm_encryption_label(self, fname):
        if fname == "crm_national_id_encrypted":
            return NATIONAL_ID_LABEL
        return super()._crm_encryption_label(fname)
