# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError

from ..tools import points_flow

MANAGER_GROUP = "crm_fresh_loyalty.group_customer_care_manager"
# The nominative cards a customer holds one of per program: points and money.
MERGED_PROGRAM_TYPES = ("loyalty", "ewallet")


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    """Odoo's partner merge, made safe for members.

    Odoo moves every record pointing to the merged customers (orders, cards,
    ledger lines, tier history, messages, activities) to the kept one. Before
    that, cards of one loyalty program or eWallet are consolidated: the kept
    customer's card receives the balance of the others through
    ``transferred`` lines (keeping the points' expiration dates), and the
    best tier among them.
    After the merge the kept customer's tier is evaluated on the combined
    purchases.
    """

    _inherit = "base.partner.merge.automatic.wizard"

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        partners = self.env["res.partner"].browse(partner_ids).exists()
        self._crm_check_merge_access(partners)
        res = super()._merge(
            partner_ids, dst_partner=dst_partner, extra_checks=extra_checks
        )
        kept = partners.exists()
        if len(partners) > 1 and len(kept) == 1:
            self.env.invalidate_all()
            self.env["loyalty.card"].sudo()._crm_evaluate_buyer_tiers(kept)
        return res

    def _crm_check_merge_access(self, partners):
        if self.env.su or self.env.user.has_group(MANAGER_GROUP):
            return
        members = (
            self.env["loyalty.card"]
            .sudo()
            .search_count([("partner_id", "in", partners.ids)], limit=1)
        )
        if members or any(partner.customer_rank for partner in partners):
            raise AccessError(
                self.env._(
                    "Merging customers is a Customer Care manager action: ask a "
                    "manager to merge %(partners)s.",
                    partners=", ".join(partners.mapped("display_name")),
                )
            )

    def _update_foreign_keys(self, src_partners, dst_partner):
        self._crm_merge_loyalty_cards(src_partners, dst_partner)
        # Odoo's loyalty merge rewrites the balances the transfer has set.
        return super(
            BasePartnerMergeAutomaticWizard, points_flow(self)
        )._update_foreign_keys(src_partners, dst_partner)

    @api.model
    def _crm_merge_contact_cards(self):
        """One card per company customer and loyalty program.

        Before 19.0.1.3.0, an order of a contact of a company made the
        contact a card of its own. Each company's contacts' cards, loyalty
        cards and eWallets, are merged into the company's card as in a
        customer merge (ledger, expiration dates, best tier); when the
        company had no card of the program, the oldest contact's card becomes
        the company's. Returns the companies whose cards were merged.
        """
        cards_sudo = (
            self.env["loyalty.card"]
            .sudo()
            .search(
                [
                    ("program_id.program_type", "in", MERGED_PROGRAM_TYPES),
                    ("partner_id.parent_id", "!=", False),
                ],
                order="id",
            )
            .filtered(
                lambda card: card.partner_id != card.partner_id.commercial_partner_id
            )
        )
        by_company = cards_sudo.grouped(
            lambda card: card.partner_id.commercial_partner_id
        )
        for company, company_cards_sudo in by_company.items():
            self._crm_merge_loyalty_cards(company_cards_sudo.partner_id, company)
            company_cards_sudo.filtered("active").partner_id = company
        return self.env["res.partner"].concat(*by_company)

    def _crm_merge_loyalty_cards(self, src_partners, dst_partner):
        """One card per loyalty program and eWallet for the kept customer.

        The kept customer's card of a program (else the oldest card of the
        merged customers) receives the points (an eWallet's money) of the
        other cards of that program, which are archived with their history
        and tier history.
        """
        cards_sudo = (
            self.env["loyalty.card"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", (src_partners | dst_partner).ids),
                    ("program_id.program_type", "in", MERGED_PROGRAM_TYPES),
                ],
                order="id",
            )
        )
        for program in cards_sudo.program_id:
            program_cards = cards_sudo.filtered(
                lambda card, program=program: card.program_id == program
            )
            kept = (
                program_cards.filtered(lambda card: card.partner_id == dst_partner)[:1]
                or program_cards[:1]
            )
            merged = program_cards - kept
            if not merged:
                continue
            merged._crm_transfer_points(kept)
            rank = {tier: index for index, tier in enumerate(program.crm_tier_ids)}
            best_tier = max(
                program_cards.crm_tier_id,
                key=lambda tier: rank.get(tier, -1),
                default=kept.crm_tier_id,
            )
            if rank.get(best_tier, -1) > rank.get(kept.crm_tier_id, -1):
                kept._crm_set_tier(
                    best_tier,
                    "merge",
                    note=self.env._(
                        "Tier of %(cards)s, merged into this card.",
                        cards=", ".join(merged.mapped("code")),
                    ),
                )
            merged.write({"active": False})
