# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid

from odoo import fields
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.http import request, route

from odoo.addons.portal.controllers.portal import CustomerPortal

COUPON_PROGRAM_TYPES = ("coupons", "next_order_coupons")
HISTORY_LIMIT = 50


class MembershipPortal(CustomerPortal):
    """My Membership: the tier, points, ledger and coupons of the customer.

    A company customer has one card, shared by its contacts' orders. Its
    balance and ledger are shown to the company's own login and to the
    contacts marked *Key Contact* on the company (the buyers the company
    trusts with its points); other contacts of the company see that the
    points are the company's, and their own coupons.
    """

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "membership_count" in counters:
            holder_sudo = self._crm_membership_holder()
            values["membership_count"] = int(bool(holder_sudo.crm_membership_card_id))
        return values

    def _crm_membership_holder(self):
        """The customer whose card the portal user may read, as superuser:
        their commercial partner when it is themselves or they are one of its
        key contacts, else nobody."""
        user_partner = request.env.user.partner_id
        commercial = user_partner.commercial_partner_id
        if user_partner == commercial or user_partner.crm_is_key_contact:
            return commercial.sudo()
        return request.env["res.partner"].sudo()

    def _prepare_membership_values(self):
        # The customer reads their own card, ledger and coupons only: every
        # record below is found from their own partner or the commercial
        # partner they may read the card of.
        user_partner = request.env.user.partner_id
        holder_sudo = self._crm_membership_holder()
        partner_sudo = holder_sudo or user_partner.sudo()
        card_sudo = holder_sudo.crm_membership_card_id
        today = fields.Date.context_today(partner_sudo)
        coupons_sudo = (
            request.env["loyalty.card"]
            .sudo()
            .search(
                Domain("partner_id", "in", (user_partner | holder_sudo).ids)
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
            "company_card_holder": not holder_sudo
            and user_partner.commercial_partner_id.sudo().crm_membership_card_id
            and user_partner.commercial_partner_id.sudo(),
            "tier": card_sudo.crm_tier_id,
            "history_lines": history_sudo,
            "coupons": coupons_sudo,
            "aftersales": bool(complaint_type),
            "mall_rewards": card_sudo._crm_mall_rewards() if card_sudo else [],
            # one key per page shown: the same form sent twice redeems once
            "mall_request_key": uuid.uuid4().hex,
        }

    @route("/my/membership", type="http", auth="user", website=True)
    def portal_my_membership(self, redeemed=None, **kw):
        values = self._prepare_membership_values()
        if redeemed and values["card"]:
            # only a line of the member's own card
            values["mall_redeemed"] = (
                request.env["loyalty.history"]
                .sudo()
                .search(
                    [
                        ("id", "=", int(redeemed)),
                        ("card_id", "=", values["card"].id),
                        ("crm_mall_reward_id", "!=", False),
                    ]
                )
            )
        return request.render("crm_fresh_loyalty_website.portal_my_membership", values)

    @route(
        "/my/membership/mall/<int:reward_id>",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_membership_mall_redeem(self, reward_id, request_key=None, **kw):
        """Redeem a reward of the points mall with the points of the card
        the portal user may spend (theirs, or their company's as one of its
        key contacts)."""
        card_sudo = self._crm_membership_holder().crm_membership_card_id
        if not card_sudo:
            return request.redirect("/my/membership")
        reward_sudo = card_sudo._crm_mall_rewards().filtered(
            lambda reward: reward.id == reward_id
        )
        try:
            # nothing of a refused redemption stays (the expiry it booked)
            with request.env.cr.savepoint():
                if not reward_sudo:
                    raise UserError(
                        request.env._("This reward is no longer in the points mall.")
                    )
                line_sudo = card_sudo._crm_redeem_mall_reward(
                    reward_sudo, request_key=(request_key or "")[:64] or None
                )
        except UserError as error:
            values = self._prepare_membership_values()
            values["mall_error"] = error.args[0]
            return request.render(
                "crm_fresh_loyalty_website.portal_my_membership", values
            )
        return request.redirect(f"/my/membership?redeemed={line_sudo.id}")
