# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import format_datetime

from .common_rma import ReturnCase


@tagged("post_install", "-at_install")
class TestAftersalesRequest(ReturnCase):
    """The care desk opens a complaint and a return from an order line."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desk_user = new_test_user(
            cls.env,
            login="desk_clerk",
            groups="crm_fresh_loyalty.group_customer_care_user,sales_team.group_sale_salesman_all_leads",
        )
        cls.quality = cls.env.ref("crm_aftersales.helpdesk_ticket_category_quality")
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Fresh desk",
                "user_ids": [Command.set(cls.desk_user.ids)],
                "use_sla": True,
                "resource_calendar_id": cls.env.company.resource_calendar_id.id,
            }
        )
        cls.env.company.crm_complaint_fallback_team_id = cls.team
        cls.sla = cls.env["helpdesk.sla"].create(
            {
                "name": "Quality answered in a day",
                "team_ids": [Command.set(cls.team.ids)],
                "category_ids": [Command.set(cls.quality.ids)],
                "hours": 24,
                "stage_id": cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").id,
            }
        )

    def _request(self, request_type, **values):
        action = self.order_line.with_user(
            self.desk_user
        ).action_crm_aftersales_request()
        wizard_form = Form(
            self.env[action["res_model"]]
            .with_user(self.desk_user)
            .with_context(**action["context"])
        )
        wizard_form.request_type = request_type
        wizard_form.description = "Half of the apples were mouldy."
        for field, value in values.items():
            setattr(wizard_form, field, value)
        return wizard_form.save()

    def test_request_is_filled_in_from_the_line(self):
        wizard = self._request("complaint")
        self.assertEqual(
            (
                wizard.partner_id,
                wizard.product_id,
                wizard.quantity,
                wizard.sale_order_id,
            ),
            (self.customer, self.apples, 10.0, self.order),
        )

    def test_complaint_and_return_from_the_line(self):
        wizard = self._request("both", quantity=3.0, reason_id=self.spoiled)
        action = wizard.action_confirm()
        ticket = self.env["helpdesk.ticket"].browse(action["res_id"])
        self.assertEqual(action["res_model"], "helpdesk.ticket")
        self.assertEqual(
            (
                ticket.partner_id,
                ticket.crm_sale_order_id,
                ticket.crm_product_id,
                ticket.crm_is_complaint,
            ),
            (self.customer, self.order, self.apples, True),
        )
        rma = self.order.rma_ids
        self.assertEqual(
            (rma.partner_id, rma.sale_line_id, rma.product_uom_qty, rma.reason_id),
            (self.customer, self.order_line, 3.0, self.spoiled),
        )

    def test_return_only(self):
        self._request("return", reason_id=self.spoiled).action_confirm()
        self.assertEqual(self.order.rma_ids.product_uom_qty, 10.0)
        self.assertFalse(
            self.env["helpdesk.ticket"].search(
                [("crm_sale_order_id", "=", self.order.id)]
            )
        )

    def test_return_needs_a_reason(self):
        wizard = self._request("complaint")
        wizard.request_type = "return"
        with self.assertRaisesRegex(ValidationError, "Return Reason"):
            wizard.action_confirm()
        self.assertFalse(self.order.rma_ids)

    def test_customer_acknowledged_with_the_sla_time(self):
        self.customer.tz = "Asia/Shanghai"
        action = self._request("complaint", category_id=self.quality).action_confirm()
        ticket = self.env["helpdesk.ticket"].browse(action["res_id"])
        self.assertEqual(ticket.sla_ids, self.sla)
        self.assertTrue(ticket.sla_deadline)
        message = self.env["crm.customer.message"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        # one acknowledgement: the wizard's complaint is acknowledged on creation
        self.assertEqual(
            (
                len(message),
                message.event,
                message.state,
                message.channel,
                message.partner_id,
            ),
            (1, "complaint_received", "sent", "email", self.customer),
        )
        mail = self.env["mail.mail"].search(
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        self.assertIn(ticket.number, mail.subject)
        self.assertIn(
            format_datetime(
                self.env, ticket.sla_deadline, tz="Asia/Shanghai", dt_format="short"
            ),
            mail.body_html,
        )
