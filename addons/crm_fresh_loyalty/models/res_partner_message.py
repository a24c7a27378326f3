# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

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

    def _compute_crm_message_count(self):
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
            "crm_fresh_loyalty.crm_customer_message_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
