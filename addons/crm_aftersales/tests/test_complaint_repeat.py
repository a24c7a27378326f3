# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common_complaint import ComplaintCase


@tagged("post_install", "-at_install")
class TestRepeatComplainers(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.write(
            {"crm_repeat_complaint_count": 3, "crm_repeat_complaint_days": 30}
        )
        cls.callback_type = cls.env.ref(
            "crm_aftersales.mail_activity_type_complaint_callback"
        )

    def _callbacks(self, tickets):
        return tickets.activity_ids.filtered(
            lambda a: a.activity_type_id == self.callback_type
        )

    def test_third_complaint_in_the_window_flags_the_customer(self):
        first = self._complaint("快递")
        second = self._complaint("快递")
        self.assertFalse((first | second).filtered("crm_repeat_complainer"))
        third = self._complaint("快递")
        self.assertTrue(third.crm_repeat_complainer)
        self.assertEqual(third.priority, "2")  # logistics is 1, one level up
        callback = self._callbacks(third)
        self.assertEqual(len(callback), 1)
        self.assertEqual(callback.user_id, self.care_manager)
        self.assertFalse(self._callbacks(first | second))

    def test_old_complaints_do_not_count(self):
        old = fields.Datetime.now() - timedelta(days=31)
        self._complaint("快递", crm_received_date=old)
        self._complaint("快递", crm_received_date=old)
        self.assertFalse(self._complaint("快递").crm_repeat_complainer)

    def test_reprocessing_plans_no_second_callback(self):
        self._complaint("快递")
        self._complaint("快递")
        third = self._complaint("快递")
        third._crm_flag_repeat_complainers()
        third.action_crm_classify()
        self.assertEqual(len(self._callbacks(third)), 1)
        self.assertEqual(third.priority, "2")
