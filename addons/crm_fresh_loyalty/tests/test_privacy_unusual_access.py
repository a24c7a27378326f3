# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .test_privacy_masking import LOG, PrivacyCase


@tagged("post_install", "-at_install")
class TestPrivacyUnusualAccessByChoice(PrivacyCase):
    """The unusual access alert counts what a person chooses to see (opened
    forms, exports, reveals), not the customers a list or kanban shows,
    against the limit of their role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customers = cls.env["res.partner"].create(
            [
                {
                    "name": f"Shopper {n}",
                    "phone": f"139{n:08d}",
                    "email": f"shopper{n}@example.com",
                }
                for n in range(500)
            ]
        )
        cls.domain = [("id", "in", cls.customers.ids)]

    def _alerts(self):
        return self.env["mail.activity"].search(
            [("res_model", "=", LOG), ("user_id", "=", self.officer.id)]
        )

    def _browse_list(self, user, pages=2):
        Partner = self.env["res.partner"].with_user(user)
        for page in range(pages):
            Partner.web_search_read(
                self.domain,
                {"name": {}, "phone": {}, "email": {}, "city": {}},
                offset=80 * page,
                limit=80,
            )

    def test_browsing_lists_raises_nothing(self):
        for user in (self.officer, self.care_manager):
            self._browse_list(user)
        self.assertFalse(self._alerts())
        self.assertFalse(self.env[LOG].search([("is_alert", "=", True)]))

    def test_exporting_500_customers_alerts(self):
        self.customers.with_user(self.officer).export_data(["name", "phone"])
        alert = self._alerts()
        self.assertEqual(len(alert), 1)
        self.assertIn("500 customers", alert.note)

    def test_opened_forms_count(self):
        self.env.company.crm_personal_data_alert_threshold = 2
        for customer in self.customers[:3]:
            customer.with_user(self.officer).web_read({"phone": {}, "email": {}})
        self.assertEqual(
            len(
                self.env[LOG].search(
                    [("user_id", "=", self.officer.id), ("access_type", "=", "open")]
                )
            ),
            3,
        )
        self.assertEqual(len(self._alerts()), 1)

    def test_threshold_per_role(self):
        self.env["crm.personal.data.threshold"].create(
            {
                "group_id": self.env.ref(
                    "crm_fresh_loyalty.group_customer_care_manager"
                ).id,
                "max_customers": 1000,
            }
        )
        self.care_manager.group_ids |= self.env.ref("base.group_allow_export")
        self.customers.with_user(self.care_manager).export_data(["phone"])
        self.assertFalse(self._alerts())
        self.customers.with_user(self.officer).export_data(["phone"])
        self.assertEqual(len(self._alerts()), 1)
