# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


def _hoot_job_id(name):
    """The id by which the HOOT runner filters a suite or a test, as
    ``HOOTCommon._generate_hash`` of web's ``test_js`` computes it."""
    value = 0
    for char in name:
        value = ((value << 5) - value + ord(char)) & 0xFFFFFFFF
    return f"{value:08x}"


@tagged("post_install", "-at_install")
class TestDashboardUnit(HttpCase):
    """The HOOT unit tests of the dashboard's components
    (``static/tests/*.test.js``), run in Chromium."""

    def test_dashboard_components(self):
        self.browser_js(
            "/web/tests?headless&loglevel=2&preset=desktop&timeout=15000"
            f"&id={_hoot_job_id('@crm_analytics')}",
            "",
            "",
            login="admin",
            timeout=600,
            success_signal="[HOOT] Test suite succeeded",
            error_checker=lambda message: "[HOOT]" not in message,
        )
