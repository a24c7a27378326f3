# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    # The order totals of the purchase facts
    # (crm.purchase.fact._sale_order_fact_query) are summed from this index
    # alone, in order_id order, without reading the lines themselves.
    _crm_order_amount_index = models.Index(
        "(order_id) INCLUDE (price_subtotal) WHERE display_type IS NULL"
    )
