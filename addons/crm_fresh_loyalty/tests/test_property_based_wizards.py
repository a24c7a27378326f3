# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The wizards driven with generated input (hypothesis), as their users.

Each run either does what the wizard says, or raises a ValidationError or
UserError whose message starts with the label of the field to fix, and
leaves the records it would have changed as they were.
"""

import base64
import io
import json
from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import MembershipCase
from .test_property_based import FAST, NO_NUL, numbers

texts = st.text(NO_NUL, max_size=30)
# what a form sends for a required text: often blank, sometimes only spaces
reasons = texts | st.sampled_from(["", "   ", "\n\t"])


class WizardPropertyCase(MembershipCase):
    def assertRefusedNaming(self, error, *labels):
        self.assertTrue(
            str(error).startswith(labels),
            f"{error!r} does not name one of the fields {labels}",
        )


@tagged("post_install", "-at_install")
class TestPointsAdjustWizardProperties(WizardPropertyCase):
    def _state(self):
        self.card.invalidate_recordset()
        return (
            self.card.points,
            len(self.card.history_ids),
            len(self.card.message_ids),
        )

    @FAST
    @given(points=numbers, reason=reasons)
    def test_adjustment_applies_or_changes_nothing(self, points, reason):
        Wizard = self.env["crm.points.adjust.wizard"].with_user(self.care_manager)
        before = self._state()
        try:
            with self.env.cr.savepoint():
                Wizard.create(
                    {"card_id": self.card.id, "points": points, "reason": reason}
                ).action_apply()
        except ValidationError as error:
            self.assertRefusedNaming(error, "Points:", "Reason:")
            self.assertEqual(self._state(), before)
            return
        balance, lines, messages = self._state()
        self.assertAlmostEqual(balance, before[0] + points, places=2)
        self.assertEqual((lines, messages), (before[1] + 1, before[2] + 1))
        self.assertEqual(self.card.history_ids[:1].description, reason.strip())
        self.assertAlmostEqual(balance, self._ledger_balance(self.card), places=2)


@tagged("post_install", "-at_install")
class TestTierSetWizardProperties(WizardPropertyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        other_program = cls.program.copy({"name": "Other Club"})
        cls.foreign_tier = cls.env["crm.membership.tier"].create(
            {"name": "Foreign", "program_id": other_program.id, "qualify_spend": 10}
        )

    def _state(self):
        self.card.invalidate_recordset()
        return self.card.crm_tier_id, len(self.card.crm_tier_history_ids)

    @FAST
    @given(
        start=st.sampled_from(["none", "silver"]),
        target=st.sampled_from(["none", "silver", "gold", "foreign"]),
        reason=reasons,
    )
    def test_tier_set_or_nothing_changes(self, start, target, reason):
        tiers = {
            "none": self.env["crm.membership.tier"],
            "silver": self.silver,
            "gold": self.gold,
            "foreign": self.foreign_tier,
        }
        self.card.crm_tier_id = tiers[start]
        Wizard = self.env["crm.tier.set.wizard"].with_user(self.care_manager)
        before = self._state()
        try:
            with self.env.cr.savepoint():
                Wizard.create(
                    {
                        "card_id": self.card.id,
                        "tier_id": tiers[target].id,
                        "reason": reason,
                    }
                ).action_apply()
        except ValidationError as error:
            self.assertRefusedNaming(error, "Reason:", "New Tier:")
            self.assertEqual(self._state(), before)
            return
        tier, history = self._state()
        self.assertEqual(tier, tiers[target])
        self.assertNotEqual(tier, before[0])
        self.assertEqual(tier.program_id or self.program, self.program)
        self.assertEqual(history, before[1] + 1)
        self.assertEqual(
            self.card.crm_tier_history_ids.sorted("id")[-1:].note, reason.strip()
        )


@tagged("post_install", "-at_install")
class TestInteractionLogWizardProperties(WizardPropertyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.call = cls.env.ref("crm_fresh_loyalty.mail_activity_type_call")
        cls.visit = cls.env.ref("crm_fresh_loyalty.mail_activity_type_store_visit")
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")

    def _state(self):
        self.member.invalidate_recordset()
        return (
            len(self.member.message_ids),
            self.env["mail.activity"].search_count([("res_id", "=", self.member.id)]),
        )

    @FAST
    @given(
        activity_type=st.sampled_from(["call", "todo"]),
        summary=reasons,
        days_ago=st.integers(min_value=-3, max_value=30),
        outcome=st.sampled_from(["agreed", "follow_up", "not_reached"]),
        feedback=texts,
        next_type=st.sampled_from([None, "visit", "todo"]),
        next_in_days=st.none() | st.integers(min_value=-5, max_value=30),
    )
    def test_interaction_logged_or_nothing_changes(
        self,
        activity_type,
        summary,
        days_ago,
        outcome,
        feedback,
        next_type,
        next_in_days,
    ):
        types = {"call": self.call, "visit": self.visit, "todo": self.todo, None: None}
        today = fields.Date.context_today(self.member)
        before = self._state()
        try:
            with self.env.cr.savepoint():
                self.env["crm.interaction.log.wizard"].with_user(self.care_user).create(
                    {
                        "partner_id": self.member.id,
                        "activity_type_id": types[activity_type].id,
                        "summary": summary,
                        "date": today - timedelta(days=days_ago),
                        "outcome": outcome,
                        "feedback": feedback,
                        "next_step_type_id": next_type and types[next_type].id,
                        "next_step_date": next_in_days is not None
                        and today + timedelta(days=next_in_days),
                    }
                ).action_log()
        except ValidationError as error:
            self.assertRefusedNaming(
                error, "Type:", "Summary:", "Date:", "Plan Next Step:", "Next Step Due:"
            )
            self.assertEqual(self._state(), before)
            return
        messages, activities = self._state()
        self.assertEqual(messages, before[0] + 1)
        self.assertEqual(self.member.message_ids[0].mail_activity_type_id, self.call)
        self.assertEqual(activities, before[1] + int(bool(next_type)))
        self.assertGreaterEqual(days_ago, 0)
        self.assertTrue(summary.strip())


@tagged("post_install", "-at_install")
class TestPartnerDataExportProperties(WizardPropertyCase):
    @FAST
    @given(
        name=texts.filter(str.strip),
        street=texts,
        comment=texts,
        file_format=st.sampled_from(["json", "xlsx"]),
    )
    def test_export_holds_the_profile_as_entered(
        self, name, street, comment, file_format
    ):
        self.member.write({"name": name, "street": street, "comment": comment})
        wizard = (
            self.env["crm.partner.data.export"]
            .with_user(self.care_manager)
            .create({"partner_id": self.member.id, "file_format": file_format})
        )
        wizard.action_export()
        content = base64.b64decode(wizard.data)
        if file_format == "json":
            [profile] = json.loads(content)["sections"]["Profile"]
            self.assertEqual(profile["Name"], self.member.name)
            street = self.member.street
            self.assertEqual(profile["Street"], None if street is False else street)
        else:
            workbook = load_workbook(io.BytesIO(content))
            self.assertEqual(workbook.sheetnames[0], "Profile")
            self.assertEqual(workbook["Profile"].max_row, 2)

    def test_export_refused_to_care_user_writes_no_file(self):
        wizard = (
            self.env["crm.partner.data.export"]
            .with_user(self.care_manager)
            .create({"partner_id": self.member.id})
        )
        with self.assertRaises(UserError) as caught:
            wizard.with_user(self.care_user).action_export()
        self.assertRefusedNaming(caught.exception, "Customer:")
        self.assertFalse(wizard.data)
