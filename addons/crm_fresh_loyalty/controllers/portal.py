# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.http import request, route

from odoo.addons.loyalty.controllers.portal import CustomerPortalLoyalty


class LoyaltyPortal(CustomerPortalLoyalty):
    """Odoo's loyalty card dialog on the portal shows the customer's text of
    each ledger line, never a manager's internal reason."""

    @route()
    def portal_get_card_history_values(self, card_id):
        values = super().portal_get_card_history_values(card_id)
        if not values.get("history_lines"):
            return values
        # Odoo lists the card's five latest lines, in this order.
        lines_sudo = request.env["loyalty.card"].sudo().browse(card_id).history_ids[:5]
        for vals, line in zip(values["history_lines"], lines_sudo, strict=True):
            vals["description"] = line._crm_customer_text()
        return values
