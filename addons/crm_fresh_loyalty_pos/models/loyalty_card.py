# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import AccessError

POS_USER_GROUP = "point_of_sale.group_pos_user"


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

    def crm_pos_redeem_mall_reward(self, reward_id, request_key):
        """The points mall at the till: the cashier redeems ``reward_id``
        for the member whose card this is (see
        :meth:`~odoo.addons.crm_fresh_loyalty.models.loyalty_card.LoyaltyCard._crm_redeem_mall_reward`).

        Returns what the till shows and keeps: the card's new balance, and
        the code of the coupon issued, if any.
        """
        self.ensure_one()
        if not self.env.user.has_group(POS_USER_GROUP):
            raise AccessError(
                self.env._("Only a Point of Sale user redeems points at the till.")
            )
        self.check_access("read")
        # sudo: the cashier may read the member's card; the redemption books
        # the ledger (a points flow) and issues the coupon (Odoo's coupon
        # generator is for sales managers), as the member would on the portal.
        card_sudo = self.sudo()
        reward_sudo = self.env["loyalty.reward"].sudo().browse(reward_id).exists()
        line_sudo = card_sudo._crm_redeem_mall_reward(
            reward_sudo, request_key=str(request_key)[:64] or None
        )
        return {
            "points": card_sudo.points,
            "description": line_sudo.description,
            "coupon_code": line_sudo.crm_mall_coupon_id.code or False,
        }
