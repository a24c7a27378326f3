# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import HttpCase, new_test_user

from odoo.addons.crm_fresh_loyalty.tests.common import points_program_values


class ShopMemberCase(HttpCase):
    """A portal customer, Gold member of a program whose Gold tier has its own
    pricelist, and a product on sale in the shop."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gold_pricelist = cls.env["product.pricelist"].create(
            {"name": "Gold members", "selectable": False}
        )
        cls.program = cls.env["loyalty.program"].create(
            points_program_values("Fresh Club", reward_points=100)
        )
        cls.silver, cls.gold = cls.env["crm.membership.tier"].create(
            [
                {
                    "name": "Silver",
                    "sequence": 10,
                    "program_id": cls.program.id,
                    "qualify_spend": 1000,
                },
                {
                    "name": "Gold",
                    "sequence": 20,
                    "program_id": cls.program.id,
                    "qualify_spend": 5000,
                    "points_multiplier": 2,
                    "free_delivery": True,
                    "pricelist_id": cls.gold_pricelist.id,
                },
            ]
        )
        cls.member_user = new_test_user(
            cls.env, login="gold_member", groups="base.group_portal"
        )
        cls.member = cls.member_user.partner_id
        cls.card = cls.env["loyalty.card"].create(
            {"program_id": cls.program.id, "partner_id": cls.member.id}
        )
        cls.melon = cls.env["product.product"].create(
            {
                "name": "Hami melon",
                "list_price": 100.0,
                "taxes_id": [Command.clear()],
                "is_published": True,
            }
        )
        cls.env["product.pricelist.item"].create(
            {
                "pricelist_id": cls.gold_pricelist.id,
                "applied_on": "1_product",
                "product_tmpl_id": cls.melon.product_tmpl_id.id,
                "compute_price": "fixed",
                "fixed_price": 85.0,
            }
        )
