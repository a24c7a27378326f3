# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from .res_partner import recipient_copy_context


class MailTemplate(models.Model):
    _inherit = "mail.template"

    def _generate_template_attachments(
        self, res_ids, render_fields, render_results=None
    ):
        # The reports attached to a mail go to its recipients, the customer
        # among them: printed in clear even when a masked user sends them.
        return super(
            MailTemplate, self.with_context(**recipient_copy_context())
        )._generate_template_attachments(
            res_ids, render_fields, render_results=render_results
        )
