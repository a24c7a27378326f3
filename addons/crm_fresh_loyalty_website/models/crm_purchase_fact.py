# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import SQL, frozendict


class CrmPurchaseFact(models.Model):
    _inherit = "crm.purchase.fact"

    _depends = frozendict({"sale.order": ["website_id"]})

    @api.model
    def _sale_channel_sql(self, order_alias):
        # Orders placed on a website are the e-commerce channel.
        return SQL(
            "CASE WHEN %s.website_id IS NOT NULL THEN 'ecommerce' ELSE %s END",
            SQL.identifier(order_alias),
            super()._sale_channel_sql(order_alias),
        )
