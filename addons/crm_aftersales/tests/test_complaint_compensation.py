# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_complaint import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintCompensation(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coupons = cls.env["loyalty.program"].create(
            {"name": "Sorry coupons", "program_type": "coupons"}
        )
        cls.env.company.crm_compensation_program_id = cls.coupons
        cls.Rule = cls.env["crm.complaint.compensation.rule"]
        cls.Rule.create(
            [
                {
                    "category_id": cls.quality.id,
                    "severity": "minor",
                    "compensation_type": "coupon",
                    "amount": 20,
                    "cap_amount": 50,
                },
                {
                    "category_id": cls.quality.id,
                    "severity": "minor",
                    "tier_id": cls.gold.id,
                    "compensation_type": "points",
                    "amount": 200,
                    "cap_amount": 500,
                },
                {
                    "category_id": cls.quality.id,
                    "severity": "major",
                    "compensation_type": "reissue",
                    "amount": 2,
                    "cap_amount": 2,
                    "product_id": cls.apples.id,
                },
                {
                    "category_id": cls.logistics.id,
                    "severity": "minor",
                    "compensation_type": "refund",
                    "amount": 15,
                    "cap_amount": 15,
                },
            ]
        )
        cls.ticket = cls._complaint("草莓发霉")

    def _propose(self, ticket=None, user=None):
        ticket = (ticket or self.ticket).with_user(user or self.agent_1)
        return ticket._crm_propose_compensation()

    def test_matrix_proposes_a_coupon(self):
        compensation = self._propose()
        self.assertEqual(
            (compensation.compensation_type, compensation.amount, compensation.state),
            ("coupon", 20.0, "draft"),
        )
        self.assertEqual(self.ticket.crm_compensation_decision, "compensate")
        self.assertEqual(self._propose(), compensation)  # proposed once

    def test_tier_line_wins_over_any_tier(self):
        self.card.crm_tier_id = self.gold
        self.assertEqual(self._propose().compensation_type, "points")

    def test_no_matrix_line_is_reported(self):
        self.ticket.crm_severity = "critical"
        with self.assertRaisesRegex(UserError, "no line for category"):
            self._propose()

    def test_coupon_is_issued_once(self):
        compensation = self._propose()
        compensation.with_user(self.agent_1).action_issue()
        card = compensation.loyalty_card_id
        self.assertEqual(compensation.state, "issued")
        self.assertEqual(
            (card.program_id, card.partner_id), (self.coupons, self.member)
        )
        self.assertEqual(card.points, 20.0)
        with self.assertRaisesRegex(UserError, "already issued"):
            compensation.with_user(self.agent_1).action_issue()
        cards = self.env["loyalty.card"].search([("program_id", "=", self.coupons.id)])
        self.assertEqual(cards, card)
        # traceable on the ticket and the customer
        self.assertEqual(self.ticket.crm_compensation_ids, compensation)
        self.assertEqual(self.member.crm_compensation_count, 1)
        self.assertEqual(self.member.crm_compensation_ids, compensation)

    def test_points_go_through_the_member_ledger(self):
        self.card.crm_tier_id = self.gold
        compensation = self._propose()
        compensation.with_user(self.agent_1).action_issue()
        self.assertEqual(self.card.points, 200.0)
        line = compensation.loyalty_history_id
        self.assertEqual((line.card_id, line.issued), (self.card, 200.0))
        self.assertIn(self.ticket.number, line.description)

    def test_coupon_is_sent_to_the_customer(self):
        compensation = self._propose()
        compensation.with_user(self.agent_1).action_issue()
        message = self.env["crm.customer.message"].search(
            [
                ("res_model", "=", compensation._name),
                ("res_id", "=", compensation.id),
            ]
        )
        self.assertEqual(
            (message.partner_id, message.channel, message.state),
            (self.member, "email", "sent"),
        )
        code = compensation.loyalty_card_id.code
        self.assertTrue(compensation.message_ids.filtered(lambda m: code in m.body))
        self.assertEqual(compensation.state, "issued")

    def test_coupon_for_a_customer_out_of_reach_is_not_issued(self):
        self.member.write({"email": False, "phone": False})
        compensation = self._propose()
        # the transaction of the click, rolled back
        with (
            self.assertRaisesRegex(UserError, "cannot be sent"),
            self.env.cr.savepoint(),
        ):
            compensation.with_user(self.agent_1).action_issue()
        self.env.invalidate_all()
        self.assertEqual(compensation.state, "draft")
        self.assertFalse(
            self.env["loyalty.card"].search([("program_id", "=", self.coupons.id)])
        )

    def test_reissue_is_issued_when_delivered(self):
        self.ticket.crm_severity = "major"
        compensation = self._propose()
        compensation.with_user(self.agent_1).action_issue()
        order = compensation.sale_order_id
        self.assertEqual(order.partner_id, self.member)
        self.assertEqual(order.origin, self.ticket.number)
        self.assertEqual(order.crm_compensation_id, compensation)
        self.assertEqual(order.state, "sale")
        line = order.order_line
        self.assertEqual((line.product_id, line.product_uom_qty), (self.apples, 2.0))
        self.assertEqual(order.amount_total, 0.0)
        self.assertEqual(compensation.state, "approved")
        self.assertTrue(compensation.in_progress)
        self.assertFalse(compensation.issued_date)
        with self.assertRaisesRegex(UserError, "on its way"):
            compensation.with_user(self.agent_1).action_issue()
        # The warehouse delivers the goods.
        picking = order.with_env(self.env).picking_ids
        picking.move_ids.quantity = 2.0
        picking.button_validate()
        self.assertEqual(compensation.state, "issued")
        self.assertTrue(compensation.issued_date)

    def test_reissue_order_is_no_purchase(self):
        self.ticket.crm_severity = "major"
        member = self.member.with_user(self.care_user)
        self.assertEqual(member.crm_order_count, 0)
        self._propose().with_user(self.agent_1).action_issue()
        member.invalidate_recordset()
        self.assertEqual(member.crm_order_count, 0)
        self.assertFalse(member.crm_last_purchase_date)

    def test_refund_is_issued_when_its_credit_note_is_posted(self):
        self.env.company.income_account_id = self.env["account.account"].create(
            {"name": "Fresh Sales", "code": "FRESH01", "account_type": "income"}
        )
        if not self.env["account.journal"].search(
            [("company_id", "=", self.env.company.id), ("type", "=", "sale")], limit=1
        ):
            self.env["account.journal"].create(
                {"name": "Customer Invoices", "code": "INV", "type": "sale"}
            )
        ticket = self._complaint("快递")
        compensation = self._propose(ticket)
        compensation.with_user(self.agent_1).action_issue()
        move = compensation.refund_move_id
        self.assertEqual((move.move_type, move.state), ("out_refund", "draft"))
        self.assertEqual(move.partner_id, self.member)
        self.assertEqual(move.amount_untaxed, 15.0)
        self.assertEqual(compensation.state, "approved")
        # Accounting posts the credit note.
        move.with_env(self.env).action_post()
        self.assertEqual(compensation.state, "issued")

    def test_declined_compensation_cancels_its_order(self):
        self.ticket.crm_severity = "major"
        compensation = self._propose()
        compensation.with_user(self.agent_1).action_issue()
        compensation.with_user(self.agent_1).action_decline()
        self.assertEqual(compensation.state, "declined")
        self.assertEqual(compensation.sale_order_id.state, "cancel")

    def test_complaint_closes_on_an_issued_or_declined_compensation(self):
        self.ticket.write(
            {
                "crm_severity": "major",
                "crm_resolution": "New box sent",
                "crm_cause_id": self.env.ref(
                    "crm_aftersales.crm_complaint_cause_supplier"
                ).id,
            }
        )
        compensation = self._propose()
        compensation.with_user(self.agent_1).action_issue()
        with self.assertRaisesRegex(ValidationError, "has no compensation yet"):
            self.ticket.stage_id = self.stage_done
        compensation.with_user(self.agent_1).action_decline()
        self.ticket.stage_id = self.stage_done
        self.assertTrue(self.ticket.closed)

    def test_above_the_cap_a_user_cannot_issue_nor_approve(self):
        compensation = self._propose()
        compensation.with_user(self.agent_1).amount = 80
        self.assertTrue(compensation.needs_approval)
        with self.assertRaisesRegex(UserError, "manager must approve"):
            compensation.with_user(self.agent_1).action_issue()
        with self.assertRaises(AccessError):
            compensation.with_user(self.agent_1).action_approve()
        with self.assertRaises(AccessError):
            compensation.with_user(self.agent_1).write({"state": "approved"})
        self.assertEqual(compensation.state, "draft")
        self.assertFalse(compensation.loyalty_card_id)

    def test_above_the_cap_a_manager_approves(self):
        compensation = self._propose()
        compensation.with_user(self.agent_1).amount = 80
        compensation.with_user(self.care_manager).action_approve()
        self.assertEqual(compensation.approved_by_id, self.care_manager)
        with self.assertRaises(UserError):
            compensation.with_user(self.agent_1).amount = 500
        compensation.with_user(self.agent_1).action_issue()
        self.assertEqual(compensation.loyalty_card_id.points, 80.0)

    def test_outside_the_matrix_a_manager_approves(self):
        compensation = self.env["crm.complaint.compensation"].create(
            {"ticket_id": self.ticket.id, "compensation_type": "coupon", "amount": 5}
        )
        self.assertTrue(compensation.needs_approval)
        with self.assertRaises(UserError):
            compensation.with_user(self.agent_1).action_issue()

    @mute_logger("odoo.sql_db")
    def test_second_compensation_of_a_kind_cannot_be_issued(self):
        self._propose().action_issue()
        second = self.env["crm.complaint.compensation"].create(
            {"ticket_id": self.ticket.id, "compensation_type": "coupon", "amount": 5}
        )
        second.with_user(self.care_manager).action_approve()
        with self.assertRaises(IntegrityError):
            second.action_issue()
            self.env.flush_all()

    def test_issued_compensation_cannot_be_deleted(self):
        compensation = self._propose()
        compensation.action_issue()
        with self.assertRaises(UserError):
            compensation.unlink()
