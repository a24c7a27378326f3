# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    def write(self, vals):
        result = super().write(vals)
        if "stage_id" in vals:
            self.filtered(
                lambda t: t.crm_is_complaint and t.partner_id
            )._crm_notify_complaint_update()
        return result

    def _crm_notify_complaint_update(self):
        """Tell the customers the stage their complaint reached, once per
        stage, through the suite's customer messages: a service message, so
        not capped by the daily limit."""
        return self._crm_notify(
            lambda ticket: f"complaint_stage:{ticket.stage_id.id}",
            "crm_aftersales.mail_template_complaint_update",
            "crm_aftersales.sms_template_complaint_update",
            kind="service",
        )

    def _track_template(self, tracking):
        res = super()._track_template(tracking)
        # The complaint update above replaces the stage's own email.
        if self[:1].crm_is_complaint:
            res.pop("stage_id", None)
        return res
