# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import SQL, frozendict


class CrmPurchaseFact(models.Model):
    _inherit = "crm.purchase.fact"

    _depends = frozendict({"sale.order": ["crm_compensation_id"]})

    @api.model
    def _sale_purchase_sql(self, order_alias):
        # A free order reissuing goods as a compensation is no purchase.
        return SQL(
            "%s AND %s IS NULL",
            super()._sale_purchase_sql(order_alias),
            SQL.identifier(order_alias, "crm_compensation_id"),
        )
