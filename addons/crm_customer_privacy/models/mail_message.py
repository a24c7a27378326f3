# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools.mail import email_split_tuples

from odoo.addons.mail.tools.discuss import Store

from .res_partner import VIEWER_CONTEXT


class MailMessage(models.Model):
    """Messages in the chatter: the web client's store of a message carries
    copies of the customer's email (sender, incoming recipients), read in
    sudo on some paths; they are masked for the user they go to, like the
    message's fields read over RPC (``base.PERSONAL_DATA_COPIES``)."""

    _inherit = "mail.message"

    def _to_store_defaults(self, target):
        return [
            Store.Attr(
                "email_from",
                lambda message: message._crm_personal_data_copy_value("email_from"),
                predicate=field.predicate,
            )
            if type(field) is Store.Attr and field.field_name == "email_from"
            else field
            for field in super()._to_store_defaults(target)
        ]

    def _to_store(self, store, fields, **kwargs):
        messages = self.with_context(**{VIEWER_CONTEXT: True})
        formatted = "message_format" in fields
        res = super(MailMessage, messages)._to_store(store, fields, **kwargs)
        if formatted:
            # the formatted message carries its incoming recipients parsed
            # from the raw fields, not read: masked here
            fnames = ["incoming_email_cc", "incoming_email_to"]
            values = [
                {"id": message.id, **{fname: message[fname] for fname in fnames}}
                for message in messages
            ]
            messages._crm_mask_personal_data_copies(values, fnames)
            # the contact details of the author, or of the customer whose
            # record it is, in the text of a message ("Portal Access Granted
            # (email)"): masked like the address blocks
            # sudo: only the customers of messages the user reads are compared
            partners_by_message = {
                message_sudo.id: message_sudo.author_id
                | (
                    message_sudo.env["res.partner"].browse(message_sudo.res_id)
                    if message_sudo.model == "res.partner" and message_sudo.res_id
                    else message_sudo.author_id.browse()
                )
                for message_sudo in messages.sudo()
            }
            masked_partners = (
                self.env["res.partner"]
                .browse(
                    {
                        p.id
                        for partners in partners_by_message.values()
                        for p in partners
                    }
                )
                ._crm_viewer_masked()
            )
            for message, vals in zip(messages, values, strict=True):
                masked = {
                    fname: email_split_tuples(vals[fname])
                    for fname in fnames
                    if vals[fname] != message[fname]
                }
                partners = partners_by_message[message.id] & masked_partners
                if partners and message.body:
                    body = partners._crm_mask_rendered_html(message.body)
                    if body != message.body:
                        masked["body"] = body
                if masked:
                    store.add_model_values(self._name, {"id": message.id, **masked})
        return res
