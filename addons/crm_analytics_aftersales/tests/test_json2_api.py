# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import xmlrpc.client
from datetime import datetime, timedelta
from http import HTTPStatus

from odoo import Command
from odoo.tests import HttpCase, get_db_name, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestJson2Api(HttpCase):
    """The main flows of the suite driven as an external integration would:
    over Odoo 19's JSON-2 API (``POST /json/2/<model>/<method>``), with the API
    key of a care agent or of a care manager, never as the administrator.

    Every call must answer a value a client can read (a button that returns
    nothing answers ``null`` here and breaks XML-RPC, see the last test), and
    a malformed argument must answer a clear error, not a server error.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            login="json2_agent",
            groups="crm_fresh_loyalty.group_customer_care_user",
        )
        cls.manager = new_test_user(
            cls.env,
            login="json2_manager",
            groups="crm_fresh_loyalty.group_customer_care_manager",
        )
        expiration = datetime.now() + timedelta(days=1)
        cls.agent_key, cls.manager_key = (
            cls.env["res.users.apikeys"]
            .with_user(user)
            ._generate(scope="rpc", name="integration", expiration_date=expiration)
            for user in (cls.agent, cls.manager)
        )
        cls.company = cls.env.company
        program = cls.env["loyalty.program"].create(
            {"name": "Fresh Club", "program_type": "loyalty"}
        )
        cls.env["crm.membership.tier"].create(
            {"name": "Silver", "program_id": program.id, "qualify_spend": 1000}
        )
        cls.member = cls.env["res.partner"].create(
            {"name": "Li Na", "email": "li.na@example.com", "customer_rank": 1}
        )
        cls.card = cls.env["loyalty.card"].create(
            {"program_id": program.id, "partner_id": cls.member.id}
        )
        cls.quality = cls.env.ref("crm_aftersales.helpdesk_ticket_category_quality")
        cls.env["crm.complaint.compensation.rule"].create(
            {
                "category_id": cls.quality.id,
                "severity": "minor",
                "compensation_type": "points",
                "amount": 200,
                "cap_amount": 500,
            }
        )
        cls.apples = cls.env["product.product"].create(
            {"name": "Fuji apples", "type": "consu", "taxes_id": [Command.clear()]}
        )
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.member.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.apples.id,
                            "product_uom_qty": 10,
                            "price_unit": 10.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        cls.order.action_confirm()
        cls.order.picking_ids.move_ids.quantity = 10
        cls.order.picking_ids.button_validate()

    def _call(self, key, model, method, **params):
        """POST /json/2/<model>/<method> as a client of the API: the database
        in a header (this server has several), the key as a Bearer token."""
        return self.url_open(
            f"/json/2/{model}/{method}",
            json=params,
            headers={
                "Authorization": f"Bearer {key}",
                "X-Odoo-Database": get_db_name(),
            },
        )

    def _json2(self, key, model, method, **params):
        response = self._call(key, model, method, **params)
        self.assertEqual(response.status_code, HTTPStatus.OK, response.text)
        return response.json()

    def assertJson2Error(self, response, name, message):
        self.assertEqual(response.status_code, HTTPStatus.UNPROCESSABLE_ENTITY)
        error = response.json()
        self.assertEqual(error["name"], name)
        self.assertIn(message, error["message"])

    def _complaint(self):
        [ticket_id] = self._json2(
            self.agent_key,
            "helpdesk.ticket",
            "create",
            vals_list=[
                {
                    "name": "草莓发霉",
                    "description": "<p>Mouldy strawberries</p>",
                    "type_id": self.env.ref(
                        "crm_aftersales.helpdesk_ticket_type_complaint"
                    ).id,
                    "category_id": self.quality.id,
                    "crm_severity": "minor",
                    "partner_id": self.member.id,
                }
            ],
        )
        return self.env["helpdesk.ticket"].browse(ticket_id)

    def test_customer(self):
        [partner_id] = self._json2(
            self.agent_key,
            "res.partner",
            "create",
            vals_list=[{"name": "Zhou Min", "email": "zhou.min@example.com"}],
        )
        [found] = self._json2(
            self.agent_key,
            "res.partner",
            "search_read",
            domain=[("id", "=", partner_id)],
            fields=["name", "create_uid"],
        )
        self.assertEqual(found["name"], "Zhou Min")
        self.assertEqual(found["create_uid"][0], self.agent.id)

    def test_points_adjustment(self):
        [wizard_id] = self._json2(
            self.manager_key,
            "crm.points.adjust.wizard",
            "create",
            vals_list=[{"card_id": self.card.id, "points": 50, "reason": "Goodwill"}],
        )
        result = self._json2(
            self.manager_key,
            "crm.points.adjust.wizard",
            "action_apply",
            ids=[wizard_id],
        )
        self.assertEqual(result, {"type": "ir.actions.act_window_close"})
        self.assertEqual(self.card.points, 50)
        # an agent may not adjust points
        with mute_logger("odoo.http"):
            response = self._call(
                self.agent_key,
                "crm.points.adjust.wizard",
                "create",
                vals_list=[
                    {"card_id": self.card.id, "points": 50, "reason": "Goodwill"}
                ],
            )
        self.assertEqual(response.status_code, HTTPStatus.FORBIDDEN)
        self.assertEqual(response.json()["name"], "odoo.exceptions.AccessError")

    def test_complaint_and_compensation(self):
        ticket = self._complaint()
        self.assertEqual(ticket.commercial_partner_id, self.member)
        proposed = self._json2(
            self.agent_key,
            "helpdesk.ticket",
            "action_crm_propose_compensation",
            ids=ticket.ids,
        )
        self.assertIs(proposed, True)
        compensation = ticket.crm_compensation_ids
        self.assertEqual(
            (compensation.compensation_type, compensation.state), ("points", "draft")
        )
        for method in ("action_approve", "action_issue"):
            result = self._json2(
                self.manager_key,
                "crm.complaint.compensation",
                method,
                ids=compensation.ids,
            )
            self.assertIs(result, True, method)
        self.env.invalidate_all()
        self.assertEqual(compensation.state, "issued")
        self.assertEqual(compensation.loyalty_card_id, self.card)
        self.assertEqual(self.card.points, 200)

    def test_return(self):
        [rma_id] = self._json2(
            self.agent_key,
            "rma",
            "create",
            vals_list=[
                {
                    "partner_id": self.member.id,
                    "order_id": self.order.id,
                    "sale_line_id": self.order.order_line.id,
                    "product_uom_qty": 2,
                    "reason_id": self.env.ref("crm_aftersales.rma_reason_spoiled").id,
                    "operation_id": self.env.ref("rma.rma_operation_refund").id,
                }
            ],
        )
        confirmed = self._json2(self.agent_key, "rma", "action_confirm", ids=[rma_id])
        self.assertIs(confirmed, True)
        self.assertEqual(self.env["rma"].browse(rma_id).state, "confirmed")

    def test_analytics_drill_down(self):
        today = datetime.now().date().isoformat()
        data = self._json2(
            self.manager_key,
            "crm.analytics.dashboard",
            "get_dashboard_data",
            company_id=self.company.id,
            channel="all",
            period_days=90,
        )
        self.assertEqual(data["company_id"], self.company.id)
        action = self._json2(
            self.manager_key,
            "crm.analytics.dashboard",
            "action_open_kpi",
            kpi="points_issued",
            company_id=self.company.id,
            channel="all",
            date=today,
        )
        self.assertEqual(action["type"], "ir.actions.act_window")

    @mute_logger("odoo.http")
    def test_analytics_drill_down_refuses_malformed_arguments(self):
        kpi = {
            "kpi": "points_issued",
            "company_id": self.company.id,
            "channel": "all",
            "date": datetime.now().date().isoformat(),
        }
        customers = {"company_id": self.company.id, "field": "segment"}
        for method, params, message in (
            ("action_open_kpi", kpi | {"date": "2026-13-45"}, "Date: give the day"),
            ("action_open_kpi", kpi | {"date": 20261207}, "Date: give the day"),
            ("action_open_kpi", kpi | {"date": None}, "Date: give the day"),
            ("action_open_kpi", kpi | {"kpi": ["points_issued"]}, "Unknown KPI"),
            ("action_open_kpi", kpi | {"channel": ["all"]}, "Unknown channel"),
            ("action_open_kpi", kpi | {"company_id": "1"}, "Company: give the id"),
            ("action_open_customers", customers | {"value": ["x"]}, "not by segment"),
        ):
            with self.subTest(method=method, params=params):
                response = self._call(
                    self.manager_key, "crm.analytics.dashboard", method, **params
                )
                self.assertJson2Error(response, "odoo.exceptions.UserError", message)

    @mute_logger("odoo.http", "odoo.addons.rpc.controllers.xmlrpc")
    def test_xmlrpc_buttons_answer(self):
        """XML-RPC cannot send ``None``: a button that returns nothing does
        its work, then the client gets a "cannot marshal None" fault."""
        ticket = self._complaint()
        self._json2(
            self.agent_key,
            "helpdesk.ticket",
            "action_crm_propose_compensation",
            ids=ticket.ids,
        )
        compensation = ticket.crm_compensation_ids
        for method in ("action_approve", "action_issue"):
            result = self.xmlrpc_object.execute_kw(
                get_db_name(),
                self.manager.id,
                self.manager_key,
                "crm.complaint.compensation",
                method,
                [compensation.ids],
            )
            self.assertIs(result, True, method)
        self.assertEqual(compensation.state, "issued")
        with self.assertRaisesRegex(xmlrpc.client.Fault, "Only a customer care"):
            self.xmlrpc_object.execute_kw(
                get_db_name(),
                self.agent.id,
                self.agent_key,
                "crm.complaint.compensation",
                "action_approve",
                [compensation.ids],
            )
