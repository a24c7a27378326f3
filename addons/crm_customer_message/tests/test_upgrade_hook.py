# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The pre_init_hook takes over the records crm_fresh_loyalty held."""

from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from ..hooks import MOVED_RECORDS, NEW_MODULE, OLD_MODULE, pre_init_hook

# Records of this addon that crm_fresh_loyalty did not hold: its groups, the
# fields added since (the quiet hours), and the external ids each addon
# extending a model has (the model, its magic fields, its inherits), left to
# Odoo: crm_fresh_loyalty has those of res.partner too, and no longer extends
# mail.thread.
NEW_RECORDS = SQL(
    "(model IN ('res.groups', 'res.groups.privilege', 'ir.model.inherit')"
    " OR name LIKE 'field\\_%%\\_\\_crm\\_message\\_quiet\\_%%'"
    " OR name = 'model_mail_thread' OR name LIKE 'field\\_mail\\_thread\\_\\_%%'"
    " OR name IN"
    " (SELECT shared.name FROM ir_model_data shared WHERE shared.module = %s))",
    OLD_MODULE,
)


@tagged("post_install", "-at_install")
class TestUpgradeHook(TransactionCase):
    def _rows(self, module):
        return set(
            self.env.execute_query(
                SQL(
                    "SELECT name, model, res_id FROM ir_model_data"
                    " WHERE module = %s AND NOT %s",
                    module,
                    NEW_RECORDS,
                )
            )
        )

    def _constraint_modules(self):
        return dict(
            self.env.execute_query(
                SQL(
                    "SELECT c.id, m.name FROM ir_model_constraint c"
                    " JOIN ir_module_module m ON m.id = c.module"
                    " WHERE m.name IN %s",
                    (OLD_MODULE, NEW_MODULE),
                )
            )
        )

    def _as_before_the_split(self):
        """Give this addon's records back to crm_fresh_loyalty, under their
        old names, as in a database installed before this addon existed."""
        old_names = {new: old for old, new in MOVED_RECORDS.items()}
        for name, _model, _res_id in self._rows(NEW_MODULE):
            self.env.cr.execute(
                SQL(
                    "UPDATE ir_model_data SET module = %s, name = %s"
                    " WHERE module = %s AND name = %s",
                    OLD_MODULE,
                    old_names.get(name, name),
                    NEW_MODULE,
                    name,
                )
            )
        self.env.cr.execute(
            SQL(
                "UPDATE ir_model_constraint SET module ="
                " (SELECT id FROM ir_module_module WHERE name = %s)"
                " WHERE module = (SELECT id FROM ir_module_module WHERE name = %s)",
                OLD_MODULE,
                NEW_MODULE,
            )
        )

    def test_upgrade_moves_every_record_back(self):
        rows = self._rows(NEW_MODULE)
        loyalty_rows = self._rows(OLD_MODULE)
        constraints = self._constraint_modules()
        self.assertTrue(rows)
        self._as_before_the_split()
        pre_init_hook(self.env)
        self.assertEqual(self._rows(NEW_MODULE), rows)
        self.assertEqual(self._rows(OLD_MODULE), loyalty_rows)
        self.assertEqual(self._constraint_modules(), constraints)

    def test_fresh_install_changes_nothing(self):
        rows = self._rows(NEW_MODULE)
        loyalty_rows = self._rows(OLD_MODULE)
        pre_init_hook(self.env)
        self.assertEqual(self._rows(NEW_MODULE), rows)
        self.assertEqual(self._rows(OLD_MODULE), loyalty_rows)
