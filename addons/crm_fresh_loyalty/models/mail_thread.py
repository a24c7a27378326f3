# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import split_every

BATCH_SIZE = 1000


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _crm_notify(self, mail_template_xmlid, sms_template_xmlid):
        """Send each record's customer a template on the channel they prefer.

        By SMS to customers who prefer SMS and have a phone number, else by
        email to those with an address; the templates are rendered on these
        records. The customer of a record is the first partner of
        ``_mail_get_partners`` (the partner itself for ``res.partner``).
        Returns the records whose customer could be reached by neither.
        """
        partners = self._mail_get_partners()
        customer = {record: partners[record.id][:1] for record in self}
        by_sms = self.filtered(
            lambda record: (
                customer[record].crm_preferred_channel == "sms"
                and customer[record].phone
            )
        )
        by_mail = (self - by_sms).filtered(lambda record: customer[record].email)
        if by_mail:
            template = self.env.ref(mail_template_xmlid)
            for batch in split_every(BATCH_SIZE, by_mail.ids):
                template.send_mail_batch(list(batch))
        for record in by_sms:
            record._message_sms_with_template(
                template_xmlid=sms_template_xmlid,
                partner_ids=customer[record].ids,
            )
        return self - by_sms - by_mail
