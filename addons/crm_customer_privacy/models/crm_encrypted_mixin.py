# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError
from odoo.fields import Domain


class CrmEncryptedMixin(models.AbstractModel):
    """Models that store values encrypted under the key of the server
    configuration (see ``crm_encryption``).

    A model lists its ciphertext columns in ``_crm_encrypted_fields`` and
    binds each ciphertext to its place with ``_crm_encryption_label``; the
    ``crm_rekey`` command then moves the values of every model inheriting
    this mixin to a new key, the checks first, in batches.
    """

    _name = "crm.encrypted.mixin"
    _description = "Values Encrypted with the Server Key"

    @api.model
    def _crm_encrypted_fields(self):
        """{ciphertext field: its search hash field} of this model."""
        return {}

    def _crm_encryption_label(self, fname):
        """The associated data authenticated with the ciphertext of
        ``fname`` of this record: a ciphertext copied elsewhere does not
        decrypt."""
        self.ensure_one()
        return f"{self._name}.{fname}"

    @api.model
    def _crm_encrypted_models(self):
        """Names of the models whose values the key rotation moves."""
        return sorted(
            name
            for name in self.env.registry.descendants([self._name], "_inherit")
            if not self.env[name]._abstract
        )

    @api.model
    def _crm_to_reencrypt(self, new_cipher, limit=None, count=False):
        """Records (sudo) holding a value not yet under ``new_cipher``."""
        domain = Domain.OR(
            Domain(fname, "!=", False) & Domain(fname, "not like", new_cipher.prefix)
            for fname in self._crm_encrypted_fields()
        )
        records_sudo = self.sudo().with_context(active_test=False)
        if count:
            return records_sudo.search_count(domain)
        return records_sudo.search(domain, order="id", limit=limit)

    def _crm_decrypt_all(self, cipher, skip_cipher):
        """{(record, field): plaintext} of the values of these records that
        are not under ``skip_cipher``, decrypted with ``cipher``."""
        return {
            (record, fname): cipher.decrypt(
                record[fname], record._crm_encryption_label(fname)
            )
            for record in self
            for fname in self._crm_encrypted_fields()
            if record[fname] and not skip_cipher.owns(record[fname])
        }

    @api.model
    def _crm_check_reencryption(self, old_cipher, new_cipher):
        """Decrypt every value still to move, writing nothing.

        Raises a clear error when the old key is wrong, or a value is under a
        third key, so that a key rotation either can move everything or does
        not start. Returns the number of records to move.
        """
        records_sudo = self._crm_to_reencrypt(new_cipher)
        records_sudo._crm_decrypt_all(old_cipher, new_cipher)
        return len(records_sudo)

    @api.model
    def _crm_reencrypt(self, old_cipher, new_cipher, batch_size=1000):
        """Move one batch of records from ``old_cipher`` to ``new_cipher``.

        Idempotent: values already under the new key are skipped. The batch
        is decrypted in full before anything is written, and each new
        ciphertext is read back, so an error leaves the batch as it was.
        Returns the number of records still to move; the caller commits
        between batches.
        """
        records_sudo = self._crm_to_reencrypt(new_cipher, limit=batch_size)
        plaintexts = records_sudo._crm_decrypt_all(old_cipher, new_cipher)
        hash_fields = self._crm_encrypted_fields()
        for (record, fname), plaintext in plaintexts.items():
            label = record._crm_encryption_label(fname)
            token = new_cipher.encrypt(plaintext, label)
            if new_cipher.decrypt(token, label) != plaintext:
                raise UserError(
                    self.env._(
                        "New key: a value of %(record)s did not read back after "
                        "encryption; nothing was written.",
                        record=f"{record._name},{record.id}",
                    )
                )
            record.write(
                {fname: token, hash_fields[fname]: new_cipher.search_hash(plaintext)}
            )
        if len(records_sudo) < batch_size:
            return 0
        return self._crm_to_reencrypt(new_cipher, count=True)
