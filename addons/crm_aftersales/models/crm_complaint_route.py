# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.fields import Domain


class CrmComplaintRoute(models.Model):
    """Which team handles the complaints of a category in a region.

    An empty category, state or city matches any. The first matching rule by
    sequence wins; without a match the company's fallback team takes it.
    """

    _name = "crm.complaint.route"
    _description = "Complaint Routing Rule"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    category_id = fields.Many2one("helpdesk.ticket.category", ondelete="cascade")
    country_id = fields.Many2one("res.country")
    state_id = fields.Many2one(
        "res.country.state",
        domain="[('country_id', '=?', country_id)]",
    )
    city = fields.Char(help="Matched without regard to case.")
    team_id = fields.Many2one(
        "helpdesk.ticket.team", required=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    _check_company_auto = True

    @api.model
    def _find_team(self, category, partner, company):
        """The team of the first rule matching the category and the address."""
        domain = (
            Domain("company_id", "=", company.id)
            & Domain("category_id", "in", [category.id, False])
            & Domain("country_id", "in", [partner.country_id.id, False])
            & Domain("state_id", "in", [partner.state_id.id, False])
        )
        city = (partner.city or "").strip().casefold()
        for route in self.search(domain):
            if not route.city or route.city.strip().casefold() == city:
                return route.team_id
        return company.crm_complaint_fallback_team_id
