# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

from .crm_encryption import CrmCipher


def mask_identifier(value):
    """11010519491231002X -> **************002X: the last four characters
    of a long number, nothing of a short one."""
    if len(value) < 10:
        return "*" * len(value)
    return "*" * (len(value) - 4) + value[-4:]


class CrmSensitiveValue(models.Model):
    """The value of a sensitive attribute for one customer.

    Like the national ID on the customer, ``value`` is what users see: the
    column holds the AES-256-GCM ciphertext (administrators only), bound to
    the attribute, and an HMAC of the value serves exact-match search. Users
    without the Personal Data group get the value masked, whatever way they
    read it, since the masking is in the computation itself; unmasked reads,
    exports and reveals are logged like those of the customer's phone.
    """

    _name = "crm.sensitive.value"
    _inherit = "crm.encrypted.mixin"
    _description = "Sensitive Customer Value"
    _order = "partner_id, attribute_sequence, attribute_id"
    _rec_name = "attribute_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="cascade",
    )
    attribute_id = fields.Many2one(
        "crm.sensitive.attribute",
        required=True,
        ondelete="restrict",
    )
    attribute_sequence = fields.Integer(
        related="attribute_id.sequence", store=True, string="Attribute Sequence"
    )
    value = fields.Char(
        compute="_compute_value",
        inverse="_inverse_value",
        search="_search_value",
        help="Stored encrypted (AES-256-GCM) with the key of the server "
        "configuration; only an exact value can be searched.",
    )
    value_encrypted = fields.Char(
        string="Value (encrypted)", readonly=True, groups="base.group_system"
    )
    value_hash = fields.Char(
        string="Value (search hash)",
        readonly=True,
        index="btree_not_null",
        groups="base.group_system",
    )

    _attribute_unique = models.Constraint(
        "UNIQUE(partner_id, attribute_id)",
        "A customer has one value per sensitive attribute.",
    )

    def _crm_encryption_label(self, fname):
        # the ciphertext is bound to its attribute: copied to another
        # attribute's value, it does not decrypt
        return f"{super()._crm_encryption_label(fname)}:{self.attribute_id.id}"

    @api.model
    def _crm_encrypted_fields(self):
        return {"value_encrypted": "value_hash"}

    def _crm_unmasked(self):
        """The values of ``self`` the user reads in full."""
        unmasked_partners = self.partner_id._crm_personal_data_unmasked(strict=True)
        return self.filtered(lambda value: value.partner_id in unmasked_partners)

    @api.depends("value_encrypted", "attribute_id")
    @api.depends_context("uid", "company")
    def _compute_value(self):
        unmasked = self._crm_unmasked()
        cipher = None
        # sudo: the ciphertext column is administrator-only; the user already
        # reads the value record, and only the (masked) value is handed back
        for record, record_sudo in zip(self, self.sudo(), strict=True):
            token = record_sudo.value_encrypted
            if not token:
                record.value = False
                continue
            cipher = cipher or CrmCipher.from_config(self.env)
            plaintext = cipher.decrypt(
                token, record_sudo._crm_encryption_label("value_encrypted")
            )
            record.value = (
                plaintext if record in unmasked else mask_identifier(plaintext)
            )

    def _inverse_value(self):
        cipher = CrmCipher.from_config(self.env)
        for record in self:
            value = record._crm_clean_value(record.value, record.attribute_id)
            # sudo: the user writes the value record (checked by the ORM
            # before the inverse runs); the encrypted columns are
            # administrator-only
            record.sudo().write(
                {
                    "value_encrypted": cipher.encrypt(
                        value, record._crm_encryption_label("value_encrypted")
                    ),
                    "value_hash": cipher.search_hash(value),
                }
            )

    def _search_value(self, operator, value):
        if operator != "in":
            raise UserError(
                self.env._(
                    "Value: sensitive values are stored encrypted, so they can only "
                    "be searched for an exact value (operator '=' or 'in'), not "
                    "with %(operator)s.",
                    operator=operator,
                )
            )
        texts = {str(v).strip() for v in value if v is not False} - {""}
        if not texts:
            return Domain.FALSE
        cipher = CrmCipher.from_config(self.env)
        hashes = [cipher.search_hash(text) for text in texts]
        # sudo: the hash column is administrator-only; the subquery only
        # yields ids, filtered afterwards by the user's own access rules
        return Domain("id", "in", self.sudo()._search([("value_hash", "in", hashes)]))

    @api.model
    def _crm_clean_value(self, value, attribute):
        """The value to store, stripped; a clear error when there is none."""
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(
                self.env._(
                    "Value: enter the %(attribute)s of the customer, or delete "
                    "the line.",
                    attribute=attribute.name or self.env._("sensitive value"),
                )
            )
        return value.strip()

    @api.model_create_multi
    def create(self, vals_list):
        # checked before anything is written: a value is required, and it is
        # not a stored column the ORM would check
        Attribute = self.env["crm.sensitive.attribute"]
        for vals in vals_list:
            self._crm_clean_value(
                vals.get("value"), Attribute.browse(vals.get("attribute_id"))
            )
        return super().create(vals_list)

    def write(self, vals):
        if "attribute_id" in vals and any(
            record.attribute_id.id != vals["attribute_id"] for record in self
        ):
            raise UserError(
                self.env._(
                    "Attribute: the attribute of a sensitive value cannot change; "
                    "delete the line and add a value for the other attribute."
                )
            )
        if "value" in vals:
            for record in self:
                self._crm_clean_value(vals["value"], record.attribute_id)
        return super().write(vals)

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        if "value" in fnames and result:
            records = self.browse(vals["id"] for vals in result)
            records._crm_log_access("read")
        return result

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        if ["value"] in fields:
            self._crm_log_access("export")
        return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)

    def _crm_log_access(self, access_type):
        """Log the user's unmasked access to these values, by customer."""
        Partner = self.env["res.partner"]
        if not Partner._crm_personal_data_applies():
            return
        attributes_by_partner = defaultdict(set)
        for value in self.filtered("id")._crm_unmasked():
            attributes_by_partner[value.partner_id].add(value.attribute_id.name)
        partners_by_attributes = defaultdict(lambda: Partner)
        for partner, names in attributes_by_partner.items():
            partners_by_attributes[frozenset(names)] |= partner
        for names, partners in partners_by_attributes.items():
            self.env["crm.personal.data.access.log"]._crm_log(
                partners, access_type, names, always=True
            )

    def action_crm_reveal(self):
        """Return the full value and log who saw it, when, and which
        attribute of which customer."""
        self.ensure_one()
        self.check_access("read")
        if not self.partner_id._crm_personal_data_clear_user(strict=True):
            raise AccessError(
                self.env._(
                    "%(attribute)s: only users of the Personal Data group may see "
                    "sensitive values. Ask your Data Protection Officer.",
                    attribute=self.attribute_id.name,
                )
            )
        self.env["crm.personal.data.access.log"]._crm_log(
            self.partner_id, "reveal", [self.attribute_id.name]
        )
        return self.sudo().value

    def action_crm_reveal_notify(self):
        """List button: reveal the value in a notice."""
        value = self.action_crm_reveal()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.attribute_id.name,
                "message": value,
                "sticky": True,
            },
        }
