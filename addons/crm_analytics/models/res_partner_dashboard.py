# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    """The relations the dashboard's drill-downs search customers through:
    ``[('crm_analytics_ids', 'any', [segment...])]`` and
    ``[('crm_purchase_fact_ids', 'any', [purchases of a period...])]``, so
    that the customer list opened from a figure is a plain domain, evaluated
    with the user's access rules, rather than a list of ids."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    crm_analytics_ids = fields.One2many(
        "crm.customer.analytics", "partner_id", string="Analytics per Company"
    )
    crm_purchase_fact_ids = fields.One2many(
        "crm.purchase.fact", "partner_id", string="Purchase Facts"
    )
