# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issuing a compensation from two real transactions at once.

The data is committed in setUp and removed in a cleanup, as in
crm_fresh_loyalty's test_points_concurrency: two environments on the test
cursor would share one transaction and prove nothing.
"""

import psycopg2.errors

from odoo import api
from odoo.exceptions import LockError, UserError
from odoo.tests.common import tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.crm_customer_message.tests.common_concurrency import ConcurrencyCase


@tagged("post_install", "-at_install")
class TestCompensationConcurrency(ConcurrencyCase):
    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            program = env["loyalty.program"].create(
                {"name": "Concurrency coupons", "program_type": "coupons"}
            )
            env.company.crm_compensation_program_id = program
            # an email: the coupon is sent to the customer when issued
            partner = env["res.partner"].create(
                {"name": "Concurrent Complainer", "email": "complainer@example.com"}
            )
            ticket = env["helpdesk.ticket"].create(
                {
                    "name": "发霉",
                    "description": "<p>发霉</p>",
                    "type_id": env.ref(
                        "crm_aftersales.helpdesk_ticket_type_complaint"
                    ).id,
                    "partner_id": partner.id,
                }
            )
            compensations = env["crm.complaint.compensation"].create(
                [
                    {
                        "ticket_id": ticket.id,
                        "compensation_type": "coupon",
                        "amount": 10,
                    }
                    for _index in range(2)
                ]
            )
            compensations.action_approve()
            self.ids = {
                "program": program.id,
                "partner": partner.id,
                "ticket": ticket.id,
                "compensations": compensations.ids,
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            # Issued compensations are undeletable by design: remove the rows.
            cr.execute(
                SQL(
                    "DELETE FROM crm_complaint_compensation WHERE ticket_id = %s",
                    self.ids["ticket"],
                )
            )
            cr.execute(
                SQL(
                    "DELETE FROM crm_customer_message WHERE partner_id = %s",
                    self.ids["partner"],
                )
            )
            env["helpdesk.ticket"].browse(self.ids["ticket"]).unlink()
            program = env["loyalty.program"].browse(self.ids["program"])
            program.coupon_ids.unlink()
            env.company.crm_compensation_program_id = False
            program.active = False
            program.unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _compensation(self, env, index=0):
        return env["crm.complaint.compensation"].browse(
            self.ids["compensations"][index]
        )

    def _state(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            compensations = env["crm.complaint.compensation"].browse(
                self.ids["compensations"]
            )
            cards = env["loyalty.card"].search(
                [("program_id", "=", self.ids["program"])]
            )
            return compensations.mapped("state"), len(cards)

    @mute_logger("odoo.sql_db")
    def test_same_compensation_issued_twice_at_once_is_issued_once(self):
        first, second = self._transaction(), self._transaction()
        self._compensation(first).action_issue()  # not committed: row locked
        with self.assertRaises(LockError):
            self._compensation(second).action_issue()
        second.cr.rollback()
        first.cr.commit()
        # The second agent retries: it is issued already.
        retry = self._transaction()
        with self.assertRaisesRegex(UserError, "already issued"):
            self._compensation(retry).action_issue()
        retry.cr.rollback()
        self.assertEqual(self._state(), (["issued", "approved"], 1))

    @mute_logger("odoo.sql_db")
    def test_two_compensations_of_a_kind_issued_at_once_issue_one(self):
        first, second = self._transaction(), self._transaction()
        self._compensation(first, 0).action_issue()
        first.flush_all()  # the issued row is written, not committed

        def issue_second(env):
            self._compensation(env, 1).action_issue()
            env.flush_all()

        # The second issue waits on the unique index for the first, and is
        # refused once it is committed.
        error = self._run_blocked(
            first, second, issue_second, psycopg2.errors.UniqueViolation
        )
        self.assertIsInstance(error, psycopg2.errors.UniqueViolation)
        self.assertEqual(self._state(), (["issued", "approved"], 1))
