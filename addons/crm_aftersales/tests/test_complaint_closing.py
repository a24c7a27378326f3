# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common_complaint import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintClosing(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.quality_manager = cls.care_manager.copy({"login": "quality_manager"})
        cls.env.company.write(
            {
                "crm_complaint_callback_days": 3,
                "crm_lot_alert_count": 2,
                "crm_quality_manager_id": cls.quality_manager.id,
            }
        )
        cls.cause = cls.env.ref("crm_aftersales.crm_complaint_cause_supplier")
        cls.apples.is_storable = True
        cls.apples.tracking = "lot"
        cls.farm = cls.env["res.partner"].create({"name": "Green Farm"})
        cls.apples.seller_ids = [fields.Command.create({"partner_id": cls.farm.id})]
        cls.lot = cls.env["stock.lot"].create(
            {"name": "APL-2026-11", "product_id": cls.apples.id}
        )
        cls.callback_type = cls.env.ref(
            "crm_aftersales.mail_activity_type_complaint_callback"
        )

    def _closable(self, **vals):
        ticket = self._complaint("苹果发霉")
        ticket.write(
            {
                "crm_resolution": "New box delivered",
                "crm_cause_id": self.cause.id,
                "crm_compensation_decision": "none",
                **vals,
            }
        )
        return ticket

    def _close(self, ticket):
        ticket.stage_id = self.stage_done

    def test_closing_without_root_cause_is_refused(self):
        ticket = self._closable(crm_cause_id=False)
        stage = ticket.stage_id
        with self.assertRaisesRegex(ValidationError, "Root Cause"):
            self._close(ticket)
        self.assertEqual(ticket.stage_id, stage)
        self.assertFalse(ticket.closed_date)

    def test_closing_without_resolution_nor_decision_names_both(self):
        ticket = self._complaint("苹果发霉", crm_cause_id=self.cause.id)
        with self.assertRaisesRegex(
            ValidationError, "Resolution, Compensation Decision"
        ):
            self._close(ticket)

    def test_closing_with_a_product_needs_its_lot(self):
        ticket = self._closable(crm_product_id=self.apples.id)
        with self.assertRaisesRegex(ValidationError, "Lot"):
            self._close(ticket)
        ticket.crm_lot_id = self.lot
        self._close(ticket)
        self.assertTrue(ticket.closed)

    def test_values_given_with_the_closing_count(self):
        ticket = self._closable(crm_cause_id=False)
        ticket.write({"crm_cause_id": self.cause.id, "stage_id": self.stage_done.id})
        self.assertTrue(ticket.closed)

    def test_decision_to_compensate_needs_an_issued_compensation(self):
        ticket = self._closable(crm_compensation_decision="compensate")
        with self.assertRaisesRegex(ValidationError, "has no compensation yet"):
            self._close(ticket)

    def test_tickets_that_are_not_complaints_close_freely(self):
        ticket = self.Ticket.create({"name": "Question", "description": "<p>?</p>"})
        self._close(ticket)
        self.assertTrue(ticket.closed)

    def test_closing_asks_for_satisfaction_and_plans_a_callback(self):
        ticket = self._closable()
        self._close(ticket)
        answer = ticket.crm_satisfaction_answer_ids
        self.assertEqual(len(answer), 1)
        self.assertEqual(answer.partner_id, self.member)
        callback = ticket.activity_ids.filtered(
            lambda a: a.activity_type_id == self.callback_type
        )
        self.assertEqual(len(callback), 1)
        self.assertEqual(
            callback.date_deadline, fields.Date.context_today(ticket) + timedelta(3)
        )
        # Saving the closed stage again plans and asks nothing more.
        self._close(ticket)
        self.assertEqual(
            len(
                ticket.activity_ids.filtered(
                    lambda a: a.activity_type_id == self.callback_type
                )
            ),
            1,
        )
        self.assertEqual(len(ticket.crm_satisfaction_answer_ids), 1)

    def test_unhappy_rating_reopens_and_alerts_the_leader(self):
        ticket = self._closable()
        self._close(ticket)
        ticket.rating_apply(1, token=ticket._rating_get_access_token())
        self.assertFalse(ticket.closed)
        alert = ticket.activity_ids.filtered(lambda a: a.user_id == self.leader)
        self.assertEqual(len(alert), 1)
        # The customer submits the same rating again with feedback: once only.
        ticket.rating_apply(1, token=ticket._rating_get_access_token(), feedback="No")
        self.assertEqual(
            len(ticket.activity_ids.filtered(lambda a: a.user_id == self.leader)), 1
        )

    def test_happy_rating_keeps_it_closed(self):
        ticket = self._closable()
        self._close(ticket)
        ticket.rating_apply(5, token=ticket._rating_get_access_token())
        self.assertTrue(ticket.closed)

    def test_lot_with_k_complaints_alerts_quality_once(self):
        def alerts():
            return self.lot.activity_ids.filtered(
                lambda a: a.user_id == self.quality_manager
            )

        vals = {"crm_product_id": self.apples.id, "crm_lot_id": self.lot.id}
        self._complaint("苹果发霉", **vals)
        self.assertFalse(alerts())
        self._complaint("苹果变质", **vals)
        self.assertEqual(len(alerts()), 1)
        self.assertTrue(self.lot.crm_quality_alert_date)
        self._complaint("苹果腐烂", **vals)
        self.lot._crm_check_quality_alert()
        self.assertEqual(len(alerts()), 1)
        self.assertEqual(self.lot.crm_complaint_count, 3)

    def test_root_cause_report_groups_by_cause_product_lot_supplier(self):
        self._closable(crm_product_id=self.apples.id, crm_lot_id=self.lot.id)
        self._closable(crm_product_id=self.apples.id, crm_lot_id=self.lot.id)
        self._closable(
            crm_cause_id=self.env.ref("crm_aftersales.crm_complaint_cause_delivery").id
        )
        self.env.flush_all()
        rows = self.env["crm.complaint.cause.report"]._read_group(
            [("partner_id", "=", self.member.id)],
            ["cause_id", "product_id", "lot_id", "supplier_id"],
            ["count:sum"],
        )
        self.assertEqual(
            sorted((r[0].name, r[1].name, r[2].name, r[3].name, r[4]) for r in rows),
            [
                ("Delivery handling", False, False, False, 1),
                ("Supplier quality", "Fuji apples", "APL-2026-11", "Green Farm", 2),
            ],
        )

    def test_customer_form_counts_satisfaction(self):
        ticket = self._closable()
        self._close(ticket)
        ticket.rating_apply(5, token=ticket._rating_get_access_token())
        self.member.invalidate_recordset(["crm_rating_count"])
        self.assertEqual(self.member.crm_rating_count, 1)
        action = self.member.action_crm_view_ratings()
        self.assertEqual(
            self.env["rating.rating"].search(action["domain"]).res_id, ticket.id
        )
