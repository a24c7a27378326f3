# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

from ..tools import points_flow


class CustomerCareCase(BaseCommon):
    """Users of both roles, and checks that menus and actions open for them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.care_user = new_test_user(
            cls.env,
            login="care_user",
            groups="crm_fresh_loyalty.group_customer_care_user",
        )
        cls.care_manager = new_test_user(
            cls.env,
            login="care_manager",
            groups="crm_fresh_loyalty.group_customer_care_manager",
        )

    def _visible_menus(self, user, root_xmlid):
        root = self.env.ref(root_xmlid)
        menus = (
            self.env["ir.ui.menu"].with_user(user).search([("id", "child_of", root.id)])
        )
        return menus._filter_visible_menus()

    def assertMenusOpen(self, user, root_xmlid):
        """Every menu with an action under the root opens for the user."""
        menus = self._visible_menus(user, root_xmlid).filtered("action")
        self.assertTrue(menus, f"The user sees no menu under {root_xmlid}")
        for menu in menus:
            action = menu.action.sudo()
            if action._name != "ir.actions.act_window":
                continue
            model = self.env[action.res_model].with_user(user)
            model.get_views([(False, mode) for mode in action.view_mode.split(",")])
            if action.res_model != "res.config.settings":  # a form, not a list
                model.search_fetch([], ["display_name"], limit=5)
        return menus


def points_program_values(name, reward_points=None):
    """Values of a loyalty program earning 1 point per currency unit. With
    ``reward_points``, it applies by itself to orders at the till and online
    and offers a discount for that many points."""
    values = {
        "name": name,
        "program_type": "loyalty",
        "rule_ids": [
            Command.create({"reward_point_mode": "money", "reward_point_amount": 1})
        ],
    }
    if reward_points:
        values |= {
            "applies_on": "both",
            "trigger": "auto",
            "reward_ids": [
                Command.create(
                    {"reward_type": "discount", "required_points": reward_points}
                )
            ],
        }
    return values


class MembershipCase(CustomerCareCase):
    """A loyalty program (1 point per currency unit, points expiring after 12
    months) with two tiers, a member with a card, and a product to sell."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program = cls.env["loyalty.program"].create(
            {
                "name": "Fresh Club",
                "program_type": "loyalty",
                "applies_on": "both",
                "trigger": "auto",
                "crm_points_expiry_months": 12,
                "crm_expiry_warning_days": 30,
                "rule_ids": [
                    Command.create(
                        {
                            "reward_point_mode": "money",
                            "reward_point_amount": 1,
                            "minimum_amount": 0,
                        }
                    )
                ],
                "reward_ids": [
                    Command.create(
                        {
                            "reward_type": "discount",
                            "discount": 5,
                            "discount_mode": "per_order",
                            "required_points": 100,
                        }
                    )
                ],
            }
        )
        cls.silver, cls.gold = cls.env["crm.membership.tier"].create(
            [
                {
                    "name": "Silver",
                    "sequence": 10,
                    "program_id": cls.program.id,
                    "qualify_spend": 1000,
                    "keep_spend": 800,
                },
                {
                    "name": "Gold",
                    "sequence": 20,
                    "program_id": cls.program.id,
                    "qualify_spend": 5000,
                    "keep_spend": 4000,
                    "points_multiplier": 2,
                },
            ]
        )
        cls.member = cls.env["res.partner"].create(
            {"name": "Li Na", "email": "li.na@example.com", "customer_rank": 1}
        )
        cls.card = cls.env["loyalty.card"].create(
            {"program_id": cls.program.id, "partner_id": cls.member.id}
        )
        cls.apples = cls.env["product.product"].create(
            {"name": "Fuji apples", "list_price": 10.0, "taxes_id": [Command.clear()]}
        )

    def _sell(self, partner, amount, confirm=True):
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.apples.id,
                            "product_uom_qty": amount / 10.0,
                            "price_unit": 10.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        if confirm:
            order.action_confirm()
        return order

    def _earn(self, card, points, order_id=None):
        """A ledger line as an order would write it, and the balance with it."""
        line = points_flow(self.env["loyalty.history"]).create(
            {
                "card_id": card.id,
                "description": "Order",
                "issued": points,
                "order_model": "sale.order",
                "order_id": order_id or self._sell(self.member, 0, confirm=False).id,
            }
        )
        points_flow(card).points += points
        return line

    def _ewallet_program(self):
        """An eWallet program, as Odoo's tests make one."""
        return self.env["loyalty.program"].create(
            {
                "name": "Fresh Wallet",
                "program_type": "ewallet",
                "applies_on": "future",
                "trigger": "auto",
                "rule_ids": [Command.create({"reward_point_mode": "money"})],
                "reward_ids": [
                    Command.create(
                        {
                            "discount_mode": "per_point",
                            "discount": 1,
                            "discount_applicability": "order",
                        }
                    )
                ],
            }
        )

    def _give_ewallet(self, program, partner, amount):
        """Money put on the customer's eWallet with Odoo's Generate wizard
        (which makes the eWallet the first time)."""
        self.env["loyalty.generate.wizard"].with_context(active_id=program.id).create(
            {
                "mode": "selected",
                "customer_ids": [Command.set(partner.ids)],
                "points_granted": amount,
            }
        ).generate_coupons()
        return self.env["loyalty.card"].search(
            [("partner_id", "=", partner.id), ("program_id", "=", program.id)],
            order="id",
        )

    def _ledger_balance(self, card):
        self.env.flush_all()
        return sum(card.history_ids.mapped("issued")) - sum(
            card.history_ids.mapped("used")
        )
