# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

    crm_mailing_id = fields.Many2one(
        "mailing.mailing",
        string="Campaign",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
        help="The campaign that gave the customer this coupon.",
    )

    # One coupon per customer and campaign, even when two runs of the
    # campaign's send overlap or a batch is sent again.
    _crm_mailing_partner_uniq = models.UniqueIndex(
        "(crm_mailing_id, partner_id) WHERE crm_mailing_id IS NOT NULL",
        "A campaign gives each customer one coupon.",
    )
