# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.crm_fresh_loyalty.tests.common import points_program_values
from odoo.addons.point_of_sale.tests.common import CommonPosTest


@tagged("post_install", "-at_install")
class TestPosTierPricelist(CommonPosTest):
    """The POS knows the tier pricelists, so a member's order is priced with
    the tier's discount when the cashier sets the member."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        program = cls.env["loyalty.program"].create(points_program_values("Shop Club"))
        # CommonPosTest works as a POS user; tiers are a care manager's setup.
        cls.gold = (
            cls.env["crm.membership.tier"]
            .sudo()
            .create(
                {
                    "name": "Gold",
                    "program_id": program.id,
                    "qualify_spend": 100,
                    "discount_percent": 10,
                }
            )
        )
        cls.member = cls.env["res.partner"].create({"name": "Wang Fang"})
        cls.guest = cls.env["res.partner"].create({"name": "Zhao Lei"})
        cls.env["loyalty.card"].sudo().create(
            {
                "program_id": program.id,
                "partner_id": cls.member.id,
                "crm_tier_id": cls.gold.id,
            }
        )
        cls.config = cls.pos_config_usd

    def _partner_pricelist(self, partner):
        [values] = partner._load_pos_data_read(partner, self.config)
        return values["property_product_pricelist"]

    def test_tier_pricelist_is_loaded_in_the_pos(self):
        domain = self.env["product.pricelist"]._load_pos_data_domain(
            {"pos.preset": []}, self.config
        )
        loaded = self.env["product.pricelist"].search(domain)
        self.assertIn(self.gold.pricelist_id, loaded)
        self.assertNotIn(self.gold.pricelist_id, self.config.available_pricelist_ids)

    def test_member_comes_with_the_tier_pricelist(self):
        self.assertEqual(
            self._partner_pricelist(self.member), self.gold.pricelist_id.id
        )

    def test_non_member_keeps_the_default_pricelist(self):
        self.assertNotEqual(
            self._partner_pricelist(self.guest), self.gold.pricelist_id.id
        )
