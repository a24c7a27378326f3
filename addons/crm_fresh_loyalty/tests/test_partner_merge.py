# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, new_test_user, tagged

from ..tools import points_flow
from .common import MembershipCase


@tagged("post_install", "-at_install")
class TestPartnerMerge(MembershipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        partner_manager = "base.group_partner_manager"
        cls.merge_manager = new_test_user(
            cls.env,
            login="merge_manager",
            groups=f"crm_fresh_loyalty.group_customer_care_manager,{partner_manager}",
        )
        cls.merge_user = new_test_user(
            cls.env,
            login="merge_user",
            groups=f"crm_fresh_loyalty.group_customer_care_user,{partner_manager}",
        )
        cls.twin = cls.env["res.partner"].create(
            {"name": "Li Na", "email": "li.na@example.com", "customer_rank": 1}
        )
        cls.twin_card = cls.env["loyalty.card"].create(
            {"program_id": cls.program.id, "partner_id": cls.twin.id}
        )

    def _merge(self, kept, *others, user=None):
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(user or self.merge_manager)
            .create(
                {
                    "partner_ids": [
                        (6, 0, (kept | self.env["res.partner"].concat(*others)).ids)
                    ],
                    "dst_partner_id": kept.id,
                }
            )
        )
        wizard.action_merge()

    def _redeem(self, card, points):
        points_flow(self.env["loyalty.history"]).create(
            {
                "card_id": card.id,
                "description": "Reward",
                "used": points,
                "order_model": "sale.order",
                "order_id": self._sell(self.member, 0, confirm=False).id,
            }
        )
        points_flow(card).points -= points

    def _transfers(self, card):
        return card.with_context(active_test=False).history_ids.filtered(
            lambda line: line.crm_move_type == "transferred"
        )

    def test_merge_moves_the_balance_into_the_kept_card(self):
        self._earn(self.card, 100)
        self._earn(self.twin_card, 50)
        self._merge(self.member, self.twin)
        self.assertFalse(self.twin.exists())
        self.assertEqual(self.card.points, 150.0)
        self.assertEqual(self.twin_card.points, 0.0)
        self.assertEqual(self._transfers(self.twin_card).mapped("used"), [50.0])
        self.assertEqual(self._transfers(self.card).mapped("issued"), [50.0])

    def test_merge_keeps_balances_equal_to_ledgers(self):
        self._earn(self.card, 100)
        self._earn(self.twin_card, 50)
        self._redeem(self.twin_card, 20)
        self._merge(self.member, self.twin)
        self.assertEqual(self._ledger_balance(self.card), self.card.points)
        self.assertEqual(self._ledger_balance(self.twin_card), self.twin_card.points)
        cards = self.card | self.twin_card
        self.assertFalse(cards._crm_reconcile_ledger())

    def test_merge_keeps_every_ledger_line(self):
        earned = self._earn(self.twin_card, 50)
        self._merge(self.member, self.twin)
        self.assertTrue(earned.exists())
        self.assertEqual(earned.partner_id, self.member)
        self.assertEqual(
            self.twin_card.history_ids, earned | self._transfers(self.twin_card)
        )

    def test_merged_card_is_archived_on_the_kept_customer(self):
        self._merge(self.member, self.twin)
        self.assertFalse(self.twin_card.active)
        self.assertEqual(self.twin_card.partner_id, self.member)
        self.assertEqual(self.member.crm_membership_card_id, self.card)

    def test_transferred_points_keep_their_expiration_dates(self):
        with freeze_time("2025-01-10"):
            self._earn(self.twin_card, 30)
        with freeze_time("2025-06-10"):
            self._earn(self.twin_card, 50)
        self._redeem(self.twin_card, 20)  # takes the oldest points first
        with freeze_time("2025-07-01"):
            self._merge(self.member, self.twin)
        received = self._transfers(self.card).sorted("crm_expiration_date")
        self.assertEqual(
            [(line.crm_expiration_date, line.issued) for line in received],
            [(date(2026, 1, 10), 10.0), (date(2026, 6, 10), 50.0)],
        )

    def test_transferred_points_expire_on_their_own_date(self):
        with freeze_time("2025-01-10"):
            self._earn(self.twin_card, 30)
        with freeze_time("2025-06-10"):
            self._earn(self.card, 40)
        with freeze_time("2025-07-01"):
            self._merge(self.member, self.twin)
        self.env["loyalty.card"]._crm_expire_points(today=date(2026, 2, 1))
        self.assertEqual(self.card.points, 40.0)
        self.assertEqual(self._ledger_balance(self.card), 40.0)

    def test_card_of_a_customer_without_card_moves_with_its_points(self):
        kept = self.env["res.partner"].create(
            {"name": "Li Na", "email": "li.na@example.com", "customer_rank": 1}
        )
        line = self._earn(self.twin_card, 40)
        self._merge(kept, self.twin)
        self.assertEqual(self.twin_card.partner_id, kept)
        self.assertTrue(self.twin_card.active)
        self.assertEqual(self.twin_card.points, 40.0)
        self.assertEqual(line.partner_id, kept)
        self.assertFalse(self._transfers(self.twin_card))

    def test_kept_card_gets_the_best_tier_of_the_merged_cards(self):
        self.twin_card._crm_set_tier(self.gold, "manual", note="VIP")
        self._merge(self.member, self.twin)
        self.assertEqual(self.card.crm_tier_id, self.gold)
        merge_line = self.card.crm_tier_history_ids
        self.assertEqual(merge_line.reason, "merge")
        self.assertEqual(merge_line.to_tier_id, self.gold)

    def test_tier_history_of_the_merged_customer_is_kept(self):
        history = self.twin_card._crm_set_tier(self.silver, "manual", note="VIP")
        self._merge(self.member, self.twin)
        self.assertTrue(history.exists())
        self.assertEqual(history.partner_id, self.member)

    def test_tier_is_evaluated_on_the_combined_purchases(self):
        self._sell(self.member, 600)
        self._sell(self.twin, 500)
        self.assertFalse(self.card.crm_tier_id)
        self._merge(self.member, self.twin)
        self.assertEqual(self.card.crm_tier_id, self.silver)

    def test_messages_and_activities_follow_the_kept_customer(self):
        message = self.twin.message_post(body="Called about a late delivery")
        activity = self.twin.activity_schedule(
            "mail.mail_activity_data_todo", summary="Call back"
        )
        self._merge(self.member, self.twin)
        self.assertIn(message, self.member.message_ids)
        self.assertEqual(activity.res_id, self.member.id)

    def test_users_cannot_merge_customers(self):
        self._earn(self.twin_card, 50)
        with self.assertRaises(AccessError):
            self._merge(self.member, self.twin, user=self.merge_user)
        self.assertTrue(self.twin.exists())
        self.assertEqual(self.twin_card.points, 50.0)

    def test_users_may_merge_plain_contacts(self):
        contact, copy = self.env["res.partner"].create(
            [{"name": "Supplier desk"}, {"name": "Supplier desk"}]
        )
        self._merge(contact, copy, user=self.merge_user)
        self.assertFalse(copy.exists())

    def test_merge_moves_the_ewallet_money_with_its_history(self):
        ewallet = self._ewallet_program()
        kept_ewallet = self._give_ewallet(ewallet, self.member, 20)
        merged_ewallet = self._give_ewallet(ewallet, self.twin, 15)
        self._merge(self.member, self.twin)
        self.assertEqual(kept_ewallet.points, 35)
        self.assertEqual(self._ledger_balance(kept_ewallet), 35)
        self.assertEqual(self._transfers(kept_ewallet).mapped("issued"), [15.0])
        self.assertFalse(merged_ewallet.active)
        self.assertEqual(self._ledger_balance(merged_ewallet), 0)
