# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common_complaint import ComplaintCase


@tagged("post_install", "-at_install")
class TestImprovementAction(ComplaintCase):
    """Two complaints about one lot of one supplier: the root cause analysis
    opens a corrective action answering both; closing it publishes its
    result."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cause = cls.env["crm.complaint.cause"].create({"name": "Mould on arrival"})
        cls.farm = cls.env["res.partner"].create({"name": "Green Farm"})
        cls.apples.is_storable = True
        cls.apples.tracking = "lot"
        cls.apples.seller_ids = [fields.Command.create({"partner_id": cls.farm.id})]
        cls.lot = cls.env["stock.lot"].create(
            {"name": "APL-2026-11", "product_id": cls.apples.id}
        )
        cls.complaints = cls._complaint(
            "苹果发霉",
            category_id=cls.quality.id,
            crm_cause_id=cls.cause.id,
            crm_product_id=cls.apples.id,
            crm_lot_id=cls.lot.id,
        ) | cls._complaint(
            "Mouldy apples",
            category_id=cls.quality.id,
            crm_cause_id=cls.cause.id,
            crm_product_id=cls.apples.id,
            crm_lot_id=cls.lot.id,
        )
        cls.stage_open = cls.env.ref("mgmtsystem_action.stage_open")
        cls.stage_close = cls.env.ref("mgmtsystem_action.stage_close")

    def _open_action(self, user):
        self.env.flush_all()
        rows = (
            self.env["crm.complaint.cause.report"]
            .with_user(user)
            .search([("lot_id", "=", self.lot.id)])
        )
        action = rows.action_crm_improvement_action()
        form = Form(
            self.env["mgmtsystem.action"]
            .with_user(user)
            .with_context(**action["context"])
        )
        form.user_id = self.leader
        form.date_deadline = fields.Date.today()
        return form.save()

    def test_root_cause_opens_an_action_answering_its_complaints(self):
        action = self._open_action(self.leader)
        self.assertEqual(
            (
                action.type_action,
                action.crm_cause_id,
                action.crm_lot_id,
                action.crm_supplier_id,
                action.crm_category_id,
                action.crm_ticket_ids,
            ),
            (
                "correction",
                self.cause,
                self.lot,
                self.farm,
                self.quality,
                self.complaints,
            ),
        )
        self.assertIn(self.lot.name, action.name)
        self.assertEqual(self.complaints.crm_improvement_action_ids, action)

    def test_closing_needs_the_result(self):
        action = self._open_action(self.leader)
        action.stage_id = self.stage_open
        with self.assertRaisesRegex(ValidationError, "Result"):
            action.stage_id = self.stage_close
        self.assertFalse(action.date_closed)

    def test_closing_posts_the_result_on_its_complaints(self):
        action = self._open_action(self.leader)
        action.stage_id = self.stage_open
        action.write(
            {
                "crm_result": "Green Farm checks every lot for mould before shipping.",
                "stage_id": self.stage_close.id,
            }
        )
        self.assertTrue(action.date_closed)
        for ticket in self.complaints:
            note = ticket.message_ids[0]
            self.assertIn("checks every lot for mould", note.body)
            self.assertEqual(note.author_id, self.leader.partner_id)
            # The complaint keeps its own closed loop with the customer.
            self.assertFalse(ticket.closed)
        report = self.env["crm.improvement.report"].create(
            {
                "date_from": fields.Date.today().replace(day=1),
                "date_to": fields.Date.today(),
            }
        )
        # (the other rows are those of other records of the database)
        self.assertEqual(
            report._closed_actions().filtered(lambda a: a.crm_cause_id == self.cause),
            action,
        )
        self.assertIn((self.cause, 2, 0), report._causes())
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "crm_aftersales.action_report_crm_improvement", report.ids
        )
        self.assertIn(b"checks every lot for mould", html)
        self.assertIn(self.lot.name.encode(), html)

    def test_care_user_opens_an_action_from_a_complaint(self):
        ticket = self.complaints[0].with_user(self.agent_1)
        action = ticket.action_crm_improvement_action()
        self.assertEqual(
            action["context"]["default_crm_ticket_ids"], [(6, 0, ticket.ids)]
        )
