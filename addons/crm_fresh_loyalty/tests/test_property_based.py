# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Public entry points driven with generated input (hypothesis).

Each call either succeeds and keeps the invariants, or raises a clear
ValidationError/UserError and writes nothing.
"""

import base64
import math
from unittest.mock import patch

import psycopg2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import config, float_compare, mute_logger

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.crm_customer_privacy.models.crm_encryption import CrmCipher

from .common import MembershipCase

# Text PostgreSQL can store: valid UTF-8 (no lone surrogates), no NUL.
NO_NUL = st.characters(codec="utf-8", exclude_characters="\x00")

FAST = settings(
    max_examples=30,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
)
KEY = base64.b64encode(bytes(range(100, 132))).decode()
# amounts as a user or a client can send them: cents, whole numbers, and
# (through JSON-RPC) the non-finite floats that must be refused
amounts = st.integers(min_value=-(10**6), max_value=10**6) | st.floats(
    min_value=-1e6, max_value=1e6
).map(lambda amount: round(amount, 2))
numbers = amounts | st.sampled_from([math.nan, math.inf, -math.inf])


@tagged("post_install", "-at_install")
class TestAdjustPointsProperties(MembershipCase):
    @FAST
    @given(delta=numbers, reason=st.text(NO_NUL, max_size=20))
    def test_adjust_points_keeps_the_ledger(self, delta, reason):
        before = (self.card.points, len(self.card.history_ids))
        try:
            with self.env.cr.savepoint():
                self.card._crm_adjust_points(delta, reason)
        except ValidationError:
            self.card.invalidate_recordset()
            self.assertEqual((self.card.points, len(self.card.history_ids)), before)
        self.assertGreaterEqual(self.card.points, 0)
        self.assertEqual(
            float_compare(
                self.card.points, self._ledger_balance(self.card), precision_digits=2
            ),
            0,
        )


@tagged("post_install", "-at_install")
class TestTierProperties(MembershipCase):
    @FAST
    @given(
        qualify_spend=amounts,
        keep_spend=amounts,
        qualify_points=amounts,
        keep_points=amounts,
    )
    @mute_logger("odoo.sql_db")
    def test_tier_thresholds(
        self, qualify_spend, keep_spend, qualify_points, keep_points
    ):
        Tier = self.env["crm.membership.tier"]
        count = Tier.search_count([])
        vals = {
            "name": "Platinum",
            "sequence": 30,
            "program_id": self.program.id,
            "qualify_spend": qualify_spend,
            "keep_spend": keep_spend,
            "qualify_points": qualify_points,
            "keep_points": keep_points,
        }
        try:
            with self.env.cr.savepoint():
                tier = Tier.create(vals)
                tier.flush_recordset()
        except (ValidationError, psycopg2.IntegrityError):
            self.assertEqual(Tier.search_count([]), count)
            return
        self.assertTrue(tier.qualify_spend or tier.qualify_points)
        self.assertLessEqual(tier.keep_spend, tier.qualify_spend)
        self.assertLessEqual(tier.keep_points, tier.qualify_points)
        self.assertGreaterEqual(min(tier.keep_spend, tier.keep_points), 0)
        tier.unlink()


@tagged("post_install", "-at_install")
class TestEncryptionProperties(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.startClassPatcher(patch.dict(config.options, {"crm_encryption_key": KEY}))
        cls.cipher = CrmCipher(cls.env, KEY)
        cls.partner = cls.env["res.partner"].create({"name": "Generated"})

    @FAST
    @given(value=st.text(NO_NUL, max_size=64))
    def test_cipher_round_trip(self, value):
        token = self.cipher.encrypt(value, "label")
        self.assertEqual(self.cipher.decrypt(token, "label"), value)
        self.assertNotEqual(self.cipher.encrypt(value, "label"), token)
        with self.assertRaises(UserError):
            self.cipher.decrypt(token, "another label")

    @FAST
    @given(value=st.text(NO_NUL, max_size=64))
    def test_search_hash_ignores_case_and_spacing(self, value):
        self.assertEqual(
            self.cipher.search_hash(f"  {value.upper()} "),
            self.cipher.search_hash(value),
        )

    @FAST
    @given(value=st.text(NO_NUL, max_size=40))
    def test_field_round_trip_and_search(self, value):
        self.partner.crm_national_id = value
        self.partner.invalidate_recordset()
        expected = value.strip() or False
        self.assertEqual(self.partner.crm_national_id, expected)
        found = self.env["res.partner"].search(
            [("crm_national_id", "=", value), ("id", "=", self.partner.id)]
        )
        self.assertEqual(found, self.partner)
