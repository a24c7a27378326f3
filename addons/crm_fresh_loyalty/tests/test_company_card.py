# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
from datetime import date
from pathlib import Path

from odoo.tests import freeze_time, new_test_user, tagged

from .common import MembershipCase

MIGRATIONS = Path(__file__).parent.parent / "migrations"
MIGRATION = MIGRATIONS / "19.0.1.3.0/post-company-cards.py"
EWALLET_MIGRATION = MIGRATIONS / "19.0.1.4.0/post-company-ewallets.py"


@tagged("post_install", "-at_install")
class TestCompanyCard(MembershipCase):
    """A contact of a company customer earns on, and spends from, the
    company's card: one card per company customer and program."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env,
            login="company_card_salesman",
            groups="sales_team.group_sale_salesman,"
            "crm_fresh_loyalty.group_customer_care_user",
        )
        cls.company = cls.env["res.partner"].create(
            {"name": "Green Grocers Ltd", "is_company": True, "customer_rank": 1}
        )
        cls.buyer = cls.env["res.partner"].create(
            {"name": "Wang Fang", "parent_id": cls.company.id, "type": "contact"}
        )
        cls.company_card = cls.env["loyalty.card"].create(
            {"program_id": cls.program.id, "partner_id": cls.company.id}
        )

    def _cards(self, partner):
        return self.env["loyalty.card"].search(
            [("partner_id", "=", partner.id), ("program_id", "=", self.program.id)]
        )

    def _quote(self, partner, amount):
        self.env = self.env(user=self.salesman)
        return self._sell(partner, amount, confirm=False)

    def test_contact_order_earns_on_the_company_card(self):
        order = self._quote(self.buyer, 120)
        order.action_confirm()
        self.assertEqual(self.company_card.points, 120)
        self.assertFalse(self._cards(self.buyer))
        self.assertEqual(self.company_card.history_ids.mapped("order_id"), [order.id])
        self.assertEqual(self._ledger_balance(self.company_card), 120)

    def test_contact_order_creates_the_company_card(self):
        self.company_card.unlink()
        self._quote(self.buyer, 80).action_confirm()
        self.assertFalse(self._cards(self.buyer))
        self.assertEqual(self._cards(self.company).points, 80)

    def test_contact_redeems_from_the_company_card(self):
        self._earn(self.company_card, 150)
        order = self._quote(self.buyer, 50)
        # The salesperson's "Reward" button: the only reward is applied.
        order.action_open_reward_wizard()
        reward_line = order.order_line.filtered("is_reward_line")
        self.assertEqual(reward_line.coupon_id, self.company_card)
        order.action_confirm()
        # 150, less 100 for the reward, plus 50 for the apples
        self.assertEqual(self.company_card.points, 100)
        self.assertFalse(self._cards(self.buyer))

    def test_cancelled_contact_order_gives_the_company_points_back(self):
        order = self._quote(self.buyer, 60)
        order.action_confirm()
        order.with_user(self.env.ref("base.user_admin"))._action_cancel()
        self.assertEqual(self.company_card.points, 0)

    def test_updating_a_confirmed_contact_order_keeps_the_points(self):
        order = self._quote(self.buyer, 70)
        order.action_confirm()
        order.action_open_reward_wizard()
        self.assertEqual(self.company_card.points, 70)
        self.assertEqual(
            order.coupon_point_ids.coupon_id.filtered(
                lambda card: card.program_id == self.program
            ),
            self.company_card,
        )

    def test_individual_customer_keeps_its_own_card(self):
        self._quote(self.member, 30).action_confirm()
        self.assertEqual(self.card.points, 30)
        self.assertEqual(self.company_card.points, 0)


@tagged("post_install", "-at_install")
class TestCompanyCardUpgrade(MembershipCase):
    """The upgrade to 19.0.1.3.0 merges the cards that contacts' orders made
    into their company's card."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.partner"].create(
            {"name": "Green Grocers Ltd", "is_company": True, "customer_rank": 1}
        )
        cls.buyer, cls.cook = cls.env["res.partner"].create(
            [
                {"name": "Wang Fang", "parent_id": cls.company.id},
                {"name": "Zhao Lei", "parent_id": cls.company.id},
            ]
        )
        # What orders of the contacts made before the upgrade
        cls.buyer_card, cls.cook_card = cls.env["loyalty.card"].create(
            [
                {"program_id": cls.program.id, "partner_id": cls.buyer.id},
                {"program_id": cls.program.id, "partner_id": cls.cook.id},
            ]
        )

    def _upgrade(self, migration=MIGRATION, version="19.0.1.2.0"):
        spec = importlib.util.spec_from_file_location(migration.stem, migration)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        script.migrate(self.env.cr, version)

    def _active_cards(self):
        return self.env["loyalty.card"].search(
            [
                ("partner_id", "in", (self.company | self.buyer | self.cook).ids),
                ("program_id", "=", self.program.id),
            ]
        )

    def test_contacts_cards_are_merged_into_the_company_card(self):
        company_card = self.env["loyalty.card"].create(
            {"program_id": self.program.id, "partner_id": self.company.id}
        )
        self._earn(company_card, 10)
        self._earn(self.buyer_card, 30)
        self._earn(self.cook_card, 25)
        self._upgrade()
        self.assertEqual(self._active_cards(), company_card)
        self.assertEqual(company_card.points, 65)
        self.assertEqual(self._ledger_balance(company_card), 65)
        # each merged card keeps its own ledger, balanced to zero
        self.assertEqual(self._ledger_balance(self.buyer_card), 0)
        self.assertFalse(self.buyer_card.active)

    def test_points_keep_their_expiration_dates(self):
        with freeze_time("2025-01-10"):
            self._earn(self.buyer_card, 30)
        with freeze_time("2025-06-10"):
            self._earn(self.cook_card, 50)
        self._upgrade()
        card = self._active_cards()
        self.assertEqual(card.partner_id, self.company)
        received = card.history_ids.filtered(
            lambda line: line.crm_move_type in ("transferred", "earned") and line.issued
        ).sorted("crm_expiration_date")
        self.assertEqual(
            [(line.crm_expiration_date, line.issued) for line in received],
            [(date(2026, 1, 10), 30.0), (date(2026, 6, 10), 50.0)],
        )

    def test_company_gets_the_best_tier_of_its_contacts(self):
        self.cook_card._crm_set_tier(self.gold, "manual", "Test")
        self._upgrade()
        self.assertEqual(self._active_cards().crm_tier_id, self.gold)
        self.assertEqual(self.company.crm_tier_id, self.gold)

    def test_contacts_ewallets_are_merged_into_the_company_ewallet(self):
        ewallet = self._ewallet_program()
        company_ewallet = self._give_ewallet(ewallet, self.company, 10)
        buyer_ewallet = self._give_ewallet(ewallet, self.buyer, 30)
        cook_ewallet = self._give_ewallet(ewallet, self.cook, 25)
        self._upgrade(EWALLET_MIGRATION, "19.0.1.3.0")
        active = self.env["loyalty.card"].search([("program_id", "=", ewallet.id)])
        self.assertEqual(active, company_ewallet)
        self.assertEqual(company_ewallet.points, 65)
        # Odoo's history of each eWallet explains its balance
        self.assertEqual(self._ledger_balance(company_ewallet), 65)
        self.assertEqual(
            sorted(
                company_ewallet.history_ids.filtered(
                    lambda line: line.crm_move_type == "transferred"
                ).mapped("issued")
            ),
            [25.0, 30.0],
        )
        for contact_ewallet in buyer_ewallet | cook_ewallet:
            self.assertFalse(contact_ewallet.active)
            self.assertEqual(contact_ewallet.points, 0)
            self.assertEqual(self._ledger_balance(contact_ewallet), 0)

    def test_contact_ewallet_becomes_the_company_ewallet(self):
        ewallet = self._ewallet_program()
        buyer_ewallet = self._give_ewallet(ewallet, self.buyer, 30)
        self._upgrade(EWALLET_MIGRATION, "19.0.1.3.0")
        self.assertEqual(buyer_ewallet.partner_id, self.company)
        self.assertEqual(buyer_ewallet.points, 30)
