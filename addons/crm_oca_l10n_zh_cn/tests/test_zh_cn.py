# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.translate import code_translations

from ..hooks import post_init_hook


@tagged("post_install", "-at_install")
class TestChineseScreens(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        chinese = cls.env["res.lang"]._activate_lang("zh_CN")
        if "website" in cls.env:
            # the portal speaks the languages of the website only
            cls.env["website"].search([]).language_ids |= chinese
        # rma ships a zh_CN of its own: loaded before ours, as Odoo does when
        # Chinese is added to a database where both are installed
        cls.env["ir.module.module"]._load_module_terms(
            ["helpdesk_mgmt", "rma", "mgmtsystem_action", "crm_oca_l10n_zh_cn"],
            ["zh_CN"],
        )
        cls.member = new_test_user(
            cls.env,
            login="crm_zh_member",
            groups="base.group_portal",
            lang="zh_CN",
        )
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Mouldy strawberries",
                "description": "<p>Bought yesterday</p>",
                "partner_id": cls.member.partner_id.id,
            }
        )
        cls.zh = cls.env(context={"lang": "zh_CN"})

    def test_improvement_action_terms(self):
        self.assertEqual(self.zh.ref("mgmtsystem_action.stage_close").name, "已关闭")
        action_fields = self.zh["mgmtsystem.action"].fields_get(
            ["date_deadline", "type_action"]
        )
        self.assertEqual(action_fields["date_deadline"]["string"], "截止日期")
        self.assertEqual(
            dict(action_fields["type_action"]["selection"])["correction"], "纠正措施"
        )

    def test_back_office_terms(self):
        ticket_fields = self.zh["helpdesk.ticket"].fields_get(["stage_id", "number"])
        self.assertEqual(ticket_fields["stage_id"]["string"], "阶段")
        self.assertEqual(ticket_fields["number"]["string"], "工单编号")
        self.assertEqual(
            self.zh.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress").name,
            "进行中",
        )
        rma_state = dict(self.zh["rma"].fields_get(["state"])["state"]["selection"])
        self.assertEqual(rma_state["waiting_return"], "等待退回")
        self.assertEqual(self.zh.ref("rma.rma_menu").name, "退换货单")
        self.assertEqual(
            self.zh["helpdesk.ticket.sla"].fields_get(["state"])["state"]["string"],
            "状态",
        )

    def test_refund_is_refund(self):
        # rma's own zh_CN says 退货 (return goods) for Refund
        self.assertEqual(self.zh.ref("rma.rma_operation_refund").name, "退款")

    def test_install_replaces_terms_of_installed_languages(self):
        refund = self.env.ref("rma.rma_operation_refund")
        refund.with_context(lang="zh_CN").name = "退货"
        post_init_hook(self.env)
        self.assertEqual(refund.with_context(lang="zh_CN").name, "退款")

    def test_code_terms(self):
        dashboard = self.zh["helpdesk.ticket.team"].retrieve_dashboard()
        self.assertIn("未结工单", [tile["name"] for tile in dashboard])
        # a term of rma's code that is also a field label of other modules
        self.assertEqual(
            code_translations.get_python_translations("rma", "zh_CN").get("Date"),
            "日期",
        )
        receipt = code_translations.get_web_translations("point_of_sale", "zh_CN")
        self.assertIn(
            {"id": "Ticket", "string": "小票"}, [dict(m) for m in receipt["messages"]]
        )
        # the module's own terms stay
        self.assertIn(
            {"id": "Subtotal", "string": "小计"}, [dict(m) for m in receipt["messages"]]
        )

    def test_web_client_receives_the_terms(self):
        self.authenticate("crm_zh_member", "crm_zh_member")
        response = self.url_open(
            "/web/webclient/translations?lang=zh_CN&mods=pos_loyalty"
        )
        messages = response.json()["modules"]["pos_loyalty"]["messages"]
        self.assertIn({"id": "Won:", "string": "获得："}, messages)

    def test_portal_ticket_pages(self):
        self.authenticate("crm_zh_member", "crm_zh_member")
        home = self.url_open("/my/home").text
        self.assertTrue("<span>工单</span>" in home, "the Tickets tile is in English")
        self.assertTrue("<span>退换货单</span>" in home, "the RMA tile is in English")
        tickets = self.url_open("/my/tickets").text
        # a term of the controller's Python code
        self.assertTrue("按编号搜索" in tickets, "the ticket search is in English")
        page = self.url_open(f"/my/ticket/{self.ticket.id}").text
        self.assertTrue("<strong>创建日期：</strong>" in page, "the page is in English")
