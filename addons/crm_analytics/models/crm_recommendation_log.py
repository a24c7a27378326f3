# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.crm_fresh_loyalty.report.crm_purchase_fact import CHANNELS


class CrmRecommendationLog(models.Model):
    """A recommended product offered on an order, and whether it was bought.

    Written when staff or the customer add a recommended product to an order
    (*Add* on a quotation's recommendations, the shop's suggestions, the
    till's customer panel): the order then holds the product. The product is
    *bought* when the order is (the quotation confirmed, the POS order paid)
    with the product still on it. The recommendation hit rate of the KPIs is
    the share of the logs of a period that were bought.

    The recommendations themselves are rebuilt every night; the log keeps
    what was offered.
    """

    _name = "crm.recommendation.log"
    _description = "Recommendation Offered"
    _order = "added_on desc, id desc"
    _rec_name = "product_id"

    company_id = fields.Many2one("res.company", required=True, readonly=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    product_id = fields.Many2one(
        "product.product", required=True, readonly=True, ondelete="cascade"
    )
    channel = fields.Selection(CHANNELS, required=True, readonly=True)
    order_model = fields.Char(required=True, readonly=True)
    order_id = fields.Many2oneReference(
        string="Order ID", model_field="order_model", required=True, readonly=True
    )
    order_ref = fields.Char(string="Order", readonly=True)
    added_on = fields.Datetime(
        required=True, readonly=True, default=fields.Datetime.now
    )
    bought_on = fields.Datetime(
        readonly=True,
        help="When the order holding the recommended product was confirmed or "
        "paid; empty while it is not.",
    )

    _order_product_unique = models.UniqueIndex(
        "(order_model, order_id, product_id)",
        "A recommended product is offered once per order.",
    )
    _added_on_idx = models.Index("(company_id, added_on)")

    @api.model
    def _crm_mark_bought(self, order_model, orders, bought_on=None):
        """Mark bought the logs of ``orders`` whose product is still on
        them; ``orders`` have an ``order_line`` or ``lines`` of products."""
        logs = self.search(
            [
                ("order_model", "=", order_model),
                ("order_id", "in", orders.ids),
                ("bought_on", "=", False),
            ]
        )
        lines_field = "order_line" if "order_line" in orders._fields else "lines"
        products = {order.id: order[lines_field].product_id for order in orders}
        logs.filtered(lambda log: log.product_id in products[log.order_id]).write(
            {"bought_on": bought_on or fields.Datetime.now()}
        )
