# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import ShopMemberCase


@tagged("post_install", "-at_install")
class TestTierPricelist(ShopMemberCase):
    def test_upgrade_gives_tier_pricelist(self):
        self.card._crm_set_tier(self.gold, "manual", "Test")
        self.assertEqual(self.member.property_product_pricelist, self.gold_pricelist)

    def test_leaving_tier_gives_default_pricelist_back(self):
        default = self.member.property_product_pricelist
        self.card._crm_set_tier(self.gold, "manual", "Test")
        self.card._crm_set_tier(self.silver, "manual", "Test")
        self.assertEqual(self.member.property_product_pricelist, default)

    def test_pricelist_set_by_hand_is_kept(self):
        own = self.env["product.pricelist"].create({"name": "Negotiated"})
        self.card._crm_set_tier(self.gold, "manual", "Test")
        self.member.property_product_pricelist = own
        self.card._crm_set_tier(self.silver, "manual", "Test")
        self.assertEqual(self.member.property_product_pricelist, own)

    def test_gold_member_buys_at_tier_prices_in_shop(self):
        self.card._crm_set_tier(self.gold, "manual", "Test")
        self.authenticate("gold_member", "gold_member")
        response = self.url_open(self.melon.website_url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("85.00", response.text)
