# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The national ID becomes a sensitive value of crm_customer_privacy.

Before 19.0.1.2.0, each partner held its national ID in its own encrypted
columns (``crm_national_id_encrypted`` and ``crm_national_id_hash``). It is
now the value of the pre-seeded ``National ID Number`` sensitive attribute.
The ciphertext cannot be copied as it is: AES-GCM authenticates it with its
place (``res.partner.crm_national_id`` then, the value's attribute now), so
each number is decrypted with the key of the server configuration and
encrypted again as a sensitive value. Without the key, the upgrade stops with
a clear error before anything is lost. Then the old columns are dropped.

crm_customer_privacy, installed by this upgrade before this script runs, has
taken over the moved models, fields and records in its ``pre_init_hook``.
"""

import logging

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL, sql

from odoo.addons.crm_customer_privacy.models.crm_encryption import CrmCipher

_logger = logging.getLogger(__name__)

OLD_LABEL = "res.partner.crm_national_id"
OLD_COLUMNS = ("crm_national_id_encrypted", "crm_national_id_hash")


def migrate(cr, version):
    if not sql.column_exists(cr, "res_partner", OLD_COLUMNS[0]):
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    cr.execute(
        SQL(
            "SELECT id, %s FROM res_partner WHERE %s IS NOT NULL ORDER BY id",
            SQL.identifier(OLD_COLUMNS[0]),
            SQL.identifier(OLD_COLUMNS[0]),
        )
    )
    rows = cr.fetchall()
    if rows:
        cipher = CrmCipher.from_config(env)
        attribute = env.ref("crm_customer_privacy.crm_sensitive_attribute_national_id")
        Value = env["crm.sensitive.value"]
        done = set(
            Value.search(
                [
                    ("attribute_id", "=", attribute.id),
                    ("partner_id", "in", [partner_id for partner_id, _token in rows]),
                ]
            ).partner_id.ids
        )
        Value.create(
            [
                {
                    "partner_id": partner_id,
                    "attribute_id": attribute.id,
                    "value": cipher.decrypt(token, OLD_LABEL),
                }
                for partner_id, token in rows
                if partner_id not in done
            ]
        )
        _logger.info(
            "crm_fresh_loyalty: %s national IDs moved to sensitive values",
            len(rows) - len(done),
        )
    for column in OLD_COLUMNS:
        cr.execute(
            SQL(
                "ALTER TABLE res_partner DROP COLUMN IF EXISTS %s",
                SQL.identifier(column),
            )
        )
