# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``python3 -m odoo crm_rekey -d DB --old-key OLD --new-key NEW``

Odoo loads this file as ``odoo.cli.crm_rekey`` from every addon's ``cli/``
folder (``odoo/cli/command.py``, ``load_addons_commands``).
"""

import logging
import optparse
import sys

from odoo.cli import Command
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tools import config

_logger = logging.getLogger(__name__)


class CrmRekey(Command):
    """Re-encrypt the sensitive fields of the Fresh CRM suite under a new key."""

    name = "crm_rekey"

    def run(self, args):
        parser = config.parser
        parser.prog = self.prog
        group = optparse.OptionGroup(
            parser,
            "Key rotation",
            "Every value is first decrypted with the old key: when one fails, "
            "nothing is written. Values already under the new key are skipped, "
            "so the command can be run again after an interruption.",
        )
        group.add_option("--old-key", dest="crm_old_key", help="base64 old key")
        group.add_option("--old-key-id", dest="crm_old_key_id", help="old key id")
        group.add_option("--new-key", dest="crm_new_key", help="base64 new key")
        group.add_option("--new-key-id", dest="crm_new_key_id", help="new key id")
        group.add_option(
            "--batch-size", dest="crm_batch_size", type="int", default=1000
        )
        parser.add_option_group(group)
        opt = config.parse_config(args, setup_logging=True)
        dbnames = config["db_name"]
        if len(dbnames or []) != 1:
            sys.exit("crm_rekey: give exactly one database with -d.")
        if not opt.crm_old_key or not opt.crm_new_key:
            sys.exit("crm_rekey: both --old-key and --new-key are required.")
        if opt.crm_batch_size < 1:
            sys.exit("crm_rekey: --batch-size must be a positive number.")
        # imported here: the addon is importable once the addons path is set
        from odoo.addons.crm_customer_privacy.models.crm_encryption import (
            reencrypt_database,
        )

        try:
            moved = reencrypt_database(
                Registry(dbnames[0]),
                (opt.crm_old_key, opt.crm_old_key_id),
                (opt.crm_new_key, opt.crm_new_key_id),
                batch_size=opt.crm_batch_size,
            )
        except UserError as error:
            sys.exit(f"crm_rekey: {error}")
        _logger.info(
            "crm_rekey: done, %s records re-encrypted; set crm_encryption_key "
            "(and crm_encryption_key_id) to the new key in the server "
            "configuration.",
            moved,
        )
