# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CrmPersonalDataThreshold(models.Model):
    """The unusual access limit of a role: how many customers a user of the
    group may open, export or reveal within an hour before the Data
    Protection Officers are alerted. A user of several such groups gets the
    highest of their limits; a user of none, the company's limit."""

    _name = "crm.personal.data.threshold"
    _description = "Unusual Personal Data Access Limit"
    _order = "company_id, group_id"
    _rec_name = "group_id"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        ondelete="cascade",
    )
    group_id = fields.Many2one(
        "res.groups", string="Role", required=True, ondelete="cascade"
    )
    max_customers = fields.Integer(
        string="Customers per Hour",
        required=True,
        help="Customers whose personal data a user of this role may open, "
        "export or reveal within an hour without an alert.",
    )

    _group_unique = models.Constraint(
        "UNIQUE(company_id, group_id)",
        "Unusual access limits: a role has one limit per company.",
    )
    _limit_positive = models.Constraint(
        "CHECK(max_customers > 0)",
        "Unusual access limits: enter at least one customer per hour.",
    )

    @api.model
    def _crm_limit(self, user, company):
        """The hourly limit of ``user`` in ``company``."""
        # sudo: the limits are the officer's configuration; the user whose
        # access is being counted only needs the number
        limits_sudo = self.sudo().search(
            [
                ("company_id", "=", company.id),
                ("group_id", "in", user.all_group_ids.ids),
            ]
        )
        if limits_sudo:
            return max(limits_sudo.mapped("max_customers"))
        return company.crm_personal_data_alert_threshold
