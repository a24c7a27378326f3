# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import Command
from odoo.tests import tagged

from odoo.addons.crm_fresh_loyalty.tests.test_points_mall import mall_values

from .common import ShopMemberCase


@tagged("post_install", "-at_install")
class TestPointsMallPortal(ShopMemberCase):
    """The member exchanges points for rewards on My Membership."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coupon_program, cls.coupon_reward, cls.donation = mall_values(cls.program)
        cls.card._crm_adjust_points(250, "Welcome points", "Welcome points")

    def _redeem(self, reward, url_prefix=""):
        """Redeem ``reward`` with the form of the page, as the browser does."""
        self.authenticate("gold_member", "gold_member")
        page = self.url_open(f"{url_prefix}/my/membership").text
        self.assertIn("o_crm_membership_mall", page)
        form = re.search(
            rf'action="{url_prefix}/my/membership/mall/{reward.id}".*?'
            r'name="csrf_token" value="([^"]+)".*?name="request_key" value="([^"]+)"',
            page,
            re.DOTALL,
        )
        data = {"csrf_token": form.group(1), "request_key": form.group(2)}
        url = f"{url_prefix}/my/membership/mall/{reward.id}"
        return self.url_open(url, data=data), data, url

    def test_member_redeems_a_coupon_and_uses_it_on_an_order(self):
        response, data, url = self._redeem(self.coupon_reward)
        self.assertEqual(response.status_code, 200)
        coupon = self.coupon_program.coupon_ids
        self.assertEqual(coupon.partner_id, self.member)
        self.assertIn(coupon.code, response.text)
        self.assertEqual(self.card.points, 50.0)
        # The same form sent again (a double click) redeems nothing more.
        self.url_open(url, data=data)
        self.assertEqual(self.card.points, 50.0)
        self.assertEqual(len(self.coupon_program.coupon_ids), 1)
        # The coupon takes 10 off the member's next order of 50 or more.
        order = self.env["sale.order"].create(
            {
                "partner_id": self.member.id,
                "order_line": [Command.create({"product_id": self.melon.id})],
            }
        )
        self.assertNotIn("error", order._try_apply_code(coupon.code))
        order._apply_program_reward(self.coupon_program.reward_ids, coupon)
        self.assertEqual(order.amount_total, order.amount_untaxed)
        self.assertEqual(
            order.order_line.filtered("reward_id").price_subtotal,
            -10.0,
        )

    def test_donation_is_thanked(self):
        response, _data, _url = self._redeem(self.donation)
        self.assertIn("o_crm_mall_redeemed", response.text)
        self.assertEqual(self.card.points, 150.0)
        line = self.card.history_ids.filtered("crm_mall_reward_id")
        self.assertEqual(line.crm_move_type, "redeemed")

    def test_not_enough_points_is_refused_in_the_members_language(self):
        lang = self.env["res.lang"]._activate_lang("zh_CN")
        self.env["website"].get_current_website().language_ids |= lang
        self.member.lang = "zh_CN"
        self.card._crm_adjust_points(-100, "Correction", "Correction")
        response, _data, _url = self._redeem(
            self.coupon_reward, url_prefix=f"/{lang.url_code}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_crm_mall_error", response.text)
        self.assertIn("需要 200 积分", response.text)
        self.assertEqual(self.card.points, 150.0)
        self.assertFalse(self.coupon_program.coupon_ids)
