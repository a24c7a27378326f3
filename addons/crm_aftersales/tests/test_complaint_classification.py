# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_complaint import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintClassification(ComplaintCase):
    def _keywords(self, ticket):
        return sorted(ticket.crm_keyword_ids.mapped("keyword"))

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Classifier = cls.env["crm.complaint.classifier"]
        cls.classifier = cls.Classifier._current(cls.env.company)
        cls.service = cls.env.ref("crm_aftersales.helpdesk_ticket_category_service")
        cls.other = cls.env.ref("crm_aftersales.helpdesk_ticket_category_other")

    def _assert_classified(self, ticket, category):
        self.assertEqual(ticket.crm_classification, "classified")
        self.assertEqual(ticket.category_id, category)
        self.assertEqual(ticket.crm_auto_category_id, category)
        self.assertGreaterEqual(ticket.crm_confidence, self.classifier.threshold)
        self.assertEqual(ticket.crm_classifier_id, self.classifier)

    def test_chinese_text_without_spaces(self):
        ticket = self._complaint("草莓有问题", "<p>收到的草莓发霉了，而且不新鲜</p>")
        self._assert_classified(ticket, self.quality)
        # the administrators' keywords that fired
        self.assertEqual(self._keywords(ticket), ["不新鲜", "发霉"])

    def test_everyday_words_and_the_deciding_words(self):
        # 烂 and 臭 are no keywords; the ticket says which words decided
        ticket = self._complaint("在吗", "<p>昨天买的桃子全烂了，还有一股臭味</p>")
        self._assert_classified(ticket, self.quality)
        # the group of 烂 and 臭 weighed most
        self.assertRegex(ticket.crm_classification_reasons, r"^\[变质\] \+\d+\.\d\d · ")

    def test_traditional_chinese(self):
        ticket = self._complaint(
            "投訴", "<p>買的雞蛋打開是臭的，你們有沒有在檢查？</p>"
        )
        self._assert_classified(ticket, self.quality)

    def test_english_is_case_insensitive(self):
        ticket = self._complaint("Late", "<p>The COURIER is three hours late</p>")
        self._assert_classified(ticket, self.logistics)
        self.assertEqual(self._keywords(ticket), ["courier"])

    def test_negated_delivery_words_do_not_decide(self):
        ticket = self._complaint(
            "西瓜", "<p>不是送货的问题，快递挺快的，是西瓜是生的</p>"
        )
        self._assert_classified(ticket, self.quality)
        # 送货 (logistics keyword) is negated and does not fire; 快递 does
        self.assertEqual(self._keywords(ticket), ["快递"])
        self.assertNotIn("¬送货 -", ticket.crm_classification_reasons)

    def test_the_problem_outweighs_how_the_goods_came_and_the_remedy(self):
        ticket = self._complaint(
            "关于猪肉质量问题的函",
            "<p>贵司本周配送至我校食堂的猪肉按时送达，但开箱后发现颜色发暗、"
            "有酸臭味，请尽快处理并refund。XX中学后勤处</p>",
        )
        self._assert_classified(ticket, self.quality)

    def test_other_is_reachable(self):
        ticket = self._complaint("App", "<p>你们的小程序老是闪退，登录不了</p>")
        self._assert_classified(ticket, self.other)

    def test_praise_is_not_a_complaint(self):
        ticket = self._complaint("表扬", "<p>谢谢你们，草莓很甜，送货也快，好评！</p>")
        self.assertEqual(ticket.crm_classification, "not_complaint")
        self.assertFalse(ticket.category_id)
        self.assertFalse(ticket.crm_auto_category_id)
        self.assertEqual(ticket.priority, "0")

    def test_unsure_complaint_waits_in_triage_with_high_priority(self):
        self.classifier.with_user(self.care_manager).threshold = 0.999
        ticket = self._complaint("Hello", "<p>Please call me</p>")
        self.assertEqual(ticket.crm_classification, "triage")
        self.assertFalse(ticket.category_id)
        self.assertLess(ticket.crm_confidence, 0.999)
        self.assertEqual(ticket.priority, "2")
        # the triage queue (filter of the Complaint Triage menu)
        queue = self.Ticket.with_user(self.agent_1).search(
            [
                ("crm_is_complaint", "=", True),
                ("crm_classification", "=", "triage"),
                ("category_id", "=", False),
            ]
        )
        self.assertIn(ticket, queue)

    def test_agents_corrections_train_the_next_version(self):
        text = "<p>嘀嗒嘀嗒，嘀嗒嘀嗒嘀嗒</p>"
        ticket = self._complaint("嘀嗒", text)
        self.assertNotEqual(ticket.crm_auto_category_id, self.service)
        ticket.with_user(self.agent_1).category_id = self.service

        action = self.Classifier.with_user(self.care_manager).action_train()
        new = self.Classifier.browse(action["res_id"])
        self.assertTrue(new.is_current)
        self.assertFalse(self.classifier.is_current)  # kept as the previous one
        self.assertEqual(new.version, self.classifier.version + 1)
        self.assertEqual(new.correction_count, self.classifier.correction_count + 1)
        again = self._complaint("嘀嗒", text)
        self.assertEqual(again.crm_auto_category_id, self.service)
        self.assertEqual(again.crm_classifier_id, new)

        # the version before the previous one is deleted; the previous one can
        # be put back
        self.Classifier.with_user(self.care_manager).action_train()
        versions = self.Classifier.search([("company_id", "=", self.env.company.id)])
        self.assertEqual(versions.mapped("version"), [new.version + 1, new.version])
        new.with_user(self.care_manager).action_make_current()
        self.assertEqual(versions.filtered("is_current"), new)

    def test_the_nightly_training_waits_for_new_corrections(self):
        self.Classifier._cron_train()
        self.assertTrue(self.classifier.is_current)
        ticket = self._complaint("嘀嗒", "<p>嘀嗒嘀嗒</p>")
        ticket.category_id = self.service
        ticket.flush_recordset()
        self.Classifier._cron_train()
        self.assertFalse(self.classifier.is_current)

    def test_only_managers_train_the_classifier(self):
        with self.assertRaises(AccessError):
            self.Classifier.with_user(self.care_user).action_train()
        with self.assertRaises(AccessError):
            self.classifier.with_user(self.care_user).threshold = 0.5

    def test_model_is_built_once_per_worker(self):
        first = self.Classifier._compiled_model(self.classifier.id)
        self._complaint("草莓", "<p>草莓烂了</p>")
        self.assertIs(self.Classifier._compiled_model(self.classifier.id), first)

    def test_keywords_steer_the_classifier(self):
        self.env["crm.complaint.keyword"].with_user(self.care_manager).create(
            {"keyword": "西瓜", "category_id": self.service.id, "weight": 100}
        )
        ticket = self._complaint("西瓜", "<p>西瓜有点问题</p>")
        self._assert_classified(ticket, self.service)
        self.assertIn("西瓜", self._keywords(ticket))

    def test_category_chosen_by_the_customer_is_kept(self):
        ticket = self._complaint(
            "发霉",
            category_id=self.env.ref(
                "crm_aftersales.helpdesk_ticket_category_other"
            ).id,
        )
        self.assertEqual(ticket.crm_auto_category_id, self.quality)
        self.assertEqual(
            ticket.category_id,
            self.env.ref("crm_aftersales.helpdesk_ticket_category_other"),
        )
        self.assertTrue(ticket.crm_category_corrected)

    def test_corrections_count_against_the_rules_that_fired(self):
        mould = self.env.ref("crm_aftersales.crm_complaint_keyword_quality_mould_cn")
        courier = self.env.ref(
            "crm_aftersales.crm_complaint_keyword_logistics_courier_cn"
        )
        # the counts cover every complaint of the database (demo data too)
        before = {k: (k.match_count, k.misfire_count) for k in mould | courier}
        both = self._complaint("快递配送的苹果发霉")  # quality and logistics
        mouldy = self._complaint("苹果发霉了")
        self.assertEqual(mouldy.category_id, self.quality)
        self.assertLessEqual(mould | courier, both.crm_keyword_ids)
        mouldy.category_id = self.logistics  # a person corrects them
        both.category_id = self.service
        (mould | courier).invalidate_recordset(["match_count", "misfire_count"])
        for keyword, added in ((mould, (2, 2)), (courier, (1, 1))):
            self.assertEqual(
                (keyword.match_count, keyword.misfire_count),
                (before[keyword][0] + added[0], before[keyword][1] + added[1]),
            )

    def test_tickets_that_are_not_complaints_are_left_alone(self):
        ticket = self.Ticket.create({"name": "发霉", "description": "<p>发霉</p>"})
        self.assertFalse(ticket.category_id)
        self.assertFalse(ticket.crm_keyword_ids)
        self.assertFalse(ticket.crm_sla_status)

    def test_only_managers_maintain_keywords(self):
        vals = {"keyword": "烂", "category_id": self.quality.id}
        Keyword = self.env["crm.complaint.keyword"]
        with self.assertRaises(AccessError):
            Keyword.with_user(self.care_user).create(vals)
        self.assertEqual(Keyword.with_user(self.care_manager).create(vals).weight, 1.0)

    def test_blank_keyword_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "Keyword"):
            self.env["crm.complaint.keyword"].create(
                {"keyword": "   ", "category_id": self.quality.id}
            )

    @mute_logger("odoo.sql_db")
    def test_zero_weight_is_refused(self):
        with self.assertRaises(IntegrityError):
            self.env["crm.complaint.keyword"].create(
                {"keyword": "烂", "category_id": self.quality.id, "weight": 0}
            )
