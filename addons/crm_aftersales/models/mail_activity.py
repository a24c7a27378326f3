# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        """Ask the satisfaction of the customers a care visit reached."""
        visits = self.filtered(
            lambda activity: (
                activity.activity_type_id.crm_asks_satisfaction
                and activity.crm_partner_id
                and activity.crm_outcome != "not_reached"
            )
        )
        vals_list = [
            {
                "partner_id": visit.crm_partner_id.id,
                "crm_company_id": (
                    visit.crm_partner_id.company_id
                    or visit.user_id.company_id
                    or self.env.company
                ).id,
                "crm_origin": "care_visit",
            }
            for visit in visits
        ]
        res = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        self.env["survey.user_input"]._crm_request_satisfaction(vals_list)
        return res
