# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _crm_notify(
        self, event, mail_template_xmlid, sms_template_xmlid, kind="marketing"
    ):
        """Send each record's customer a message about ``event``, once.

        The one way the suite messages customers: on their preferred channel
        (email, SMS, WeChat, app push), else by email, else by SMS; opt-outs
        and the daily cap of marketing messages respected; each message
        logged in ``crm.customer.message``, failures retried then reported.
        The customer of a record is the first partner of
        ``_mail_get_partners`` (the partner itself for ``res.partner``).

        :param event: the event's key (``str``), or a function giving the key
            of a record; a (record, event) is sent at most once.
        :param kind: ``marketing`` (capped per day) or ``service``.
        :return: the ``crm.customer.message`` records queued by this call
            (not those of events already sent); sent at once, or, for a large
            batch, by the message cron.
        """
        if not self:
            return self.env["crm.customer.message"]
        partners = self._mail_get_partners()
        key = event if callable(event) else (lambda record: event)
        mail_template = self.env.ref(mail_template_xmlid)
        sms_template = self.env.ref(sms_template_xmlid)
        vals_list = [
            {
                "partner_id": partners[record.id][:1].id,
                "company_id": (
                    record.company_id.id if "company_id" in record._fields else False
                )
                or partners[record.id][:1].company_id.id,
                "res_model": record._name,
                "res_id": record.id,
                "event": key(record),
                "kind": kind,
                "mail_template_id": mail_template.id,
                "sms_template_id": sms_template.id,
            }
            for record in self
            if partners[record.id]
        ]
        # The log is the system's own record: whoever triggers the event
        # (a salesperson confirming an order) may not write it.
        messages = self.env["crm.customer.message"].sudo()._queue(vals_list)
        messages._send_or_queue()
        return messages.sudo(False)
