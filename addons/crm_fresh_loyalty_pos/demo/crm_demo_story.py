# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random
from datetime import timedelta

from odoo import Command, api, fields, models


class CrmDemoStory(models.AbstractModel):
    _inherit = "crm.demo.story"

    @api.model
    def _sell_in_store(self, config_id, partner_ids, product_ids, program_id):
        """The last six months of a store, relative to the install
        day. One closed session per month, with walk-in sales and the
        purchases of the store's regular customers, who earn the points of
        the loyalty program (multiplied by their tier as at the till); the
        points ledger is dated as the orders."""
        config = self.env["pos.config"].browse(config_id)
        partners = self.env["res.partner"].browse(partner_ids)
        products = self.env["product.product"].browse(product_ids)
        program = self.env["loyalty.program"].browse(program_id)
        rng = random.Random(config.name)
        cards = {
            card.partner_id: card
            for card in self.env["loyalty.card"].search(
                [("program_id", "=", program.id), ("partner_id", "in", partners.ids)]
            )
        }
        cash, *others = config.payment_method_ids.sorted(
            lambda method: not method.is_cash_count
        )
        today = fields.Datetime.now().replace(hour=0, minute=0, second=0)
        orders = self.env["pos.order"]
        for month in range(6, 0, -1):
            start = today - timedelta(days=30 * month)
            session = (
                self.env["pos.session"]
                .with_context(onboarding_creation=True)
                .create(
                    {
                        "name": f"{config.name}/{start:%Y-%m}",
                        "config_id": config.id,
                        "user_id": self.env.ref("base.user_admin").id,
                    }
                )
            )
            buyers = [partner for partner in partners if rng.random() < 0.7]
            buyers += [self.env["res.partner"]] * 3  # walk-in customers
            sales = sorted(
                (
                    start
                    + timedelta(days=rng.randrange(30), hours=rng.randrange(1, 12)),
                    buyer,
                )
                for buyer in buyers
            )
            for date, buyer in sales:
                order = orders.create(
                    {
                        "session_id": session.id,
                        "company_id": config.company_id.id,
                        "partner_id": buyer.id,
                        "amount_total": 0,
                        "amount_paid": 0,
                        "amount_tax": 0,
                        "amount_return": 0,
                        "lines": [
                            Command.create(
                                {
                                    "product_id": product.id,
                                    "qty": rng.randint(1, 3),
                                    "price_unit": product.lst_price,
                                    "price_subtotal": 0,
                                    "price_subtotal_incl": 0,
                                }
                            )
                            for product in products.browse(
                                rng.sample(products.ids, rng.randint(2, 4))
                            )
                        ],
                    }
                )
                order.lines._onchange_amount_line_all()
                order._compute_prices()
                method = cash if not buyer or rng.random() < 0.4 else others[0]
                self.env["pos.make.payment"].with_context(
                    active_id=order.id, active_ids=order.ids
                ).create({"payment_method_id": method.id}).check()
                if buyer in cards:
                    order.confirm_coupon_programs(
                        {
                            cards[buyer].id: {
                                "program_id": program.id,
                                "points": order.amount_total,
                            }
                        }
                    )
                order.date_order = date
                orders |= order
            session.cash_register_balance_end_real = session.cash_register_balance_end
            session.action_pos_session_closing_control()
            session.write(
                {
                    "start_at": start + timedelta(hours=1),
                    "stop_at": start + timedelta(days=29, hours=13),
                }
            )
        self._date_ledger(orders, program)
