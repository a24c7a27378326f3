# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestSignup(HttpCase):
    """Customers signing up on the website: their source channel, and no
    second account for an existing customer's email."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(
            "auth_signup.invitation_scope", "b2c"
        )
        cls.env["website"].search([]).auth_signup_uninvited = "b2c"
        cls.env.company.crm_duplicate_policy = "block"
        cls.li_na = cls.env["res.partner"].create(
            {"name": "Li Na", "email": "li.na@example.com", "customer_rank": 1}
        )

    def _signup(self, email):
        self.authenticate(None, None)
        return self.url_open(
            "/web/signup",
            data={
                "login": email,
                "name": "Li Na",
                "password": "fresh-and-crisp",
                "confirm_password": "fresh-and-crisp",
                "csrf_token": http.Request.csrf_token(self),
            },
        )

    def test_signup_comes_from_the_online_shop(self):
        self._signup("zhao.lei@example.com")
        user = self.env["res.users"].search([("login", "=", "zhao.lei@example.com")])
        self.assertEqual(user.partner_id.crm_source_channel, "online_shop")

    def test_signup_with_a_customer_s_email_is_refused(self):
        response = self._signup("LI.NA@example.com")
        self.assertIn("An account with this email or phone number", response.text)
        self.assertFalse(
            self.env["res.users"].search([("login", "=ilike", "li.na@example.com")])
        )
