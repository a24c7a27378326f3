# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon

from ..hooks import post_init_hook, uninstall_hook

PATCHED_METHODS = ("create", "read", "write", "unlink", "export_data")


@tagged("post_install", "-at_install")
class TestAuditRules(BaseCommon):
    """The customers' audit rule: the suite's own on a database without one,
    the site's where it has one; uninstalling the suite leaves the site's
    rule as it was."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(
            cls.env,
            login="audit_clerk",
            groups="base.group_user,base.group_partner_manager",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Lin Fang", "phone": "+8613800000001"}
        )
        cls.Rule = cls.env["auditlog.rule"]
        cls.partner_model = cls.env["ir.model"]._get("res.partner")
        cls.phone_field = cls.env["ir.model.fields"]._get("res.partner", "phone")
        cls.rank_field = cls.env["ir.model.fields"]._get("res.partner", "customer_rank")

    def setUp(self):
        # runs after the test's rollback: a rule deleted or set to draft by
        # the test has taken auditlog's patches off res.partner
        self.addCleanup(self._patch_as_in_database)
        super().setUp()

    def _patch_as_in_database(self):
        self.env.invalidate_all()
        partner_class = self.registry["res.partner"]
        for method in PATCHED_METHODS:
            if hasattr(getattr(partner_class, method), "origin"):
                delattr(partner_class, method)
                delattr(partner_class, f"auditlog_ruled_{method}")
        self._partner_rule()._patch_methods()

    def _partner_rule(self):
        return self.Rule.search([("model_id", "=", self.partner_model.id)])

    def _logged_fields(self):
        self.env.flush_all()
        return set(
            self.env["auditlog.log.line"]
            .search(
                [
                    ("log_id.model_model", "=", "res.partner"),
                    ("log_id.res_id", "=", self.customer.id),
                ]
            )
            .mapped("field_name")
        )

    def _site_rule(self):
        """What a site auditing its partners has before the suite: its own
        rule, which logs neither the phone nor deletions."""
        uninstall_hook(self.env)
        rule = self.Rule.create(
            {
                "name": "Partners (site)",
                "model_id": self.partner_model.id,
                "log_type": "full",
                "log_unlink": False,
                "fields_to_exclude_ids": [
                    Command.set((self.phone_field | self.rank_field).ids)
                ],
            }
        )
        rule.set_to_confirmed()
        return rule

    def test_suite_rule_logs_personal_fields_only(self):
        rule = self._partner_rule()
        self.assertEqual(rule.crm_ownership, "created")
        customer = self.customer.with_user(self.clerk)
        customer.customer_rank = 5
        self.assertEqual(self._logged_fields(), set())
        customer.phone = "+8613800000002"
        self.assertEqual(self._logged_fields(), {"phone"})

    def test_install_over_site_rule_adopts_it(self):
        site_rule = self._site_rule()
        post_init_hook(self.env)
        self.assertEqual(self._partner_rule(), site_rule)
        self.assertEqual(
            (site_rule.name, site_rule.log_type, site_rule.log_unlink),
            ("Partners (site)", "full", True),
        )
        self.assertEqual(site_rule.fields_to_exclude_ids, self.rank_field)
        self.customer.with_user(self.clerk).write(
            {"phone": "+8613800000003", "customer_rank": 7}
        )
        # the site's full log also logs the stored fields computed from them
        self.assertEqual(self._logged_fields(), {"phone", "phone_sanitized"})

    def test_uninstall_restores_site_rule(self):
        site_rule = self._site_rule()
        post_init_hook(self.env)
        uninstall_hook(self.env)
        self.assertEqual(self._partner_rule(), site_rule)
        self.assertEqual(
            (site_rule.log_unlink, site_rule.state, site_rule.crm_ownership),
            (False, "confirmed", False),
        )
        self.assertEqual(
            site_rule.fields_to_exclude_ids, self.phone_field | self.rank_field
        )

    def test_uninstall_removes_suite_rule(self):
        action = self._partner_rule().action_id
        self.assertTrue(action)
        uninstall_hook(self.env)
        self.assertFalse(self._partner_rule())
        self.assertFalse(action.exists())

    def test_fields_created_later_are_excluded_unless_audited(self):
        """An addon adds the rank and the phone (simulated by a watermark
        below them): the rank joins the excluded fields, the phone does not."""
        rule = self._partner_rule()
        rule.write(
            {
                "fields_to_exclude_ids": [
                    Command.unlink(self.rank_field.id),
                    Command.link(self.phone_field.id),
                ],
                "crm_field_watermark": min(self.rank_field.id, self.phone_field.id) - 1,
            }
        )
        self.env["ir.model.fields"]._reflect_fields(["res.partner"])
        self.assertIn(self.rank_field, rule.fields_to_exclude_ids)
        self.assertNotIn(self.phone_field, rule.fields_to_exclude_ids)
        self.assertEqual(
            rule.crm_field_watermark,
            max(
                self.env["ir.model.fields"].search([("model", "=", "res.partner")]).ids
            ),
        )

    def test_site_may_log_more_on_suite_rule(self):
        """A field the site stops excluding stays logged when the suite looks
        at its rule again."""
        rule = self._partner_rule()
        rule.fields_to_exclude_ids -= self.rank_field
        self.env["ir.model.fields"]._reflect_fields(["res.partner"])
        self.assertNotIn(self.rank_field, rule.fields_to_exclude_ids)

    def test_rule_of_former_data_becomes_the_suites(self):
        """Before 19.0.1.2.0 the rule was data logging every field: set up
        again (migration, or an install after crm_fresh_loyalty's), it is the
        suite's rule, logging the personal fields only."""
        rule = self._partner_rule()
        rule.write({"crm_ownership": False, "fields_to_exclude_ids": [Command.clear()]})
        self.env["ir.model.data"].create(
            {
                "module": "crm_customer_privacy",
                "name": "auditlog_rule_res_partner",
                "model": "auditlog.rule",
                "res_id": rule.id,
                "noupdate": True,
            }
        )
        self.Rule._crm_set_up_rules()
        self.assertEqual(self._partner_rule(), rule)
        self.assertEqual(rule.crm_ownership, "created")
        self.assertFalse(
            self.env.ref(
                "crm_customer_privacy.auditlog_rule_res_partner",
                raise_if_not_found=False,
            )
        )
        self.assertIn(self.rank_field, rule.fields_to_exclude_ids)
        self.assertNotIn(self.phone_field, rule.fields_to_exclude_ids)
