# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from .common_rma import ReturnCase


@tagged("post_install", "-at_install")
class TestRmaRefundSpend(ReturnCase):
    """A return refunded through rma lowers the customer's spend and the
    spend that qualifies for a tier by what was refunded: the credit note
    line refunds the sale order line, as in OCA rma_sale."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        program = cls.env["loyalty.program"].create(
            {
                "name": "Fresh Club",
                "program_type": "loyalty",
                "applies_on": "both",
                "trigger": "auto",
                "rule_ids": [
                    Command.create(
                        {"reward_point_mode": "money", "reward_point_amount": 1}
                    )
                ],
            }
        )
        cls.env["crm.membership.tier"].create(
            {"name": "Silver", "program_id": program.id, "qualify_spend": 1000}
        )
        cls.env["loyalty.card"].create(
            {"program_id": program.id, "partner_id": cls.customer.id}
        )

    def _refund(self, qty):
        rma = self._create_return(qty, user=self.care_user)
        rma.action_confirm()
        self._receive(rma)
        self._inspect(rma)
        rma.action_refund()
        # Accounting posts the credit note.
        rma.refund_id.with_env(self.env).action_post()
        return rma

    def _customer(self):
        self.customer.invalidate_recordset()
        return self.customer.with_user(self.care_user)

    def test_refund_lowers_spend(self):
        self.assertEqual(self._customer().crm_lifetime_spend, 100.0)
        rma = self._refund(2.0)
        self.assertEqual(rma.refund_id.invoice_line_ids.sale_line_ids, self.order_line)
        self.assertEqual(self.order_line.qty_invoiced, -2.0)
        customer = self._customer()
        self.assertEqual(customer.crm_lifetime_spend, 80.0)
        self.assertEqual(customer.crm_order_count, 1, "The order still counts")

    def test_refund_lowers_qualifying_spend(self):
        self.assertEqual(self._customer().crm_next_tier_progress, 10.0)
        self._refund(2.0)
        self.assertEqual(self._customer().crm_next_tier_progress, 8.0)

    def test_draft_credit_note_changes_nothing(self):
        rma = self._create_return(2.0)
        self._confirm_and_receive(rma)
        self._inspect(rma)
        rma.action_refund()
        self.assertEqual(rma.refund_id.state, "draft")
        self.assertEqual(self._customer().crm_lifetime_spend, 100.0)


@tagged("post_install", "-at_install")
class TestRmaRefundPoints(ReturnCase):
    """A return refunded through rma takes back the points the refunded
    goods earned when its credit note is posted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        program = cls.env["loyalty.program"].create(
            {
                "name": "Fresh Club",
                "program_type": "loyalty",
                "applies_on": "both",
                "trigger": "auto",
                "rule_ids": [
                    Command.create(
                        {"reward_point_mode": "money", "reward_point_amount": 1}
                    )
                ],
            }
        )
        cls.card = cls.env["loyalty.card"].create(
            {"program_id": program.id, "partner_id": cls.customer.id}
        )
        # An order of the member: 10 kg at 10.0 earns 100 points.
        cls.order = cls._sell_and_deliver(cls.customer, 10.0)
        cls.order_line = cls.order.order_line

    def test_refund_takes_back_points(self):
        self.assertEqual(self.card.points, 100.0)
        rma = self._create_return(2.0, user=self.care_user)
        rma.action_confirm()
        self._receive(rma)
        self._inspect(rma)
        rma.action_refund()
        self.assertEqual(self.card.points, 100.0, "Not before the posting")
        # Accounting posts the credit note.
        rma.refund_id.with_env(self.env).action_post()
        self.assertEqual(self.card.points, 80.0)
        take_back = self.card.history_ids.filtered("crm_refund_of_id")
        self.assertEqual(
            (take_back.order_model, take_back.order_id, take_back.used),
            ("account.move", rma.refund_id.id, 20.0),
        )
