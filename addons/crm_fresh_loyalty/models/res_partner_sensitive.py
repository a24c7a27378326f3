# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .crm_sensitive_value import mask_identifier


class ResPartner(models.Model):
    """Sensitive attributes of the customer: encrypted values of the
    attributes the administrators list, masked like the national ID for care
    users without the Personal Data group, exported and erased with the rest
    of the customer's personal data."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    crm_sensitive_value_ids = fields.One2many(
        "crm.sensitive.value",
        "partner_id",
        string="Sensitive Data",
        groups="crm_fresh_loyalty.group_customer_care_user",
    )

    def _crm_personal_data_maskers(self):
        maskers = super()._crm_personal_data_maskers()
        maskers["crm_national_id"] = lambda partner, value: mask_identifier(value)
        return maskers

    def action_crm_open_sensitive_data(self):
        """The customer's sensitive values, in a list of their own."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Sensitive Data of %(customer)s", customer=self.name),
            "res_model": "crm.sensitive.value",
            "view_mode": "list",
            "domain": [("partner_id", "=", self.id)],
            "context": {"default_partner_id": self.id},
        }

    def _crm_personal_data(self):
        sections = super()._crm_personal_data()
        sections[self.env._("Sensitive data")] = self._crm_export_rows(
            self.crm_sensitive_value_ids, ["attribute_id", "value"]
        )
        return sections

    def anonymize_partner_data(self):
        res = super().anonymize_partner_data()
        # sudo: the caller may anonymise this customer (checked above); the
        # values and their change logs are Personal Data and audit records
        values_sudo = self.sudo().crm_sensitive_value_ids
        value_ids = values_sudo.ids
        values_sudo.unlink()
        self.env["auditlog.log"].sudo().search(
            [("model_model", "=", "crm.sensitive.value"), ("res_id", "in", value_ids)]
        ).unlink()
        return res
