# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The ``crm_rekey`` command, run through its core with real cursors.

``reencrypt_database`` opens one cursor of the registry per transaction, as
the command does. In the registry's test mode these cursors are test cursors
on the test's transaction: each commit releases a savepoint, an error rolls
its own transaction back, so batches commit and fail exactly as they would on
a database of their own.
"""

import base64
import subprocess
import sys
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import config

from odoo.addons.base.tests.common import BaseCommon

from ..models.crm_encryption import CrmCipher, reencrypt_database
from .test_encryption import KEY_A, KEY_B


class Interrupted(Exception):
    """The server stopped in the middle of a batch."""


KEY_C = base64.b64encode(bytes(range(64, 96))).decode()
OLD, NEW = (KEY_A, "a"), (KEY_B, "b")


@tagged("post_install", "-at_install")
class TestRekeyCommand(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.startClassPatcher(
            patch.dict(
                config.options,
                {"crm_encryption_key": KEY_A, "crm_encryption_key_id": "a"},
            )
        )
        cls.partners = cls.env["res.partner"].create(
            [
                {"name": f"Member {i}", "crm_national_id": f"3101011990010{i:04d}"}
                for i in range(5)
            ]
        )
        cls.passport = cls.env["crm.sensitive.attribute"].create(
            {"name": "Passport Number"}
        )
        cls.values = cls.env["crm.sensitive.value"].create(
            [
                {
                    "partner_id": partner.id,
                    "attribute_id": cls.passport.id,
                    "value": f"E{i:08d}",
                }
                for i, partner in enumerate(cls.partners[:3])
            ]
        )

    def _columns(self):
        """Every stored ciphertext and hash, as the database holds them: the
        national IDs (values of the pre-seeded attribute, created first),
        then the passports."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT id, value_encrypted, value_hash FROM crm_sensitive_value "
            "WHERE partner_id = ANY(%s) ORDER BY id",
            [self.partners.ids],
        )
        return self.env.cr.fetchall()

    def _plaintexts(self, key, key_id):
        self.env.invalidate_all()
        with patch.dict(
            config.options,
            {"crm_encryption_key": key, "crm_encryption_key_id": key_id},
        ):
            return (
                self.partners.mapped("crm_national_id"),
                self.values.mapped("value"),
            )

    def _run(self, old=OLD, new=NEW, batch_size=2):
        """Run the command's core; return (records moved, cursors opened)."""
        with (
            self.enter_registry_test_mode(),
            patch.object(self.registry, "cursor", wraps=self.registry.cursor) as cursor,
        ):
            moved = reencrypt_database(self.registry, old, new, batch_size=batch_size)
        return moved, cursor.call_count

    def test_every_value_moves_under_the_new_key(self):
        before = self._plaintexts(KEY_A, "a")
        self.assertEqual(self._run()[0], 8)
        self.assertEqual(self._plaintexts(KEY_B, "b"), before)

    def test_hashes_are_those_of_the_new_key(self):
        national_ids, passports = self._plaintexts(KEY_A, "a")
        self._run()
        new = CrmCipher(self.env, KEY_B, "b")
        expected = [new.search_hash(text) for text in national_ids + passports]
        self.assertEqual([row[2] for row in self._columns()], expected)
        self.assertTrue(all(row[1].startswith("v1:b:") for row in self._columns()))

    def test_search_works_under_the_new_key(self):
        self._run()
        with patch.dict(
            config.options,
            {"crm_encryption_key": KEY_B, "crm_encryption_key_id": "b"},
        ):
            by_national_id = self.env["res.partner"].search(
                [("crm_national_id", "=", "31010119900100003")]
            )
            by_passport = self.env["res.partner"].search(
                [("crm_sensitive_value_ids.value", "=", "E00000002")]
            )
        self.assertEqual(
            (by_national_id, by_passport), (self.partners[3], self.partners[2])
        )

    def test_one_transaction_per_batch(self):
        # a check transaction, then 4 batches of 2 values (the 5 national
        # IDs, then the 3 passports)
        self.assertEqual(self._run(batch_size=2), (8, 5))

    def test_interrupted_run_keeps_its_batches_and_resumes(self):
        encrypt = CrmCipher.encrypt
        calls = []

        def failing_encrypt(cipher, plaintext, label):
            calls.append(label)
            # values move by id, national IDs first: the 7th encryption is
            # the first of the fourth batch (the second passport)
            if len(calls) == 7:
                raise Interrupted()
            return encrypt(cipher, plaintext, label)

        # caught by hand: Odoo's assertRaises would roll back, with its
        # savepoint, the batches the run committed
        interrupted = False
        with patch.object(CrmCipher, "encrypt", failing_encrypt):
            try:
                self._run(batch_size=2)
            except Interrupted:
                interrupted = True
        self.assertTrue(interrupted)
        prefixes = [row[1][:5] for row in self._columns()]
        # the first three batches are committed, the failed one is rolled
        # back
        self.assertEqual(prefixes, ["v1:b:"] * 6 + ["v1:a:"] * 2)
        self.assertEqual(self._run(batch_size=2)[0], 2)
        self.assertEqual(self._plaintexts(KEY_B, "b")[0][4], "31010119900100004")

    def test_wrong_old_key_aborts_and_changes_nothing(self):
        before = self._columns()
        with self.assertRaisesRegex(UserError, "cannot be decrypted"):
            self._run(old=(KEY_C, "a"))
        self.assertEqual(self._columns(), before)
        self.assertEqual(self._plaintexts(KEY_A, "a")[1][2], "E00000002")

    def test_value_under_a_third_key_aborts_and_changes_nothing(self):
        third = CrmCipher(self.env, KEY_C, "c")
        self.values[1].sudo().value_encrypted = third.encrypt(
            "E00000001", self.values[1]._crm_encryption_label("value_encrypted")
        )
        before = self._columns()
        with self.assertRaisesRegex(UserError, "another key"):
            self._run()
        self.assertEqual(self._columns(), before)

    def test_new_key_with_the_old_id_refused(self):
        before = self._columns()
        with self.assertRaisesRegex(UserError, "New key: its id a"):
            self._run(new=(KEY_B, "a"))
        self.assertEqual(self._columns(), before)

    def test_second_run_moves_nothing(self):
        self._run()
        after = self._columns()
        self.assertEqual(self._run(), (0, 1))
        self.assertEqual(self._columns(), after)


@tagged("post_install", "-at_install")
class TestRekeyCommandLine(BaseCommon):
    def test_command_is_found_and_checks_its_arguments(self):
        """``python3 -m odoo crm_rekey`` is found in the addon's ``cli``
        folder and refuses to start without both keys, before it opens the
        database."""
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "odoo",
                f"--addons-path={','.join(config['addons_path'])}",
                "crm_rekey",
                "-d",
                self.env.cr.dbname,
                "--old-key",
                KEY_A,
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        self.assertEqual(result.returncode, 1)
        self.assertIn(
            "crm_rekey: both --old-key and --new-key are required.", result.stderr
        )
