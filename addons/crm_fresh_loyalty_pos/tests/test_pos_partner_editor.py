# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

from odoo.addons.crm_fresh_loyalty.tests.common import points_program_values


@tagged("post_install", "-at_install")
class TestPosPartnerEditor(TransactionCase):
    """The customer form the POS opens to edit a customer: the member's tier
    and points, read-only, and the profile fields the counter captures."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cashier = new_test_user(
            cls.env,
            login="editor_cashier",
            groups="base.group_user,base.group_partner_manager,"
            "point_of_sale.group_pos_user",
        )
        program = cls.env["loyalty.program"].create(points_program_values("Till Club"))
        cls.gold = cls.env["crm.membership.tier"].create(
            {"name": "Gold", "program_id": program.id, "qualify_spend": 100}
        )
        cls.member = cls.env["res.partner"].create(
            {
                "name": "Wang Fang",
                "email": "wang.fang@example.com",
                "phone": "+86 138 1234 5678",
            }
        )
        cls.env["loyalty.card"].create(
            {
                "program_id": program.id,
                "partner_id": cls.member.id,
                "crm_tier_id": cls.gold.id,
            }
        )._crm_adjust_points(50, "Welcome points")

    def _editor(self, partner=None):
        partner = (partner or self.member).with_user(self.cashier)
        return Form(partner.with_context(crm_pos_partner_editor=True))

    def test_editor_shows_tier_and_points(self):
        editor = self._editor()
        self.assertEqual((editor.crm_tier_id, editor.crm_points), (self.gold, 50.0))

    def test_points_are_read_only_in_editor(self):
        editor = self._editor()
        with self.assertRaises(AssertionError):
            editor.crm_points = 500

    def test_profile_fields_only_in_pos_editor(self):
        backend_form = Form(self.member.with_user(self.cashier))
        with self.assertRaises(AssertionError):
            backend_form.crm_marketing_consent = False

    def test_cashier_saves_birthday_and_preferred_channel(self):
        with self._editor() as editor:
            editor.birthdate_date = date(1990, 5, 12)
            editor.crm_preferred_channel = "wechat"
        self.assertEqual(
            (self.member.birthdate_date, self.member.crm_preferred_channel),
            (date(1990, 5, 12), "wechat"),
        )

    def test_birthday_in_the_future_is_refused(self):
        tomorrow = fields.Date.context_today(self.member) + timedelta(days=1)
        editor = self._editor()
        editor.birthdate_date = tomorrow
        editor.crm_preferred_channel = "sms"
        with self.assertRaises(ValidationError):
            editor.save()
        self.assertFalse(self.member.birthdate_date)
        self.assertFalse(self.member.crm_preferred_channel)

    def test_withdrawn_consent_opts_out_of_every_channel(self):
        with self._editor() as editor:
            editor.crm_marketing_consent = False
        self.assertEqual(
            (
                self.member.is_blacklisted,
                self.member.phone_sanitized_blacklisted,
                self.member.crm_opt_out_wechat,
                self.member.crm_opt_out_app_push,
                self.member.crm_marketing_consent,
            ),
            (True, True, True, True, False),
        )

    def test_given_consent_lifts_the_opt_outs(self):
        self.member.crm_marketing_consent = False
        with self._editor() as editor:
            editor.crm_marketing_consent = True
        self.assertEqual(
            (
                self.member.is_blacklisted,
                self.member.phone_sanitized_blacklisted,
                self.member.crm_opt_out_wechat,
                self.member.crm_opt_out_app_push,
            ),
            (False, False, False, False),
        )

    def test_withdrawn_consent_is_logged_on_the_blacklist(self):
        with self._editor() as editor:
            editor.crm_marketing_consent = False
        entry = self.env["mail.blacklist"].search(
            [("email", "=", "wang.fang@example.com")]
        )
        self.assertIn("editor_cashier", entry.message_ids[:1].body)

    def _new_customer_at_the_till(self, name, phone):
        editor = Form(
            self.env["res.partner"]
            .with_user(self.cashier)
            .with_context(crm_pos_partner_editor=True)
        )
        editor.name = name
        editor.phone = phone
        return editor.save()

    def test_customer_created_at_the_till_comes_from_the_pos(self):
        partner = self._new_customer_at_the_till("Zhao Lei", "+86 139 0000 1111")
        self.assertEqual(partner.crm_source_channel, "pos")

    def test_till_refuses_a_customer_with_a_known_phone(self):
        self.env.company.crm_duplicate_policy = "block"
        with self.assertRaisesRegex(UserError, "Wang Fang \\(same phone\\)"):
            self._new_customer_at_the_till("Mrs Wang", "+86 138 1234 5678")
