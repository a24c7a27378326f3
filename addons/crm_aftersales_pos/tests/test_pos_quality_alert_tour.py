# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon


@tagged("post_install", "-at_install")
class TestPosQualityAlertTour(TestPointOfSaleHttpCommon):
    """At the till, a lot under quality alert is refused to a cashier and
    sold by a manager who says why."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.strawberries = cls.env["product.product"].create(
            {
                "name": "Dandong strawberries",
                "is_storable": True,
                "tracking": "lot",
                "available_in_pos": True,
                "list_price": 20,
                "taxes_id": False,
            }
        )
        cls.lot = cls.env["stock.lot"].create(
            {
                "name": "STR-0601",
                "product_id": cls.strawberries.id,
                "crm_quality_alert_date": fields.Datetime.now(),
            }
        )

    def test_cashier_is_refused_the_lot(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("crm_pos_quality_alert_refused")

    def test_manager_sells_the_lot_with_a_reason(self):
        self.main_pos_config.with_user(self.pos_admin).open_ui()
        self.start_pos_tour("crm_pos_quality_alert_override", login="pos_admin")
        pack = self.env["pos.pack.operation.lot"].search(
            [("lot_name", "=", "STR-0601")]
        )
        self.assertEqual(pack.order_id.state, "paid")
        self.assertEqual(
            pack.crm_quality_override_reason,
            "Checked again: only the top layer was soft",
        )
        self.assertIn(
            "Checked again: only the top layer was soft", self.lot.message_ids[0].body
        )
