# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""After-sales entry points driven with generated input (hypothesis): the
compensation proposals and matrix and the portal's return request form.

Each call either does what it says, or is refused with an error naming the
field to fix, and writes nothing.
"""

import math

import psycopg2
from hypothesis import given
from hypothesis import strategies as st

from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.crm_fresh_loyalty.tests.test_property_based import (
    FAST,
    NO_NUL,
    numbers,
)
from odoo.addons.http_routing.tests.common import MockRequest

from ..controllers.portal import RmaRequestPortal
from .common_complaint import ComplaintCase
from .common_rma import ReturnCase

# numbers as a form field sends them: text, which may not be a number at all
number_texts = (
    numbers.map(str)
    | st.sampled_from(["", " ", "abc", "1e400", "-0", "0x10", "½", "١٢"])
    | st.text(NO_NUL, max_size=6)
)


@tagged("post_install", "-at_install")
class TestCompensationProperties(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls._complaint("草莓发霉")

    @FAST
    @given(
        compensation_type=st.sampled_from(["coupon", "points", "reissue", "refund"]),
        amount=numbers,
        with_product=st.booleans(),
    )
    @mute_logger("odoo.sql_db")
    def test_proposal_is_sound_or_refused(
        self, compensation_type, amount, with_product
    ):
        Compensation = self.env["crm.complaint.compensation"].with_user(self.agent_1)
        count = Compensation.search_count([])
        try:
            with self.env.cr.savepoint():
                compensation = Compensation.create(
                    {
                        "ticket_id": self.ticket.id,
                        "compensation_type": compensation_type,
                        "amount": amount,
                        "product_id": with_product and self.apples.id,
                    }
                )
                compensation.flush_recordset()
        except ValidationError as error:
            self.assertTrue(
                str(error).startswith(("Amount:", "Product to Reissue:")), error
            )
            self.assertEqual(Compensation.search_count([]), count)
            return
        except psycopg2.IntegrityError:
            self.assertFalse(math.isfinite(amount) and amount > 0)
            self.assertEqual(Compensation.search_count([]), count)
            return
        self.assertTrue(math.isfinite(compensation.amount))
        self.assertGreaterEqual(compensation.amount, 0.01)
        self.assertTrue(compensation_type != "reissue" or compensation.product_id)

    @FAST
    @given(amount=numbers, cap_amount=numbers)
    @mute_logger("odoo.sql_db")
    def test_matrix_line_is_sound_or_refused(self, amount, cap_amount):
        Rule = self.env["crm.complaint.compensation.rule"].with_user(self.care_manager)
        count = Rule.search_count([])
        try:
            with self.env.cr.savepoint():
                rule = Rule.create(
                    {
                        "category_id": self.quality.id,
                        "severity": "minor",
                        "compensation_type": "coupon",
                        "amount": amount,
                        "cap_amount": cap_amount,
                    }
                )
                rule.flush_recordset()
        except ValidationError as error:
            self.assertTrue(str(error).startswith(("Amount:", "Cap:")), error)
            self.assertEqual(Rule.search_count([]), count)
            return
        except psycopg2.IntegrityError:
            self.assertFalse(
                math.isfinite(amount)
                and math.isfinite(cap_amount)
                and 0 < amount <= cap_amount
            )
            self.assertEqual(Rule.search_count([]), count)
            return
        self.assertTrue(math.isfinite(rule.amount) and math.isfinite(rule.cap_amount))
        self.assertGreaterEqual(rule.amount, 0.01)
        self.assertGreaterEqual(rule.cap_amount, rule.amount)


@tagged("post_install", "-at_install")
class TestReturnRequestProperties(ReturnCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(
            cls.env,
            login="property_portal",
            groups="base.group_portal",
            partner_id=cls.customer.id,
        )
        cls.other_line = cls._sell_and_deliver(cls.customer, 1.0).order_line

    def _returns(self):
        return self.env["rma"].search([("order_id", "=", self.order.id)])

    @FAST
    @given(
        line=st.sampled_from(["line", "other", "", "abc", "-1", "9" * 12]),
        reason=st.sampled_from(["spoiled", "", "0", "abc", "99999999", "9" * 12]),
        qty=number_texts,
        description=st.text(st.characters(codec="utf-8"), max_size=30)
        | st.just("Mouldy\x00 on arrival"),
    )
    def test_request_creates_a_sound_return_or_says_why_not(
        self, line, reason, qty, description
    ):
        post = {
            "sale_line_id": {
                "line": str(self.order_line.id),
                "other": str(self.other_line.id),
            }.get(line, line),
            "reason_id": str(self.spoiled.id) if reason == "spoiled" else reason,
            "product_uom_qty": qty,
            "description": description,
        }
        before = self._returns()
        with MockRequest(self.env(user=self.portal_user)):
            rma_sudo, error = RmaRequestPortal()._create_return_request(
                self.order.sudo(), self.order_line, post
            )
        if error:
            self.assertFalse(rma_sudo)
            self.assertTrue(
                error.startswith(("Product:", "Quantity:", "Reason:")), error
            )
            self.assertEqual(self._returns(), before)
            return
        self.assertEqual(self._returns(), before | rma_sudo)
        self.assertEqual(
            (rma_sudo.sale_line_id, rma_sudo.reason_id, rma_sudo.state),
            (self.order_line, self.spoiled, "draft"),
        )
        self.assertTrue(0 < rma_sudo.product_uom_qty <= 10.0)
        self.assertLessEqual(sum(self._returns().mapped("product_uom_qty")), 10.0)
