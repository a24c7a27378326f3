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

    def test_chinese_text_without_spaces(self):
        ticket = self._complaint("草莓有问题", "<p>收到的草莓发霉了，而且不新鲜</p>")
        self.assertEqual(ticket.category_id, self.quality)
        self.assertEqual(ticket.crm_auto_category_id, self.quality)
        self.assertEqual(self._keywords(ticket), ["不新鲜", "发霉"])
        self.assertEqual(ticket.crm_confidence, 1.0)

    def test_english_is_case_insensitive(self):
        ticket = self._complaint("Where is my order?", "<p>The COURIER never came</p>")
        self.assertEqual(ticket.category_id, self.logistics)
        self.assertEqual(self._keywords(ticket), ["courier"])

    def test_confidence_is_the_winning_share(self):
        # logistics 配送 (3) + 迟到 (3) against quality 发霉 (3)
        ticket = self._complaint("配送迟到", "<p>草莓也发霉了</p>")
        self.assertEqual(ticket.category_id, self.logistics)
        self.assertAlmostEqual(ticket.crm_confidence, 6 / 9)
        self.assertEqual(self._keywords(ticket), ["发霉", "迟到", "配送"])

    def test_no_known_keyword_leaves_it_unclassified(self):
        ticket = self._complaint("Hello", "<p>Please call me</p>")
        self.assertFalse(ticket.category_id)
        self.assertFalse(ticket.crm_auto_category_id)
        self.assertFalse(ticket.crm_keyword_ids)
        self.assertEqual(ticket.crm_confidence, 0.0)
        unclassified = self.Ticket.search(
            [("crm_is_complaint", "=", True), ("crm_confidence", "=", 0)]
        )
        self.assertIn(ticket, unclassified)

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
        right = self._complaint("快递配送的苹果发霉")  # quality 3, logistics 3+3
        wrong = self._complaint("苹果发霉了")
        self.assertEqual(right.category_id, self.logistics)
        wrong.category_id = self.logistics  # a person corrects it
        right.category_id = self.quality
        (mould | courier).invalidate_recordset(["match_count", "misfire_count"])
        for keyword, added in ((mould, (2, 1)), (courier, (1, 1))):
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
