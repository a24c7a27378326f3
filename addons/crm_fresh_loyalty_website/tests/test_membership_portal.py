# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.crm_fresh_loyalty.tools import points_flow

from .common import ShopMemberCase


@tagged("post_install", "-at_install")
class TestMembershipPortal(ShopMemberCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.card._crm_set_tier(cls.gold, "manual", "Test")
        cls.card._crm_adjust_points(120.0, "Welcome points", "Welcome points")
        cls.coupon_program = cls.env["loyalty.program"].create(
            {
                "name": "Melon week coupon",
                "program_type": "coupons",
                "reward_ids": [Command.create({"reward_type": "discount"})],
            }
        )
        cls.coupon = cls.env["loyalty.card"].create(
            {
                "program_id": cls.coupon_program.id,
                "partner_id": cls.member.id,
                "points": 1,
                "code": "MELON-4242",
            }
        )

    def _membership_page(self):
        self.authenticate("gold_member", "gold_member")
        response = self.url_open("/my/membership")
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_page_shows_tier_and_benefits(self):
        page = self._membership_page()
        self.assertIn("o_crm_membership_tier_name", page)
        self.assertIn("Gold", page)
        self.assertIn("Free delivery", page)
        self.assertIn("Gold members", page)

    def test_page_shows_progress_to_next_tier(self):
        self.card._crm_set_tier(self.silver, "manual", "Test")
        page = self._membership_page()
        self.assertIn("o_crm_membership_next", page)
        self.assertIn(">0%</div>", page)

    def test_page_shows_balance_and_history(self):
        page = self._membership_page()
        self.assertIn("120.00", page)
        self.assertIn("Welcome points", page)

    def test_manager_reason_stays_internal(self):
        reason = "Customer shouted at the desk, settling to calm him down"
        manager = new_test_user(
            self.env,
            login="care_boss",
            groups="crm_fresh_loyalty.group_customer_care_manager",
        )
        self.env["crm.points.adjust.wizard"].with_user(manager).create(
            {"card_id": self.card.id, "points": 30, "reason": reason}
        ).action_apply()
        page = self._membership_page()
        self.assertIn("150.00", page)
        self.assertIn("Points adjusted by customer care", page)
        self.assertNotIn(reason, page)
        # Nor on Odoo's own loyalty pages: the card's history and its dialog.
        history = self.url_open(f"/my/loyalty_card/{self.card.id}/history")
        self.assertEqual(history.status_code, 200)
        self.assertIn("Points adjusted by customer care", history.text)
        self.assertNotIn(reason, history.text)
        dialog = self.make_jsonrpc_request(
            f"/my/loyalty_card/{self.card.id}/values", {"card_id": self.card.id}
        )
        descriptions = [line["description"] for line in dialog["history_lines"]]
        self.assertIn("Points adjusted by customer care", descriptions)
        self.assertNotIn(reason, descriptions)

    def test_history_points_show_two_decimals(self):
        # 1.5 points per unit on an order of 1,003.57: as the balance shows it
        # a line earned before whole points, with its balance
        points_flow(self.env["loyalty.history"]).create(
            {"card_id": self.card.id, "description": "Order S0042", "issued": 1505.355}
        )
        points_flow(self.card).points += 1505.355
        page = self._membership_page()
        self.assertIn("1,505.36", page)
        self.assertNotIn("1,505.355", page)

    def test_page_shows_coupons(self):
        self.assertIn("MELON-4242", self._membership_page())

    def test_page_shows_only_own_coupons(self):
        other = new_test_user(
            self.env, login="other_member", groups="base.group_portal"
        )
        self.coupon.partner_id = other.partner_id
        self.assertNotIn("MELON-4242", self._membership_page())

    def test_home_links_membership(self):
        self.authenticate("gold_member", "gold_member")
        response = self.url_open("/my/home")
        self.assertIn('href="/my/membership"', response.text)

    def test_non_member_is_told_how_to_join(self):
        new_test_user(self.env, login="newcomer", groups="base.group_portal")
        self.authenticate("newcomer", "newcomer")
        response = self.url_open("/my/membership")
        self.assertIn("You are not a member yet", response.text)


@tagged("post_install", "-at_install")
class TestCompanyMembershipPortal(ShopMemberCase):
    """The card of a company customer, on the portal of its contacts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.partner"].create(
            {"name": "Green Grocers Ltd", "is_company": True}
        )
        cls.company_card = cls.env["loyalty.card"].create(
            {"program_id": cls.program.id, "partner_id": cls.company.id}
        )
        cls.company_card._crm_adjust_points(345.0, "Welcome points", "Welcome points")
        cls.buyer_user = new_test_user(
            cls.env, login="company_buyer", groups="base.group_portal"
        )
        cls.buyer_user.partner_id.parent_id = cls.company

    def _membership_page(self):
        self.authenticate("company_buyer", "company_buyer")
        response = self.url_open("/my/membership")
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_key_contact_sees_the_company_points(self):
        self.buyer_user.partner_id.crm_is_key_contact = True
        page = self._membership_page()
        self.assertIn("345.00", page)
        self.assertIn("Welcome points", page)

    def test_other_contact_is_told_the_points_are_the_company_s(self):
        page = self._membership_page()
        self.assertNotIn("345.00", page)
        self.assertNotIn("Welcome points", page)
        self.assertIn("o_crm_membership_company", page)
        self.assertIn("Green Grocers Ltd", page)

    def _shop_melons(self, quantity, pay=True):
        """The contact puts melons in the cart and pays: the payment confirms
        the order."""
        self.authenticate("company_buyer", "company_buyer")
        self.make_jsonrpc_request(
            "/shop/cart/add",
            {
                "product_template_id": self.melon.product_tmpl_id.id,
                "product_id": self.melon.id,
                "quantity": quantity,
            },
        )
        order = self.env["sale.order"].search(
            [("partner_id", "=", self.buyer_user.partner_id.id)],
            order="id desc",
            limit=1,
        )
        if pay:
            order.action_confirm()
        return order

    def test_contact_shopping_online_earns_on_the_company_card(self):
        order = self._shop_melons(2)
        self.assertEqual(order.state, "sale")
        self.assertEqual(self.company_card.points, 345.0 + 200.0)
        self.assertFalse(
            self.env["loyalty.card"].search(
                [
                    ("partner_id", "=", self.buyer_user.partner_id.id),
                    ("program_id", "=", self.program.id),
                ]
            )
        )

    def test_contact_cart_offers_the_company_points(self):
        cart = self._shop_melons(1, pay=False)
        rewards = cart._get_claimable_and_showable_rewards()
        self.assertIn(self.company_card, rewards)
