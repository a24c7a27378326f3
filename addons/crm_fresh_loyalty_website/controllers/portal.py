# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.fields import Domain
from odoo.http import request, route

from odoo.addons.portal.controllers.portal import CustomerPortal

COUPON_PROGRAM_TYPES = ("coupons", "next_order_coupons")
HISTORY_LIMIT = 50


class MembershipPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "membership_count" in counters:
            partner_sudo = request.env.user.partner_id.sudo()
            values["membership_count"] = int(bool(partner_sudo.crm_membership_card_id))
        return values

    def _prepare_membership_values(self):
        # The customer reads their own card, ledger and coupons only: every
        # record below is found from their own commercial partner.
        partner_sudo = request.env.user.partner_id.commercial_partner_id.sudo()
        card_sudo = partner_sudo.crm_membership_card_id
        today = fields.Date.context_today(partner_sudo)
        coupons_sudo = (
            request.env["loyalty.card"]
            .sudo()
            .search(
                Domain("partner_id", "=", partner_sudo.id)
                & Domain("program_id.program_type", "in", COUPON_PROGRAM_TYPES)
                & Domain("program_id.active", "=", True)
                & Domain("points", ">", 0)
                & (
                    Domain("expiration_date", "=", False)
                    | Domain("expiration_date", ">=", today)
                )
            )
        )
        history_sudo = (
            request.env["loyalty.history"]
            .sudo()
            .search(
                [("card_id", "=", card_sudo.id)],
                order="create_date desc, id desc",
                limit=HISTORY_LIMIT,
            )
            if card_sudo
            else request.env["loyalty.history"]
        )
        complaint_type = request.env.ref(
            "crm_aftersales.helpdesk_ticket_type_complaint", raise_if_not_found=False
        )
        return {
            "page_name": "membership",
            "partner": partner_sudo,
            "card": card_sudo,
            "tier": card_sudo.crm_tier_id,
            "history_lines": history_sudo,
            "coupons": coupons_sudo,
            "aftersales": bool(complaint_type),
        }

    @route("/my/membership", type="http", auth="user", website=True)
    def portal_my_membership(self, **kw):
        return request.render(
            "crm_fresh_loyalty_website.portal_my_membership",
            self._prepare_membership_values(),
        )
