# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One card per company customer and loyalty program.

Before 19.0.1.3.0, an order of a contact of a company made the contact a
loyalty card of its own, while the suite read only the company's card: the
points were split. The contacts' cards are merged into their company's card
as Odoo's partner merge does it in this addon (the points keep their
expiration dates, each card keeps its ledger, the company's card gets the
best tier), and the merged cards are archived.
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    companies = env["base.partner.merge.automatic.wizard"]._crm_merge_contact_cards()
    if companies:
        _logger.info(
            "Merged the contacts' loyalty cards of %s company customers", len(companies)
        )
