# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.http import request


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _signup_create_user(self, values):
        """A customer signing up comes from the online shop (the portal
        without a website), and is refused when the company blocks duplicate
        customers and the phone or email is already a customer's: the
        sign-up runs as superuser, so it asks for the check."""
        website = request and getattr(request, "website", None)
        return super(
            ResUsers,
            self.with_context(
                crm_source_channel="online_shop" if website else "portal",
                crm_duplicate_check=True,
            ),
        )._signup_create_user(values)
