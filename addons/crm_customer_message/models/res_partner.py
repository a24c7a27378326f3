# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

CONTACT_CHANNELS = [
    ("sms", "SMS"),
    ("wechat", "WeChat"),
    ("phone", "Phone"),
    ("email", "Email"),
    ("app_push", "App push"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    crm_preferred_channel = fields.Selection(
        CONTACT_CHANNELS, string="Preferred Contact Channel"
    )
    crm_wechat_openid = fields.Char(
        string="WeChat OpenID",
        copy=False,
        help="The customer's identifier for the WeChat provider.",
    )
    crm_opt_out_wechat = fields.Boolean(
        string="No WeChat Messages", help="The customer asked for no WeChat messages."
    )
    crm_opt_out_app_push = fields.Boolean(
        string="No App Push Messages",
        help="The customer asked for no app push messages.",
    )
    crm_message_ids = fields.One2many(
        "crm.customer.message", "partner_id", string="Customer Messages"
    )
    crm_message_count = fields.Integer(compute="_compute_crm_message_count")

    @api.depends_context("company")
    def _compute_crm_message_count(self):
        # The messages the user may read (record rules), counted set-wise.
        counts = {}
        if self.ids and self.env["crm.customer.message"].has_access("read"):
            counts = dict(
                self.env["crm.customer.message"]._read_group(
                    [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
                )
            )
        for partner in self:
            partner.crm_message_count = counts.get(partner, 0)

    def action_view_crm_messages(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_customer_message.crm_customer_message_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
