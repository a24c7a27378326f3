# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from concurrent.futures import ThreadPoolExecutor

from odoo import api
from odoo.modules.registry import Registry
from odoo.tests.common import BaseCase, get_db_name


class ConcurrencyCase(BaseCase):
    """Tests on real, concurrent transactions of the test database.

    Each ``_transaction()`` is a cursor of its own, committed or rolled back
    by the test, which cleans its committed data up itself.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    def _transaction(self, uid=api.SUPERUSER_ID):
        # Made on the main thread: the first environment of a cursor looks
        # the registry up, under a lock the test server's main thread holds.
        cr = self.registry.cursor()
        self.addCleanup(cr.close)
        return api.Environment(cr, uid, {})

    def _run_blocked(self, blocker, env, func, expected_error=()):
        """Run ``func(env)`` in a thread while ``blocker`` holds what it needs.

        Asserts that it waits for ``blocker``, commits ``blocker``, then
        returns what ``func`` returned (``env`` committed) or the
        ``expected_error`` it raised (``env`` rolled back).
        """

        def run():
            try:
                result = func(env)
            except expected_error as error:
                env.cr.rollback()
                return error
            env.cr.commit()
            return result

        with ThreadPoolExecutor(max_workers=1) as executor:
            future = executor.submit(run)
            with self.assertRaises(TimeoutError):
                future.result(timeout=1)
            blocker.cr.commit()
            return future.result(timeout=30)
