# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two requests of one user crossing the unusual access limit at once, on real
transactions (see test_points_concurrency for the setup's reasons)."""

from odoo import api
from odoo.tests.common import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.crm_customer_message.tests.common_concurrency import ConcurrencyCase

LOG = "crm.personal.data.access.log"


@tagged("post_install", "-at_install")
class TestPrivacyConcurrency(ConcurrencyCase):
    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            company = env.company
            reader = new_test_user(
                env,
                login="concurrent_reader",
                groups="crm_customer_privacy.group_personal_data,"
                "base.group_allow_export",
            )
            officer = new_test_user(
                env,
                login="concurrent_officer",
                groups="crm_customer_privacy.group_data_protection_officer",
            )
            customers = env["res.partner"].create(
                [
                    {"name": f"Concurrent {n}", "phone": f"1390000000{n}"}
                    for n in range(2)
                ]
            )
            self.ids = {
                "company": company.id,
                "threshold": company.crm_personal_data_alert_threshold,
                "users": (reader | officer).ids,
                "reader": reader.id,
                "officer": officer.id,
                "customers": customers.ids,
            }
            company.crm_personal_data_alert_threshold = 1
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            logs = env[LOG].search([("user_id", "=", self.ids["reader"])])
            logs.activity_ids.unlink()
            logs.unlink()
            env["res.company"].browse(self.ids["company"]).write(
                {"crm_personal_data_alert_threshold": self.ids["threshold"]}
            )
            users = env["res.users"].browse(self.ids["users"])
            partners = users.partner_id
            users.unlink()
            (partners | env["res.partner"].browse(self.ids["customers"])).unlink()

    def _export_customers(self, env):
        # what a person chooses to see counts, not what lists show
        env["res.partner"].browse(self.ids["customers"]).export_data(["phone"])

    @mute_logger("odoo.sql_db")
    def test_two_requests_over_limit_alert_once(self):
        first = self._transaction(self.ids["reader"])
        second = self._transaction(self.ids["reader"])
        self._export_customers(first)  # alerts, not committed yet
        # The second request's alert waits for the first transaction, then
        # skips its alert and completes its export.
        self._run_blocked(first, second, self._export_customers)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            alerts = env[LOG].search(
                [("user_id", "=", self.ids["reader"]), ("is_alert", "=", True)]
            )
            self.assertEqual(len(alerts), 1)
            self.assertEqual(alerts.activity_ids.user_id.ids, [self.ids["officer"]])
            self.assertEqual(
                env[LOG].search_count([("user_id", "=", self.ids["reader"])]), 4
            )
