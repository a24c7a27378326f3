# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One eWallet per company customer.

The upgrade to 19.0.1.3.0 merged the loyalty cards of contacts into their
company's card, but left their eWallets: a contact's order pays from, and
tops up, the company's eWallet since then, while the money the contacts held
before stayed split over their own eWallets. They are merged into the
company's eWallet now, as a customer merge does it: the money moves with a
``transferred`` line on each side (Odoo's history of both eWallets explains
their balances), and the contacts' eWallets are archived.
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    companies = env["base.partner.merge.automatic.wizard"]._crm_merge_contact_cards()
    if companies:
        _logger.info(
            "Merged the contacts' eWallets of %s company customers", len(companies)
        )
