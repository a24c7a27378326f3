# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import escape

from odoo import api, models


class IrQwebField(models.AbstractModel):
    """A customer's personal field printed with ``t-field`` (``o.partner_id.
    phone``, a ticket's email), masked for the reader of the rendering
    (``res.partner._crm_rendered_masked``)."""

    _inherit = "ir.qweb.field"

    @api.model
    def record_to_html(self, record, field_name, options):
        html = super().record_to_html(record, field_name, options)
        if not (html and record):
            return html
        masked = record._crm_rendered_personal_value(field_name)
        return html if masked is None else escape(masked)


class IrQwebFieldContact(models.AbstractModel):
    """The address block of documents and portal pages: Odoo renders the
    contact in sudo; its phone, email and street are masked for the reader
    of the rendering."""

    _inherit = "ir.qweb.field.contact"

    @api.model
    def value_to_html(self, value, options):
        html = super().value_to_html(value, options)
        if not (html and value):
            return html
        masked = value.with_env(self.env)._crm_rendered_masked()
        return masked._crm_mask_rendered_html(html) if masked else html
