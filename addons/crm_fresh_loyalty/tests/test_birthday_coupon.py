# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from psycopg2 import IntegrityError

from odoo import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MembershipCase

BIRTHDAY = date(2027, 3, 17)


def birthday_program_values(name="Birthday treat"):
    """A coupon program: 10% off an order, one coupon use."""
    return {
        "name": name,
        "program_type": "coupons",
        "applies_on": "current",
        "trigger": "with_code",
        "rule_ids": [
            Command.create({"reward_point_amount": 1, "reward_point_mode": "order"})
        ],
        "reward_ids": [
            Command.create(
                {
                    "reward_type": "discount",
                    "discount": 10,
                    "discount_mode": "percent",
                    "discount_applicability": "order",
                    "required_points": 1,
                }
            )
        ],
    }


@tagged("post_install", "-at_install")
class TestBirthdayCoupon(MembershipCase):
    """A tier's birthday gift as a coupon, issued on the birthday greeting."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.partner"].search([("birthdate_date", "!=", False)]).write(
            {"birthdate_date": False}
        )
        cls.company.crm_birthday_late_days = 3
        cls.birthday_program = cls.env["loyalty.program"].create(
            birthday_program_values()
        )
        cls.gold.birthday_program_id = cls.birthday_program
        cls.member.write(
            {
                "birthdate_date": date(1990, 3, 17),
                "crm_preferred_channel": "email",
            }
        )
        cls.card.sudo()._crm_set_tier(cls.gold, "manual", "Test")
        cls.Partner = cls.env["res.partner"]

    def _coupons(self):
        return self.env["loyalty.card"].search(
            [("program_id", "=", self.birthday_program.id)]
        )

    def _greeting_mail(self):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", self.member.id),
                ("subject", "like", "Happy birthday"),
            ]
        )

    def test_coupon_issued_once_and_named_in_greeting(self):
        self.Partner._crm_send_birthday_greetings(today=BIRTHDAY)
        self.Partner._crm_send_birthday_greetings(today=BIRTHDAY)
        self.Partner._crm_send_birthday_greetings(today=date(2027, 3, 18))
        coupon = self._coupons()
        self.assertEqual(len(coupon), 1)
        self.assertEqual(
            (coupon.partner_id, coupon.points, coupon.crm_birthday_year),
            (self.member, 1.0, 2027),
        )
        self.assertEqual(self.member.crm_birthday_coupon_id, coupon)
        mail = self._greeting_mail()
        self.assertEqual(len(mail), 1)
        self.assertIn(coupon.code, mail.body_html)
        self.assertIn("Birthday treat", mail.body_html)

    def test_coupon_again_next_year(self):
        self.Partner._crm_send_birthday_greetings(today=BIRTHDAY)
        self.Partner._crm_send_birthday_greetings(today=date(2028, 3, 17))
        self.assertEqual(
            sorted(self._coupons().mapped("crm_birthday_year")), [2027, 2028]
        )

    def test_no_coupon_without_tier_program(self):
        self.gold.birthday_program_id = False
        greeted = self.Partner._crm_send_birthday_greetings(today=BIRTHDAY)
        self.assertEqual(greeted, self.member)
        self.assertFalse(self._coupons())
        self.assertNotIn("coupon", self._greeting_mail().body_html)

    def test_second_coupon_same_year_refused_by_database(self):
        self.Partner._crm_send_birthday_greetings(today=BIRTHDAY)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["loyalty.card"].create(
                {
                    "program_id": self.birthday_program.id,
                    "partner_id": self.member.id,
                    "points": 1,
                    "crm_birthday_year": 2027,
                }
            )

    def test_coupon_redeemed_online(self):
        self.Partner._crm_send_birthday_greetings(today=BIRTHDAY)
        coupon = self.member.crm_birthday_coupon_id
        order = self._sell(self.member, 100, confirm=False)
        rewards = order._try_apply_code(coupon.code)
        self.assertEqual(list(rewards), [coupon])
        order._apply_program_reward(rewards[coupon], coupon)
        self.assertEqual(order.amount_total, 90.0)
        order.action_confirm()
        self.assertEqual(coupon.points, 0.0)
        # used: the code gives nothing on a second order
        second = self._sell(self.member, 100, confirm=False)
        self.assertIn("error", second._try_apply_code(coupon.code))
