# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import timedelta
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.sms.models.sms_sms import SmsSms

from ..tools import points_flow
from .common import CustomerCareCase


class MembershipTierCase(CustomerCareCase):
    """A tiered loyalty program, a product at 100 and sale order helpers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Demo or other programs must not change the amounts of the orders.
        cls.env["loyalty.program"].search([]).write({"active": False})
        cls.product = cls.env["product.product"].create(
            {
                "name": "Crate of apples",
                "type": "service",
                "invoice_policy": "order",
                "list_price": 100.0,
                "taxes_id": [Command.clear()],
            }
        )
        cls.program = cls.env["loyalty.program"].create(
            {
                "name": "Fresh Club",
                "program_type": "loyalty",
                "trigger": "auto",
                "applies_on": "both",
                "crm_tier_window_months": 12,
            }
        )
        cls.silver, cls.gold = cls.env["crm.membership.tier"].create(
            [
                {
                    "name": "Silver",
                    "sequence": 10,
                    "program_id": cls.program.id,
                    "qualify_spend": 500.0,
                    "keep_spend": 300.0,
                    "grace_days": 30,
                },
                {
                    "name": "Gold",
                    "sequence": 20,
                    "program_id": cls.program.id,
                    "qualify_spend": 1000.0,
                    "keep_spend": 800.0,
                    "grace_days": 30,
                    "points_multiplier": 2.0,
                },
            ]
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Mei Chen", "email": "mei.chen@example.com"}
        )
        cls.today = fields.Date.context_today(cls.customer)

    @classmethod
    def _create_card(cls, partner, program=None, **values):
        return cls.env["loyalty.card"].create(
            {
                "program_id": (program or cls.program).id,
                "partner_id": partner.id,
                **values,
            }
        )

    def _create_order(self, partner, quantity, price=100.0):
        return self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "product_uom_qty": quantity,
                            "price_unit": price,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )

    def _confirm_order(self, partner, quantity, price=100.0):
        order = self._create_order(partner, quantity, price)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        return order


@tagged("post_install", "-at_install")
class TestMembershipTierConfiguration(MembershipTierCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.config_program = cls.env["loyalty.program"].create(
            {
                "name": "Config Club",
                "program_type": "loyalty",
                "trigger": "auto",
                "applies_on": "both",
            }
        )
        cls.config_silver = cls.env["crm.membership.tier"].create(
            {
                "name": "Silver",
                "sequence": 10,
                "program_id": cls.config_program.id,
                "qualify_spend": 500.0,
            }
        )

    def _tier_count(self):
        return self.env["crm.membership.tier"].search_count(
            [("program_id", "=", self.config_program.id)]
        )

    def _assert_refused(self, vals, exception, *fragments):
        with self.assertRaises(exception) as error:
            self.env["crm.membership.tier"].create(
                {"program_id": self.config_program.id, **vals}
            )
        for fragment in fragments:
            self.assertIn(fragment, str(error.exception))
        self.assertEqual(self._tier_count(), 1)

    def test_negative_spend_refused(self):
        with mute_logger("odoo.sql_db"):
            self._assert_refused(
                {"name": "Gold", "sequence": 20, "qualify_spend": -5.0},
                IntegrityError,
                "crm_membership_tier_qualify_spend_positive",
            )

    def test_negative_keep_points_refused(self):
        with mute_logger("odoo.sql_db"):
            self._assert_refused(
                {
                    "name": "Gold",
                    "sequence": 20,
                    "qualify_spend": 1000.0,
                    "keep_points": -1.0,
                },
                IntegrityError,
                "crm_membership_tier_qualify_points_positive",
            )

    def test_tier_without_threshold_refused(self):
        self._assert_refused(
            {"name": "Gold", "sequence": 20},
            ValidationError,
            "Tier Gold: set a Qualifying Spend or Qualifying Points",
        )

    def test_thresholds_not_increasing_refused(self):
        self._assert_refused(
            {"name": "Gold", "sequence": 20, "qualify_spend": 400.0},
            ValidationError,
            "Tier Gold: Qualifying Spend (400.0) must be higher than that of the "
            "lower tier Silver (500.0)",
        )

    def test_same_threshold_as_lower_tier_refused(self):
        self._assert_refused(
            {"name": "Gold", "sequence": 20, "qualify_spend": 500.0},
            ValidationError,
            "Tier Gold: Qualifying Spend (500.0) must be higher",
        )

    def test_same_sequence_refused(self):
        self._assert_refused(
            {"name": "Gold", "sequence": 10, "qualify_spend": 1000.0},
            ValidationError,
            "Tiers Gold and Silver have the same Sequence",
        )

    def test_keep_above_qualify_refused(self):
        self._assert_refused(
            {
                "name": "Gold",
                "sequence": 20,
                "qualify_spend": 1000.0,
                "keep_spend": 1200.0,
            },
            ValidationError,
            "Tier Gold: Spend to Keep (1200.0) cannot be higher than the qualifying "
            "threshold (1000.0)",
        )

    def test_keep_at_lower_tier_qualify_refused(self):
        self._assert_refused(
            {
                "name": "Gold",
                "sequence": 20,
                "qualify_spend": 1000.0,
                "keep_spend": 500.0,
            },
            ValidationError,
            "Tier Gold overlaps the lower tier Silver: its keep threshold (500.0) "
            "must be higher than the Qualifying Spend of Silver (500.0)",
        )

    def test_keep_below_lower_tier_qualify_refused(self):
        self._assert_refused(
            {
                "name": "Gold",
                "sequence": 20,
                "qualify_spend": 1000.0,
                "keep_spend": 400.0,
            },
            ValidationError,
            "Tier Gold overlaps the lower tier Silver",
        )

    def test_write_making_tiers_overlap_refused(self):
        gold = self.env["crm.membership.tier"].create(
            {
                "name": "Gold",
                "sequence": 20,
                "program_id": self.config_program.id,
                "qualify_spend": 1000.0,
                "keep_spend": 800.0,
            }
        )
        with self.assertRaises(ValidationError) as error:
            self.config_silver.qualify_spend = 900.0
        self.assertIn("Tier Gold overlaps the lower tier Silver", str(error.exception))
        self.assertEqual(self.config_silver.qualify_spend, 500.0)
        self.assertEqual(gold.keep_spend, 800.0)

    def test_valid_tier_accepted(self):
        gold = self.env["crm.membership.tier"].create(
            {
                "name": "Gold",
                "sequence": 20,
                "program_id": self.config_program.id,
                "qualify_spend": 1000.0,
                "keep_spend": 501.0,
            }
        )
        self.assertEqual(self.config_program.crm_tier_ids, self.config_silver | gold)

    def test_zero_tier_window_refused(self):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError) as error,
        ):
            self.config_program.crm_tier_window_months = 0
            self.config_program.flush_recordset()
        self.assertIn("loyalty_program_crm_tier_window_positive", str(error.exception))
        self.config_program.invalidate_recordset()
        self.assertEqual(self.config_program.crm_tier_window_months, 12)


@tagged("post_install", "-at_install")
class TestMembershipTierPurchase(MembershipTierCase):
    def test_purchase_reaching_silver_upgrades(self):
        card = self._create_card(self.customer)
        self._confirm_order(self.customer, 6)
        self.assertEqual(card.crm_tier_id, self.silver)
        history = card.crm_tier_history_ids
        self.assertEqual(len(history), 1)
        self.assertEqual(history.reason, "purchase")
        self.assertTrue(history.is_upgrade)
        self.assertFalse(history.from_tier_id)
        self.assertEqual(history.to_tier_id, self.silver)
        self.assertEqual(history.partner_id, self.customer)

    def test_purchase_below_threshold_gives_no_tier(self):
        card = self._create_card(self.customer)
        self._confirm_order(self.customer, 4)
        self.assertFalse(card.crm_tier_id)
        self.assertFalse(card.crm_tier_history_ids)

    def test_purchases_add_up_to_silver(self):
        card = self._create_card(self.customer)
        self._confirm_order(self.customer, 3)
        self.assertFalse(card.crm_tier_id)
        self._confirm_order(self.customer, 2)
        self.assertEqual(card.crm_tier_id, self.silver)

    def test_purchase_reaching_gold_skips_silver(self):
        card = self._create_card(self.customer)
        self._confirm_order(self.customer, 12)
        self.assertEqual(card.crm_tier_id, self.gold)
        self.assertEqual(card.crm_tier_history_ids.to_tier_id, self.gold)

    def test_upgrade_queues_email(self):
        card = self._create_card(self.customer)
        self._confirm_order(self.customer, 6)
        mails = self.env["mail.mail"].search(
            [("model", "=", "loyalty.card"), ("res_id", "=", card.id)]
        )
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.recipient_ids, self.customer)
        template = self.env.ref("crm_fresh_loyalty.mail_template_tier_upgrade")
        self.assertEqual(mails.subject, "Welcome to Silver")
        self.assertEqual(
            mails.subject, template._render_field("subject", card.ids)[card.id]
        )
        self.assertEqual(mails.state, "outgoing")
        self.assertFalse(
            self.env["sms.sms"].search([("partner_id", "=", self.customer.id)])
        )

    def test_upgrade_sends_sms_to_sms_channel(self):
        self.customer.write(
            {"crm_preferred_channel": "sms", "phone": "+1 650-555-0111"}
        )
        card = self._create_card(self.customer)
        with patch.object(SmsSms, "send", autospec=True) as send:
            self._confirm_order(self.customer, 6)
        sms = self.env["sms.sms"].search([("partner_id", "=", self.customer.id)])
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.state, "outgoing")
        self.assertIn("you are now a Silver member", sms.body)
        self.assertEqual(re.sub(r"\D", "", sms.number), "16505550111")
        send.assert_not_called()  # queued for Odoo's SMS queue
        self.assertFalse(
            self.env["mail.mail"].search(
                [("model", "=", "loyalty.card"), ("res_id", "=", card.id)]
            )
        )

    def test_contact_purchase_counts_for_company_card(self):
        company = self.env["res.partner"].create(
            {"name": "Green Grocer Ltd", "is_company": True}
        )
        buyer = self.env["res.partner"].create(
            {"name": "Li Wei", "parent_id": company.id, "email": "li@example.com"}
        )
        card = self._create_card(company)
        self._confirm_order(buyer, 6)
        self.assertEqual(card.crm_tier_id, self.silver)
        self.assertEqual(card.crm_tier_history_ids.reason, "purchase")

    def test_other_customer_purchase_does_not_count(self):
        card = self._create_card(self.customer)
        other = self.env["res.partner"].create({"name": "Someone Else"})
        self._confirm_order(other, 6)
        self.assertFalse(card.crm_tier_id)


@tagged("post_install", "-at_install")
class TestMembershipTierPoints(MembershipTierCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.points_program = cls.env["loyalty.program"].create(
            {
                "name": "Points Club",
                "program_type": "loyalty",
                "trigger": "auto",
                "applies_on": "both",
            }
        )
        cls.points_silver = cls.env["crm.membership.tier"].create(
            {
                "name": "Points Silver",
                "sequence": 10,
                "program_id": cls.points_program.id,
                "qualify_points": 100.0,
            }
        )
        cls.card = cls._create_card(cls.customer, program=cls.points_program)
        # Draft orders only serve as the origin of ledger lines: no spend.
        cls.order_1, cls.order_2 = cls.env["sale.order"].create(
            [{"partner_id": cls.customer.id}] * 2
        )

    def _ledger_line(self, **values):
        return points_flow(self.env["loyalty.history"]).create(
            {"card_id": self.card.id, "description": "test", **values}
        )

    def _earn(self, points, order):
        line = self._ledger_line(
            issued=points, order_model="sale.order", order_id=order.id
        )
        points_flow(self.card).points += points
        return line

    def test_earned_points_qualify(self):
        line = self._earn(120.0, self.order_1)
        self.assertEqual(line.crm_move_type, "earned")
        history = self.points_program._crm_evaluate_tiers()
        self.assertEqual(self.card.crm_tier_id, self.points_silver)
        self.assertEqual(history.card_id, self.card)
        self.assertEqual(history.reason, "evaluation")
        self.assertTrue(history.is_upgrade)

    def test_earned_points_below_threshold_do_not_qualify(self):
        self._earn(99.0, self.order_1)
        history = self.points_program._crm_evaluate_tiers()
        self.assertFalse(history)
        self.assertFalse(self.card.crm_tier_id)

    def test_spent_expired_adjusted_points_do_not_lower_tier(self):
        self._earn(120.0, self.order_1)
        self.points_program._crm_evaluate_tiers()
        self.assertEqual(self.card.crm_tier_id, self.points_silver)
        redeemed = self._ledger_line(
            used=80.0, order_model="sale.order", order_id=self.order_2.id
        )
        expired = self._ledger_line(used=20.0, crm_move_type="expired")
        points_flow(self.card).points -= 100.0
        adjusted = self.card._crm_adjust_points(-20.0, "Damaged crate")
        self.assertEqual(
            (redeemed.crm_move_type, expired.crm_move_type, adjusted.crm_move_type),
            ("redeemed", "expired", "adjusted"),
        )
        self.assertEqual(self.card.points, 0.0)
        history = self.points_program._crm_evaluate_tiers(
            allow_downgrade=True, today=self.today
        )
        self.assertFalse(history)
        self.assertEqual(self.card.crm_tier_id, self.points_silver)
        self.assertFalse(self.card.crm_tier_at_risk_since)

    def test_tier_bonus_does_not_qualify_unless_the_program_says(self):
        self.points_silver.points_multiplier = 2.0
        self.card._crm_set_tier(self.points_silver, "manual", "Test")
        gold = self.env["crm.membership.tier"].create(
            {
                "name": "Points Gold",
                "sequence": 20,
                "program_id": self.points_program.id,
                "qualify_points": 150.0,
            }
        )
        # A Silver member's order earning 100 points, doubled by the tier.
        line = self._earn(200.0, self.order_1)
        self.assertEqual(line.crm_tier_bonus, 100.0)
        self.assertFalse(self.points_program._crm_evaluate_tiers())
        self.assertEqual(self.card.crm_tier_id, self.points_silver)
        self.assertEqual(
            self.customer._crm_tier_window_stats(
                self.points_program, self.card, self.today
            )[1],
            {self.card.id: 100.0},
        )
        self.points_program.crm_qualifying_points = "all"
        self.points_program._crm_evaluate_tiers()
        self.assertEqual(self.card.crm_tier_id, gold)

    def test_adjusted_points_do_not_qualify(self):
        line = self.card._crm_adjust_points(500.0, "Goodwill")
        self.assertEqual(line.crm_move_type, "adjusted")
        self.assertEqual(self.card.points, 500.0)
        history = self.points_program._crm_evaluate_tiers()
        self.assertFalse(history)
        self.assertFalse(self.card.crm_tier_id)


@tagged("post_install", "-at_install")
class TestMembershipTierDowngrade(MembershipTierCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A Gold member (set by hand) whose spend only keeps Silver.
        cls.card = cls._create_card(cls.customer, crm_tier_id=cls.gold.id)

    def setUp(self):
        super().setUp()
        self._confirm_order(self.customer, 4)
        self.assertEqual(self.card.crm_tier_id, self.gold)

    def _evaluate(self, days=0, allow_downgrade=True):
        return self.program._crm_evaluate_tiers(
            allow_downgrade=allow_downgrade,
            today=self.today + timedelta(days=days),
        )

    def test_under_keep_threshold_starts_grace(self):
        history = self._evaluate()
        self.assertFalse(history)
        self.assertEqual(self.card.crm_tier_id, self.gold)
        self.assertEqual(self.card.crm_tier_at_risk_since, self.today)

    def test_tier_kept_during_grace(self):
        self._evaluate()
        history = self._evaluate(days=29)
        self.assertFalse(history)
        self.assertEqual(self.card.crm_tier_id, self.gold)
        self.assertEqual(self.card.crm_tier_at_risk_since, self.today)

    def test_downgrade_after_grace_to_kept_tier(self):
        self._evaluate()
        history = self._evaluate(days=30)
        self.assertEqual(self.card.crm_tier_id, self.silver)
        self.assertFalse(self.card.crm_tier_at_risk_since)
        self.assertEqual(len(history), 1)
        self.assertEqual(history.card_id, self.card)
        self.assertEqual(history.reason, "downgrade")
        self.assertFalse(history.is_upgrade)
        self.assertEqual(history.from_tier_id, self.gold)
        self.assertEqual(history.to_tier_id, self.silver)

    def test_downgrade_sends_no_upgrade_email(self):
        self._evaluate()
        self._evaluate(days=30)
        self.assertFalse(
            self.env["mail.mail"].search(
                [("model", "=", "loyalty.card"), ("res_id", "=", self.card.id)]
            )
        )

    def test_downgrade_below_every_keep_threshold_removes_tier(self):
        # A year later the purchase left the window: no tier is kept.
        later = 400
        self._evaluate(days=later)
        self.assertEqual(
            self.card.crm_tier_at_risk_since, self.today + timedelta(days=later)
        )
        history = self._evaluate(days=later + 30)
        self.assertFalse(self.card.crm_tier_id)
        self.assertEqual(history.reason, "downgrade")
        self.assertEqual(history.from_tier_id, self.gold)
        self.assertFalse(history.to_tier_id)

    def test_back_above_keep_threshold_clears_risk(self):
        self._evaluate()
        self.assertEqual(self.card.crm_tier_at_risk_since, self.today)
        self._confirm_order(self.customer, 5)  # 900 spent: keeps Gold (800)
        history = self._evaluate(days=31)
        self.assertFalse(history)
        self.assertEqual(self.card.crm_tier_id, self.gold)
        self.assertFalse(self.card.crm_tier_at_risk_since)

    def test_no_downgrade_without_allow_downgrade(self):
        history = self._evaluate(allow_downgrade=False)
        history |= self._evaluate(days=60, allow_downgrade=False)
        self.assertFalse(history)
        self.assertEqual(self.card.crm_tier_id, self.gold)
        self.assertFalse(self.card.crm_tier_at_risk_since)


@tagged("post_install", "-at_install")
class TestMembershipTierWindow(MembershipTierCase):
    def test_spend_older_than_window_does_not_count(self):
        old = self._confirm_order(self.customer, 6)
        old.date_order = fields.Datetime.now() - relativedelta(months=13)
        self._confirm_order(self.customer, 3)
        card = self._create_card(self.customer)
        history = self.program._crm_evaluate_tiers(today=self.today)
        self.assertFalse(history)
        self.assertFalse(card.crm_tier_id)

    def test_spend_within_window_counts(self):
        older = self._confirm_order(self.customer, 6)
        older.date_order = fields.Datetime.now() - relativedelta(months=11)
        card = self._create_card(self.customer)
        history = self.program._crm_evaluate_tiers(today=self.today)
        self.assertEqual(card.crm_tier_id, self.silver)
        self.assertEqual(history.reason, "evaluation")

    def test_window_moves_with_today(self):
        self._confirm_order(self.customer, 6)
        card = self._create_card(self.customer)
        history = self.program._crm_evaluate_tiers(
            today=self.today + relativedelta(months=13)
        )
        self.assertFalse(history)
        self.assertFalse(card.crm_tier_id)


@tagged("post_install", "-at_install")
class TestMembershipTierManual(MembershipTierCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.card = cls._create_card(cls.customer, crm_tier_id=cls.silver.id)

    def _wizard(self, user, **values):
        return (
            self.env["crm.tier.set.wizard"]
            .with_user(user)
            .create({"card_id": self.card.id, **values})
        )

    def test_manager_sets_tier_with_reason(self):
        wizard = self._wizard(
            self.care_manager, tier_id=self.gold.id, reason="  Key account  "
        )
        wizard.action_apply()
        self.assertEqual(self.card.crm_tier_id, self.gold)
        history = self.card.crm_tier_history_ids
        self.assertEqual(len(history), 1)
        self.assertEqual(history.reason, "manual")
        self.assertEqual(history.note, "Key account")
        self.assertEqual(history.from_tier_id, self.silver)
        self.assertEqual(history.to_tier_id, self.gold)
        self.assertEqual(history.user_id, self.care_manager)
        self.assertTrue(history.is_upgrade)

    def test_manager_removes_tier(self):
        self._wizard(self.care_manager, reason="Closed account").action_apply()
        self.assertFalse(self.card.crm_tier_id)
        self.assertEqual(self.card.crm_tier_history_ids.reason, "manual")
        self.assertFalse(self.card.crm_tier_history_ids.is_upgrade)

    def test_empty_reason_refused(self):
        wizard = self._wizard(self.care_manager, tier_id=self.gold.id, reason="   ")
        with self.assertRaises(ValidationError) as error:
            wizard.action_apply()
        self.assertIn("Reason", str(error.exception))
        self.assertEqual(self.card.crm_tier_id, self.silver)
        self.assertFalse(self.card.crm_tier_history_ids)

    def test_same_tier_refused(self):
        wizard = self._wizard(self.care_manager, tier_id=self.silver.id, reason="x")
        with self.assertRaises(ValidationError) as error:
            wizard.action_apply()
        self.assertIn("already in Silver", str(error.exception))
        self.assertFalse(self.card.crm_tier_history_ids)

    def test_care_user_cannot_set_tier(self):
        with self.assertRaises(AccessError):
            self._wizard(self.care_user, tier_id=self.gold.id, reason="Please")
        self.assertEqual(self.card.crm_tier_id, self.silver)


@tagged("post_install", "-at_install")
class TestMembershipTierMultiplier(MembershipTierCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program.write(
            {
                "rule_ids": [
                    Command.create(
                        {
                            "reward_point_mode": "money",
                            "reward_point_amount": 1.0,
                        }
                    )
                ],
                "reward_ids": [
                    Command.create(
                        {
                            "reward_type": "discount",
                            "discount": 10.0,
                            "discount_mode": "percent",
                            "discount_applicability": "order",
                            "required_points": 10000.0,
                        }
                    )
                ],
            }
        )

    def _earned_line(self, card, order):
        return card.history_ids.filtered(
            lambda line: line.order_model == "sale.order" and line.order_id == order.id
        )

    def test_gold_member_earns_double_points(self):
        card = self._create_card(self.customer, crm_tier_id=self.gold.id)
        order = self._confirm_order(self.customer, 1)
        self.assertEqual(card.points, 200.0)
        line = self._earned_line(card, order)
        self.assertEqual(line.issued, 200.0)
        self.assertEqual(line.crm_move_type, "earned")

    def test_member_without_tier_earns_base_points(self):
        card = self._create_card(self.customer)
        order = self._confirm_order(self.customer, 1)
        self.assertEqual(card.points, 100.0)
        self.assertEqual(self._earned_line(card, order).issued, 100.0)


@tagged("post_install", "-at_install")
class TestMembershipTierRefund(MembershipTierCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.company.chart_template:
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=cls.env.company, install_demo=False
            )

    def _refund(self, order, quantity):
        invoice = order._create_invoices()
        invoice.action_post()
        refund = invoice._reverse_moves(
            [{"invoice_date": invoice.invoice_date, "ref": "Returned crates"}]
        )
        refund.invoice_line_ids.quantity = quantity
        refund.action_post()
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.state, "posted")
        return refund

    def test_credit_note_is_negative_fact(self):
        order = self._confirm_order(self.customer, 2)
        refund = self._refund(order, 1)
        facts = self.env["crm.purchase.fact"].search(
            [("partner_id", "=", self.customer.id)]
        )
        # Fact ids interleave sources, so the comparison ignores the order.
        self.assertCountEqual(
            [
                (f.order_model, f.order_id, f.amount, f.quantity, f.is_refund)
                for f in facts
            ],
            [
                ("sale.order", order.id, 200.0, 2.0, False),
                ("account.move", refund.id, -100.0, -1.0, True),
            ],
        )
        spend = self.env.execute_query(
            self.env["crm.purchase.fact"].spend_by_partner_sql(
                self.today - relativedelta(months=12),
                {self.env.company.id: 1.0},
                self.customer.ids,
            )
        )
        self.assertEqual(spend, [(self.customer.id, 100.0, 1)])

    def test_refund_puts_member_under_keep_threshold(self):
        card = self._create_card(self.customer)
        order = self._confirm_order(self.customer, 6)
        self.assertEqual(card.crm_tier_id, self.silver)
        self._refund(order, 4)  # 600 - 400 = 200, under the 300 to keep Silver
        self.program._crm_evaluate_tiers(allow_downgrade=True, today=self.today)
        self.assertEqual(card.crm_tier_id, self.silver)
        self.assertEqual(card.crm_tier_at_risk_since, self.today)
