# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    crm_recommendation_ids = fields.Many2many(
        "crm.product.recommendation",
        string="Recommendations",
        compute="_compute_crm_recommendation_ids",
        help="Products recommended to the customer (cross-sell of the nightly "
        "analytics) that the order does not hold yet.",
    )

    @api.depends("partner_id", "company_id", "order_line.product_id")
    def _compute_crm_recommendation_ids(self):
        Recommendation = self.env["crm.product.recommendation"]
        orders = self.filtered(lambda order: order.partner_id and order.company_id)
        recommendations = defaultdict(lambda: Recommendation)
        if orders:
            for recommendation in Recommendation.search_fetch(
                [
                    ("partner_id", "in", orders.partner_id.commercial_partner_id.ids),
                    ("company_id", "in", orders.company_id.ids),
                ],
                ["partner_id", "company_id", "product_id", "rank"],
                order="rank",
            ):
                key = (recommendation.partner_id, recommendation.company_id)
                recommendations[key] |= recommendation
        for order in self:
            key = (order.partner_id.commercial_partner_id, order.company_id)
            order.crm_recommendation_ids = recommendations[key].filtered(
                lambda r, order=order: r.product_id not in order.order_line.product_id
            )

    def _crm_add_recommended_products(self, products, channel):
        """Add ``products`` (recommended to the customer) on new lines of the
        quotation, and log the offer for the recommendation hit rate."""
        self.ensure_one()
        self.check_access("write")
        if self.state not in ("draft", "sent") or self.locked:
            raise UserError(
                self.env._(
                    "%(order)s is no longer a quotation: add recommended products "
                    "to a quotation.",
                    order=self.name,
                )
            )
        self.order_line = [
            Command.create({"product_id": product.id}) for product in products
        ]
        self._crm_log_recommended_offers(products, channel)

    def _crm_log_recommended_offers(self, products, channel):
        """Log ``products``, recommended to the customer, as offered on the
        order (once per order and product), for the recommendation hit
        rate. The caller checked the user may edit the order."""
        self.ensure_one()
        # sudo: the log is the system's record of the offer
        Log = self.env["crm.recommendation.log"].sudo()
        logged = Log.search(
            [("order_model", "=", self._name), ("order_id", "=", self.id)]
        ).product_id
        Log.create(
            [
                {
                    "company_id": self.company_id.id,
                    "partner_id": self.partner_id.commercial_partner_id.id,
                    "product_id": product.id,
                    "channel": channel,
                    "order_model": self._name,
                    "order_id": self.id,
                    "order_ref": self.name,
                }
                for product in products - logged
            ]
        )

    def _action_confirm(self):
        res = super()._action_confirm()
        # sudo: the log is written for whoever confirms the order
        self.env["crm.recommendation.log"].sudo()._crm_mark_bought(self._name, self)
        return res
