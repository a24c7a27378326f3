# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class IrModelFields(models.Model):
    _inherit = "ir.model.fields"

    def _reflect_fields(self, model_names):
        # an addon installed or a custom field added: the suite's audit rules
        # keep logging only the fields the suite audits
        res = super()._reflect_fields(model_names)
        self.env["auditlog.rule"]._crm_sync_rules(model_names)
        return res
