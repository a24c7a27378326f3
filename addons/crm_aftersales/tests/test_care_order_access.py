# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestCareOrderAccess(HttpCase):
    """A care agent who also sells (Sales / Own Documents Only, as the demo's
    care desk) names the order of a complaint or a return, sold by someone
    else, from the Order field over JSON-RPC as the web client does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(
            cls.env,
            login="care_orders",
            groups="crm_fresh_loyalty.group_customer_care_user,"
            "sales_team.group_sale_salesman",
        )
        seller = new_test_user(
            cls.env, login="care_orders_seller", groups="sales_team.group_sale_salesman"
        )
        cls.customer = cls.env["res.partner"].create({"name": "Zhou Min"})
        cls.order = cls.env["sale.order"].create(
            {
                "name": "SO-CARE-0001",
                "partner_id": cls.customer.id,
                "user_id": seller.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.env["product.product"]
                            .create({"name": "Yangmei", "list_price": 40.0})
                            .id
                        }
                    )
                ],
            }
        )
        cls.order.action_confirm()

    def _call_kw(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def _order_choices(self, holder_model, field_name):
        """What the Order field of a new complaint or return of the customer
        offers: its domain, evaluated for the customer, then name_search."""
        field = self.env[holder_model]._fields[field_name]
        domain = [
            ("partner_id", "child_of", self.customer.id),
            *([("state", "=", "sale")] if "state" in field.domain else []),
        ]
        return self._call_kw(
            "sale.order", "name_search", [], {"name": "SO-CARE", "domain": domain}
        )

    def test_complaint_order_field_lists_the_customers_orders(self):
        self.authenticate("care_orders", "care_orders")
        choices = self._order_choices("helpdesk.ticket", "crm_sale_order_id")
        self.assertEqual([order_id for order_id, _name in choices], self.order.ids)

    def test_return_order_field_lists_the_customers_orders(self):
        self.authenticate("care_orders", "care_orders")
        choices = self._order_choices("rma", "order_id")
        self.assertEqual([order_id for order_id, _name in choices], self.order.ids)
        [line] = self._call_kw(
            "sale.order.line",
            "search_read",
            [[("order_id", "=", self.order.id)], ["product_id"]],
        )
        self.assertEqual(line["product_id"][1], "Yangmei")

    @mute_logger("odoo.http")
    def test_care_agent_cannot_change_the_order(self):
        self.authenticate("care_orders", "care_orders")
        with self.assertRaisesRegex(Exception, "AccessError"):
            self._call_kw(
                "sale.order", "write", [self.order.ids, {"client_order_ref": "x"}]
            )
        self.assertFalse(self.order.client_order_ref)
