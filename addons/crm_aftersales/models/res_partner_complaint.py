# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    crm_compensation_ids = fields.One2many(
        "crm.complaint.compensation", "partner_id", string="Compensations"
    )
    crm_compensation_count = fields.Integer(
        string="Compensation Count", compute="_compute_crm_complaint_counts"
    )
    crm_rating_count = fields.Integer(
        string="Satisfaction", compute="_compute_crm_complaint_counts"
    )

    def _compute_crm_complaint_counts(self):
        counts = self._crm_count_by_partner(
            {
                "compensations": (
                    "crm.complaint.compensation",
                    [("partner_id", "in", self.commercial_partner_id.ids)],
                ),
                "ratings": ("rating.rating", self._crm_rating_domain()),
            }
        )
        for partner in self:
            partner.crm_compensation_count = counts["compensations"].get(
                partner.commercial_partner_id.id, 0
            )
            partner.crm_rating_count = counts["ratings"].get(partner.id, 0)

    def _crm_rating_domain(self):
        return [
            ("res_model", "=", "helpdesk.ticket"),
            ("partner_id", "in", self.ids),
            ("consumed", "=", True),
        ]

    def action_crm_view_compensations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_aftersales.crm_complaint_compensation_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {}
        return action

    def action_crm_view_ratings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt_rating.helpdesk_ticket_rating_action"
        )
        action["domain"] = self._crm_rating_domain()
        action["context"] = {}
        return action
