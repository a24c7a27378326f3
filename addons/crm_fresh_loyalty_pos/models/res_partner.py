# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.crm_customer_privacy.models.res_partner import (
    mask_contact_address,
    mask_email,
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    crm_tier_name = fields.Char(related="crm_tier_id.name", string="Tier Name")
    crm_marketing_consent = fields.Boolean(
        string="Accepts Marketing Messages",
        compute="_compute_crm_marketing_consent",
        inverse="_inverse_crm_marketing_consent",
        groups="base.group_user",
        help="The customer accepts marketing messages. Without it, the "
        "customer's email and phone are on Odoo's blacklists and WeChat and "
        "app push messages are off; giving it takes them off the blacklists.",
    )

    @api.depends(
        "is_blacklisted",
        "phone_sanitized_blacklisted",
        "crm_opt_out_wechat",
        "crm_opt_out_app_push",
    )
    def _compute_crm_marketing_consent(self):
        for partner in self:
            partner.crm_marketing_consent = not (
                partner.is_blacklisted
                or partner.phone_sanitized_blacklisted
                or partner.crm_opt_out_wechat
                or partner.crm_opt_out_app_push
            )

    def _inverse_crm_marketing_consent(self):
        """Record the customer's choice on every channel's opt-out."""
        self.check_access("write")
        # sudo: the blacklists are administrators' lists; the user records
        # the choice of a customer they may edit (checked above).
        mail_blacklist_sudo = self.env["mail.blacklist"].sudo()
        phone_blacklist_sudo = self.env["phone.blacklist"].sudo()
        for consent, partners in self.grouped("crm_marketing_consent").items():
            partners.write(
                {"crm_opt_out_wechat": not consent, "crm_opt_out_app_push": not consent}
            )
            for partner in partners:
                message = partner._crm_consent_message(consent)
                if partner.email_normalized:
                    if consent:
                        mail_blacklist_sudo._remove(partner.email_normalized, message)
                    else:
                        mail_blacklist_sudo._add(partner.email_normalized, message)
                if partner.phone_sanitized:
                    if consent:
                        phone_blacklist_sudo._remove([partner.phone_sanitized], message)
                    else:
                        phone_blacklist_sudo._add([partner.phone_sanitized], message)
        self.invalidate_recordset(["is_blacklisted", "phone_sanitized_blacklisted"])

    def _crm_consent_message(self, consent):
        self.ensure_one()
        if consent:
            return self.env._(
                "Marketing consent given by %(customer)s, recorded by %(user)s.",
                customer=self.display_name,
                user=self.env.user.name,
            )
        return self.env._(
            "Marketing consent withdrawn by %(customer)s, recorded by %(user)s.",
            customer=self.display_name,
            user=self.env.user.name,
        )

    @api.model_create_multi
    def create(self, vals_list):
        # A customer created in the till's customer editor comes from the POS.
        if not self.env.context.get("crm_pos_partner_editor"):
            return super().create(vals_list)
        return super(ResPartner, self.with_context(crm_source_channel="pos")).create(
            vals_list
        )

    @api.model
    def _load_pos_data_fields(self, config):
        # The cashier tells the member their tier, balance and the points
        # about to expire at the till.
        return [
            *super()._load_pos_data_fields(config),
            # contacts of a company spend from the company's card
            "commercial_partner_id",
            "crm_tier_id",
            "crm_tier_name",
            "crm_points",
            "crm_points_expiring",
            "crm_next_expiry_date",
        ]

    @api.readonly
    def crm_pos_customer_card(self, config_id):
        """What the till shows of the customer selected on an order.

        Read by one call when the cashier selects the customer, never with
        the customers the POS loads. The card holds no contact data: the
        customer's name, phone and email stay as the POS loaded them, masked
        for a cashier without the Personal Data group. The data is the
        customer's counter card (:meth:`_crm_counter_card`), which the
        after-sales and analytics addons extend.
        """
        self.ensure_one()
        self.check_access("read")
        config = self.env["pos.config"].browse(config_id)
        config.check_access("read")
        return self.with_company(config.company_id)._crm_counter_card()

    def _crm_personal_data_maskers(self):
        return {
            **super()._crm_personal_data_maskers(),
            "pos_contact_address": mask_contact_address,
            "invoice_emails": lambda partner, value: mask_email(value),
        }
