# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _notify_security_setting_update(
        self, subject, content, mail_values=None, **kwargs
    ):
        # An erased customer's portal account is anonymised: no "login
        # changed" mail to the old address, with the old name, in the queue.
        if self.env.context.get("crm_erasing"):
            return None
        return super()._notify_security_setting_update(
            subject, content, mail_values=mail_values, **kwargs
        )
