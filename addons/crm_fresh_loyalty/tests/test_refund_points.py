# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, new_test_user, tagged

from ..tools import points_flow
from .common import MembershipCase


@tagged("post_install", "-at_install")
class TestCreditNotePoints(MembershipCase):
    """A credit note made with *Add Credit Note* on a sale order's invoice
    takes back, once posted, the points the refunded goods earned."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.company.chart_template:
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=cls.env.company, install_demo=False
            )
        # Accounting posts credit notes without access to orders or cards.
        cls.billing_user = new_test_user(
            cls.env, login="billing", groups="account.group_account_invoice"
        )

    def _invoice(self, order):
        invoice = order._create_invoices()
        invoice.action_post()
        return invoice

    def _add_credit_note(self, invoice, quantity=None):
        """*Add Credit Note* on the invoice, the quantity refunded changed to
        ``quantity``, then posted by accounting."""
        wizard = Form(
            self.env["account.move.reversal"].with_context(
                active_model="account.move", active_ids=invoice.ids
            )
        )
        wizard.reason = "Bruised apples"
        action = wizard.save().refund_moves()
        refund = self.env["account.move"].browse(action["res_id"])
        if quantity is not None:
            with Form(refund) as form, form.invoice_line_ids.edit(0) as line:
                line.quantity = quantity
        refund.with_user(self.billing_user).action_post()
        return refund

    def _spend(self, points):
        """Points spent by another order of the member."""
        other = self._sell(self.member, 0, confirm=False)
        points_flow(self.env["loyalty.history"]).create(
            {
                "card_id": self.card.id,
                "description": "Reward",
                "used": points,
                "order_model": "sale.order",
                "order_id": other.id,
            }
        )
        points_flow(self.card).points -= points

    def _take_backs(self, refund):
        return self.card.history_ids.filtered(
            lambda line: (
                line.order_model == "account.move" and line.order_id == refund.id
            )
        )

    def test_full_credit_note_takes_back_the_points(self):
        order = self._sell(self.member, 200)
        earned = self.card.history_ids
        self.assertEqual(self.card.points, 200.0)
        refund = self._add_credit_note(self._invoice(order))
        self.assertEqual(self.card.points, 0.0)
        take_back = self._take_backs(refund)
        self.assertEqual(
            [
                (line.crm_move_type, line.used, line.crm_refund_of_id)
                for line in take_back
            ],
            [("reversed", 200.0, earned)],
        )
        self.assertEqual(earned.crm_points_remaining, 0.0)
        self.assertEqual(self._ledger_balance(self.card), 0.0)

    def test_partial_credit_note_takes_back_its_share(self):
        order = self._sell(self.member, 200)
        earned = self.card.history_ids
        self._add_credit_note(self._invoice(order), quantity=5)
        self.assertEqual(self.card.points, 150.0)
        self.assertEqual(earned.crm_points_remaining, 150.0)

    def test_draft_credit_note_takes_back_nothing(self):
        order = self._sell(self.member, 200)
        wizard = Form(
            self.env["account.move.reversal"].with_context(
                active_model="account.move", active_ids=self._invoice(order).ids
            )
        )
        wizard.save().refund_moves()
        self.assertEqual(self.card.points, 200.0)

    def test_points_are_never_taken_back_twice(self):
        order = self._sell(self.member, 200)
        invoice = self._invoice(order)
        refund = self._add_credit_note(invoice, quantity=15)
        self.assertEqual(self.card.points, 50.0)
        refund.with_user(self.billing_user).button_draft()
        refund.with_user(self.billing_user).action_post()
        self.assertEqual(self.card.points, 50.0, "Posted again, nothing more")
        # A second credit note of the whole invoice refunds what is left.
        second = self._add_credit_note(invoice)
        self.assertEqual(self.card.points, 0.0)
        self.assertEqual(self._take_backs(second).used, 50.0)
        self.assertEqual(self._ledger_balance(self.card), 0.0)

    def test_credit_note_reset_to_draft_gives_the_points_back(self):
        order = self._sell(self.member, 200)
        earned = self.card.history_ids
        refund = self._add_credit_note(self._invoice(order), quantity=15)
        take_back = self._take_backs(refund)
        refund.with_user(self.billing_user).button_draft()
        self.assertEqual(self.card.points, 200.0)
        self.assertEqual(earned.crm_points_remaining, 200.0)
        # append-only: the take-back stays, cancelled by a reversal line
        self.assertTrue(take_back.crm_reversed)
        reversal = self._take_backs(refund) - take_back
        self.assertEqual(
            (reversal.crm_reversal_of_id, reversal.issued), (take_back, 150.0)
        )
        self.assertEqual(self._ledger_balance(self.card), 200.0)

    def test_cancelled_credit_note_takes_nothing_back(self):
        order = self._sell(self.member, 200)
        invoice = self._invoice(order)
        self._add_credit_note(invoice, quantity=15).with_user(
            self.billing_user
        ).button_cancel()
        self.assertEqual(self.card.points, 200.0)
        # the whole invoice refunded afterwards takes back every point
        self._add_credit_note(invoice)
        self.assertEqual(self.card.points, 0.0)
        self.assertEqual(self._ledger_balance(self.card), 0.0)

    def test_credit_notes_posted_together_take_back_the_points_once(self):
        order = self._sell(self.member, 200)
        invoice = self._invoice(order)
        refunds = self.env["account.move"]
        for _i in range(2):
            wizard = Form(
                self.env["account.move.reversal"].with_context(
                    active_model="account.move", active_ids=invoice.ids
                )
            )
            refunds |= self.env["account.move"].browse(
                wizard.save().refund_moves()["res_id"]
            )
        refunds.with_user(self.billing_user).action_post()
        self.assertEqual(self.card.points, 0.0)
        self.assertEqual(self._take_backs(refunds[0]).used, 200.0)
        self.assertFalse(self._take_backs(refunds[1]))

    def test_points_taken_back_are_rounded_down(self):
        self.program.crm_points_rounding = 10
        order = self._sell(self.member, 200)
        # 3 of 20 crates: 30 points of 200 earned
        self._add_credit_note(self._invoice(order), quantity=3)
        self.assertEqual(self.card.points, 170.0)
        self.program.crm_points_rounding = 25
        order = self._sell(self.member, 200)
        self._add_credit_note(self._invoice(order), quantity=3)
        self.assertEqual(self.card.points, 170.0 + 200.0 - 25.0)

    def test_spent_points_are_written_off(self):
        order = self._sell(self.member, 200)
        self._spend(150)
        self._add_credit_note(self._invoice(order))
        self.assertEqual(self.card.points, 0.0, "The 150 spent are written off")
        self.assertEqual(self._ledger_balance(self.card), 0.0)

    def test_spent_points_go_negative_when_the_program_says_so(self):
        self.program.crm_refund_spent_rule = "negative"
        order = self._sell(self.member, 200)
        self._spend(150)
        refund = self._add_credit_note(self._invoice(order))
        self.assertEqual(self.card.points, -150.0)
        self.assertEqual(sorted(self._take_backs(refund).mapped("used")), [50.0, 150.0])
        self.assertEqual(self._ledger_balance(self.card), -150.0)
