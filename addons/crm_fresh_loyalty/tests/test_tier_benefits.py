# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import MembershipCase


@tagged("post_install", "-at_install")
class TestTierDiscount(MembershipCase):
    """The tier's discount is a rule of the tier's pricelist, which members
    buy at."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gold.discount_percent = 10
        cls.card._crm_set_tier(cls.gold, "manual", "Test")
        cls.guest = cls.env["res.partner"].create({"name": "Zhao Lei"})

    def _rule(self, tier):
        return self.env["product.pricelist.item"].search(
            [("crm_tier_id", "=", tier.id)]
        )

    def _quotation_amount(self, partner):
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [Command.create({"product_id": self.apples.id})],
            }
        )
        return order.amount_untaxed

    def test_discount_is_a_rule_of_a_new_tier_pricelist(self):
        rule = self._rule(self.gold)
        self.assertEqual(rule.pricelist_id, self.gold.pricelist_id)
        self.assertEqual(
            (rule.applied_on, rule.compute_price, rule.percent_price),
            ("3_global", "percentage", 10.0),
        )

    def test_discount_change_updates_the_rule(self):
        self.gold.discount_percent = 15
        self.assertEqual(self._rule(self.gold).percent_price, 15.0)

    def test_no_discount_removes_the_rule(self):
        pricelist = self.gold.pricelist_id
        self.gold.discount_percent = 0
        self.assertFalse(self._rule(self.gold))
        self.assertEqual(self.gold.pricelist_id, pricelist)

    def test_discount_joins_the_pricelist_of_the_tier(self):
        pricelist = self.env["product.pricelist"].create({"name": "Silver prices"})
        self.silver.write({"pricelist_id": pricelist.id, "discount_percent": 5})
        self.assertEqual(self._rule(self.silver).pricelist_id, pricelist)

    def test_member_quotation_has_the_tier_discount(self):
        self.assertEqual(self._quotation_amount(self.member), 9.0)

    def test_non_member_quotation_has_the_sales_price(self):
        self.assertEqual(self._quotation_amount(self.guest), 10.0)

    def test_tier_pricelist_is_never_the_default_of_others(self):
        self.gold.pricelist_id.sequence = 1
        self.assertNotEqual(
            self.guest.property_product_pricelist, self.gold.pricelist_id
        )

    def test_product_price_of_the_tier_pricelist_wins(self):
        self.env["product.pricelist.item"].create(
            {
                "pricelist_id": self.gold.pricelist_id.id,
                "applied_on": "0_product_variant",
                "product_id": self.apples.id,
                "compute_price": "fixed",
                "fixed_price": 7.0,
            }
        )
        self.assertEqual(self._quotation_amount(self.member), 7.0)

    def test_pricelist_set_on_the_customer_wins(self):
        negotiated = self.env["product.pricelist"].create({"name": "Negotiated"})
        self.member.property_product_pricelist = negotiated
        self.assertEqual(self.member.property_product_pricelist, negotiated)
        self.assertEqual(self._quotation_amount(self.member), 10.0)

    def test_leaving_the_tier_leaves_its_prices(self):
        self.assertEqual(self.member.property_product_pricelist, self.gold.pricelist_id)
        self.card._crm_set_tier(self.silver, "manual", "Test")
        self.assertNotEqual(
            self.member.property_product_pricelist, self.gold.pricelist_id
        )
        self.assertEqual(self._quotation_amount(self.member), 10.0)

    def test_rule_edited_by_hand_is_refused(self):
        with self.assertRaises(ValidationError):
            self._rule(self.gold).percent_price = 50

    def test_rule_deleted_by_hand_is_refused(self):
        with self.assertRaises(UserError):
            self._rule(self.gold).unlink()

    def test_tier_pricelist_cannot_be_deleted(self):
        with self.assertRaises(UserError):
            self.gold.pricelist_id.unlink()

    def test_discount_switches_pricelists_on(self):
        feature = "product.group_product_pricelist"
        self.env.ref("base.group_user")._remove_group(self.env.ref(feature))
        self.assertFalse(self.env["res.groups"]._is_feature_enabled(feature))
        self.silver.discount_percent = 5
        self.assertTrue(self.env["res.groups"]._is_feature_enabled(feature))


@tagged("post_install", "-at_install")
class TestProfileBirthdate(MembershipCase):
    def test_birthdate_in_the_future_is_refused(self):
        tomorrow = fields.Date.context_today(self.member) + timedelta(days=1)
        with self.assertRaises(ValidationError):
            self.member.birthdate_date = tomorrow
