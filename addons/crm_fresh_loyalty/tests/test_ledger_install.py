# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from ..tools import points_flow
from .common import MembershipCase


@tagged("post_install", "-at_install")
class TestLedgerInstall(MembershipCase):
    def test_existing_lines_get_their_movement_type_in_sql(self):
        """The history a shop has when the module is installed gets, in one
        UPDATE, the movement type the ORM computes for new lines."""
        History = points_flow(self.env["loyalty.history"])
        lines = History.create(
            [
                {
                    "card_id": self.card.id,
                    "description": "Purchase",
                    "order_model": "sale.order",
                    "order_id": 1,
                    "issued": 10.0,
                },
                {
                    "card_id": self.card.id,
                    "description": "Reward",
                    "order_model": "sale.order",
                    "order_id": 2,
                    "used": 5.0,
                },
                {"card_id": self.card.id, "description": "Gift", "issued": 3.0},
            ]
        )
        computed = lines.mapped("crm_move_type")
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE loyalty_history SET crm_move_type = NULL WHERE id IN %s",
            [tuple(lines.ids)],
        )
        History._crm_fill_move_type()
        lines.invalidate_recordset(["crm_move_type"])
        self.assertEqual(
            (lines.mapped("crm_move_type"), computed),
            (["earned", "redeemed", "adjusted"], ["earned", "redeemed", "adjusted"]),
        )
