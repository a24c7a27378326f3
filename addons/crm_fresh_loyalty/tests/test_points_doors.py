# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Points change only through the sanctioned flows, whoever knocks.

A care-desk clerk with the sales rights of the demo (Odoo's *Balance*
button, a plain RPC ``write``), an administrator, and a manager's
adjustment with absurd values; every other way is refused, names the card
and says what to use instead."""

import psycopg2.errors
from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from ..tools import points_flow
from .common import MembershipCase


@tagged("post_install", "-at_install")
class TestPointsDoors(MembershipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The demo's care desk: Customer Care user with the sales rights that
        # give write access to cards and to Odoo's Balance dialog.
        cls.clerk = new_test_user(
            cls.env,
            login="care_clerk",
            groups="crm_fresh_loyalty.group_customer_care_user,"
            "sales_team.group_sale_salesman",
        )
        cls.care_manager.group_ids += cls.env.ref("sales_team.group_sale_salesman")
        cls.order = cls._sell_cls(cls.member, 100)

    @classmethod
    def _sell_cls(cls, partner, amount):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.apples.id,
                            "product_uom_qty": amount / 10.0,
                            "price_unit": 10.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        return order

    def assertUnchanged(self):
        self.card.invalidate_recordset()
        self.assertEqual(self.card.points, 100.0)
        line = self.card.history_ids
        self.assertEqual(
            (line.crm_move_type, line.issued, line.used),
            ("earned", 100.0, 0.0),
        )

    # Odoo's Balance dialog

    def _balance_dialog(self, user, new_balance, description="Goodwill"):
        return (
            self.env["loyalty.card.update.balance"]
            .with_user(user)
            .create(
                {
                    "card_id": self.card.id,
                    "new_balance": new_balance,
                    "description": description,
                }
            )
        )

    def test_balance_button_refuses_the_care_desk(self):
        with self.assertRaisesRegex(AccessError, self.card.code):
            self.card.with_user(self.clerk).action_loyalty_update_balance()
        with self.assertRaisesRegex(AccessError, "Adjust Points"):
            self._balance_dialog(self.clerk, 50000).action_update_card_point()
        self.assertUnchanged()

    def _balance_button_shown(self, user, card):
        """Whether ``user`` sees the Balance button on ``card``'s form."""
        Card = self.env["loyalty.card"].with_user(user)
        views = Card.get_views([(False, "form")])["views"]
        arch = etree.fromstring(views["form"]["arch"])
        (button,) = arch.xpath("//button[@name='action_loyalty_update_balance']")
        self.assertEqual(button.get("invisible"), "not crm_can_update_balance")
        return card.with_user(user).web_read({"crm_can_update_balance": {}})[0][
            "crm_can_update_balance"
        ]

    def test_balance_button_only_for_managers(self):
        self.assertFalse(self._balance_button_shown(self.clerk, self.card))
        self.assertTrue(self._balance_button_shown(self.care_manager, self.card))
        # Gift cards and eWallets keep Odoo's Balance button.
        gift_card = self.env["loyalty.card"].create(
            {
                "program_id": self.env["loyalty.program"]
                .create({"name": "Gift Cards", "program_type": "gift_card"})
                .id
            }
        )
        self.assertTrue(self._balance_button_shown(self.clerk, gift_card))

    def test_balance_button_is_the_managers_adjustment(self):
        action = self.card.with_user(self.care_manager).action_loyalty_update_balance()
        self.assertEqual(action["res_model"], "crm.points.adjust.wizard")
        self._balance_dialog(
            self.care_manager, 150, "Late delivery"
        ).action_update_card_point()
        self.assertEqual(self.card.points, 150.0)
        line = self.card.history_ids.filtered(lambda h: h.crm_move_type == "adjusted")
        self.assertEqual(
            (line.issued, line.description, line.create_uid),
            (50.0, "Late delivery", self.care_manager),
        )

    def test_balance_button_keeps_the_adjustment_limit(self):
        with self.assertRaisesRegex(ValidationError, "at most 10000"):
            self._balance_dialog(self.care_manager, 50000).action_update_card_point()
        self.assertUnchanged()

    # Plain writes, over RPC as the clerk or as an administrator

    def test_clerk_cannot_write_points(self):
        with self.assertRaisesRegex(UserError, f"Card {self.card.code}.*Adjust Points"):
            self.card.with_user(self.clerk).write({"points": 99999})
        self.assertUnchanged()

    def test_administrator_cannot_write_points(self):
        admin = self.env.ref("base.user_admin")
        for card in (self.card.with_user(admin), self.card.sudo()):
            with self.assertRaisesRegex(UserError, self.card.code):
                card.write({"points": 99999})
        self.assertUnchanged()

    def test_writing_the_same_balance_passes(self):
        # Odoo's own flows (a customer merge) rewrite unchanged balances.
        self.card.sudo().write({"points": 100.0})
        self.assertUnchanged()

    def test_card_cannot_move_to_another_program(self):
        other = self.env["loyalty.program"].create(
            {"name": "Other Club", "program_type": "loyalty"}
        )
        with self.assertRaisesRegex(UserError, self.card.code):
            self.card.sudo().write({"program_id": other.id})

    def test_card_is_not_created_with_points(self):
        with self.assertRaisesRegex(UserError, "Adjust Points"):
            self.env["loyalty.card"].sudo().create(
                {
                    "program_id": self.program.id,
                    "partner_id": self.member.id,
                    "points": 35,
                }
            )
        with self.assertRaisesRegex(UserError, "Adjust Points"):
            self.env["loyalty.generate.wizard"].create(
                {"program_id": self.program.id, "coupon_qty": 1, "points_granted": 20}
            ).generate_coupons()

    def test_card_with_a_ledger_is_not_deleted(self):
        with self.assertRaisesRegex(UserError, self.card.code):
            self.card.sudo().unlink()
        self.assertTrue(self.card.exists())

    def test_earned_line_cannot_be_rewritten(self):
        line = self.card.history_ids
        for vals in (
            {"issued": 5000},
            {"crm_expiration_date": "2099-12-31"},
            {"order_id": 0},
            {"crm_move_type": "adjusted"},
        ):
            with self.assertRaisesRegex(UserError, self.card.code):
                line.with_user(self.clerk).write(vals)
            with self.assertRaisesRegex(UserError, self.card.code):
                line.sudo().write(vals)
        self.assertUnchanged()

    def test_ledger_line_cannot_be_booked_or_deleted_by_hand(self):
        with self.assertRaisesRegex(UserError, self.card.code):
            self.env["loyalty.history"].with_user(self.clerk).create(
                {"card_id": self.card.id, "description": "Gift", "issued": 5000}
            )
        with self.assertRaisesRegex(UserError, self.card.code):
            self.card.history_ids.sudo().unlink()
        self.assertUnchanged()

    def test_unexplained_difference_refuses_the_transaction(self):
        # A flow that would move the balance without a ledger line.
        points_flow(self.card).points += 40
        with self.assertRaisesRegex(ValidationError, "differ from its points ledger"):
            self.env.cr.precommit.run()

    # The manager's adjustment takes finite, bounded numbers only

    def test_adjustment_refuses_absurd_values(self):
        card = self.card.with_user(self.care_manager)
        for value in (1e18, float("nan"), float("inf"), "100", True, 10001):
            with self.assertRaises(ValidationError):
                card._crm_adjust_points(value, "Goodwill")
        self.assertUnchanged()

    def test_adjustment_limit_is_a_program_setting(self):
        self.program.crm_adjust_max_points = 20000
        self.card.with_user(self.care_manager)._crm_adjust_points(15000, "Goodwill")
        self.assertEqual(self.card.points, 15100.0)

    @mute_logger("odoo.sql_db")
    def test_database_refuses_non_finite_points(self):
        self.env.flush_all()
        for value in ("NaN", "Infinity", "1e18"):
            with (
                self.assertRaises(psycopg2.errors.CheckViolation),
                self.env.cr.savepoint(),
            ):
                self.env.cr.execute(
                    "UPDATE loyalty_card SET points = %s::float8 WHERE id = %s",
                    (value, self.card.id),
                )
            with (
                self.assertRaises(psycopg2.errors.CheckViolation),
                self.env.cr.savepoint(),
            ):
                self.env.cr.execute(
                    "UPDATE loyalty_history SET issued = %s::float8 WHERE card_id = %s",
                    (value, self.card.id),
                )
