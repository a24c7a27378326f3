# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random
from datetime import timedelta
from itertools import groupby

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.tools import SQL

# Regulars (an order every two months) who stopped four months ago, the
# customers the churn warning of crm_analytics finds.
LAPSED_RANKS = (6, 9)
# Customers won over the last year, for the new customer and cohort KPIs.
NEW_RANKS = (24, 25, 26, 27, 28, 29)


class CrmDemoStory(models.AbstractModel):
    """The demo story of 鲜达生鲜, told from the demo data files.

    The generators that backdate orders, ledger lines and interactions
    relative to the install day live here, apart from the business models:
    nothing in production calls them. The demo data of each addon calls its
    steps with ``<function model="crm.demo.story">``; bridge addons extend
    the story with their own channel (POS sales, lots) and the analytics
    extend :meth:`_purchases_added` to compute their history again.
    """

    _name = "crm.demo.story"
    _description = "Demo Story"

    @api.model
    def _load_shop_history(self, partner_ids, product_ids, program_id):
        """18 months of confirmed orders in date order (so points, tiers and
        purchase facts follow from them), the points ledger dated as the
        orders (points of more than a year ago expired), tiers evaluated, the
        high value tag on Gold and Platinum members, and interactions done."""
        rng = random.Random(20261124)
        partners = self.env["res.partner"].browse(partner_ids)
        products = self.env["product.product"].browse(product_ids)
        now = fields.Datetime.now()
        # (days between orders, usual order amount) by customer rank
        plans = []
        for rank, partner in enumerate(partners):
            if partner.is_company:
                every, amount = 45, 2800 if rank % 2 else 700
            elif rank < 10:
                every, amount = 60, 900
            elif rank < 30:
                every, amount = 90, 300
            elif rank < 40:
                every, amount = 170, 150
            else:  # dormant: nothing in the last year
                every, amount = 120, 120
            if rank >= 40 and not partner.is_company:
                last_day = 380
            elif rank in LAPSED_RANKS:
                last_day = 125
            else:
                last_day = 0
            if rank in NEW_RANKS:  # newcomers, about one every two months
                day = 400 - 60 * NEW_RANKS.index(rank)
            else:
                day = 540 - rng.randrange(every)
            while day > last_day:
                plans.append(
                    (now - timedelta(days=day), partner, amount * rng.uniform(0.7, 1.3))
                )
                day -= every
        plans.sort(key=lambda plan: plan[0])
        orders = self.env["sale.order"].with_context(
            mail_create_nolog=True, tracking_disable=True
        )
        all_orders = orders.browse()
        # One month at a time, so tiers rise with the orders of the past.
        for _month, month_plans in groupby(plans, key=lambda plan: plan[0].month):
            month_plans = list(month_plans)
            baskets = [
                products.browse(rng.sample(products.ids, 3 if amount > 200 else 2))
                for _date, _partner, amount in month_plans
            ]
            month_orders = orders.create(
                [
                    {
                        "partner_id": partner.id,
                        "user_id": partner.user_id.id,
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": product.id,
                                    "product_uom_qty": max(
                                        1,
                                        round(
                                            amount / len(basket) / product.list_price
                                        ),
                                    ),
                                }
                            )
                            for product in basket
                        ],
                    }
                    for (_date, partner, amount), basket in zip(
                        month_plans, baskets, strict=True
                    )
                ]
            )
            month_orders.action_confirm()
            for order, (date, _partner, _amount) in zip(
                month_orders, month_plans, strict=True
            ):
                order.date_order = date
            all_orders |= month_orders
        program = self.env["loyalty.program"].browse(program_id)
        self._date_ledger(all_orders, program)
        program._crm_evaluate_tiers(allow_downgrade=True)
        valued = partners.filtered(lambda partner: partner.crm_tier_id.sequence >= 20)
        valued.category_id = [
            Command.link(
                self.env.ref(
                    "crm_fresh_loyalty.res_partner_category_high_value_demo"
                ).id
            )
        ]
        partners[40:45].category_id = [
            Command.link(
                self.env.ref("crm_fresh_loyalty.res_partner_category_dormant_demo").id
            )
        ]
        self._log_interactions(partners[:24], rng)

    @api.model
    def _date_ledger(self, orders, program):
        """Date the points that demo orders (sale or POS orders) earned as
        the orders, expiring the program's months after them, then expire
        what is due month by month: the ledger then reads as if the shop had
        run the scheduled actions all along. The creation date is the
        ledger's date and cannot be written through the ORM."""
        self.env["loyalty.history"].flush_model()
        orders.flush_recordset(["date_order"])
        self.env.cr.execute(
            SQL(
                """
                UPDATE loyalty_history h
                   SET create_date = o.date_order,
                       crm_expiration_date = CASE
                           WHEN h.crm_expiration_date IS NOT NULL
                           THEN (o.date_order + %(months)s * INTERVAL '1 month')::date
                       END
                  FROM %(orders_table)s o
                 WHERE h.order_model = %(model)s
                   AND h.order_id = o.id
                   AND o.id IN %(orders)s
                """,
                months=program.crm_points_expiry_months,
                orders_table=SQL.identifier(orders._table),
                model=orders._name,
                orders=tuple(orders.ids),
            )
        )
        self.env["loyalty.history"].invalidate_model()
        # Expire month by month, each run dated on its day
        now = self.env.cr.now()
        today = fields.Date.context_today(self)
        day = min(orders.mapped("date_order")).date() + relativedelta(
            months=program.crm_points_expiry_months
        )
        while True:
            day = min(day, today)
            self.env["loyalty.card"]._crm_expire_points(day)
            self.env["loyalty.history"].flush_model()
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE loyalty_history SET create_date = %s
                     WHERE crm_move_type = 'expired' AND create_date = %s
                    """,
                    day,
                    now,
                )
            )
            if day == today:
                break
            day += relativedelta(months=1)
        self.env.invalidate_all()

    @api.model
    def _log_interactions(self, partners, rng):
        talks = [
            ("call", "Feedback on the weekly vegetable box", "agreed", "Add eggs"),
            ("store_visit", "Tasting of the new season fruit", "follow_up", ""),
            ("wechat", "Question about the delivery time", "reached", ""),
            (
                "callback",
                "Callback after a complaint about wilted greens",
                "agreed",
                "Offer a voucher on the next order",
            ),
            ("call", "Invitation to the members' day", "not_reached", "Call again"),
            ("email", "Catering price list for the next quarter", "declined", ""),
        ]
        today = fields.Date.context_today(self)
        model_id = self.env["ir.model"]._get_id("res.partner")
        for partner in partners:
            kind, summary, outcome, next_step = rng.choice(talks)
            date = today - timedelta(days=rng.randrange(1, 90))
            activity = self.env["mail.activity"].create(
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": self.env.ref(
                        f"crm_fresh_loyalty.mail_activity_type_{kind}"
                    ).id,
                    "summary": summary,
                    "date_deadline": date,
                    "user_id": (partner.user_id or self.env.user).id,
                    "crm_outcome": outcome,
                    "crm_next_step": next_step,
                }
            )
            activity._action_done()
            activity.date_done = date

    @api.model
    def _redeem_in_points_mall(self, partner_ids, reward_ids):
        """Members who exchanged points in the points mall: each partner
        redeems each reward their points buy, cheapest first."""
        rewards = self.env["loyalty.reward"].browse(reward_ids)
        cards = self.env["loyalty.card"]._crm_cards_of(
            self.env["res.partner"].browse(partner_ids), rewards.program_id
        )
        for card in cards:
            for reward in rewards.sorted("required_points"):
                if card.points >= reward.required_points:
                    card._crm_redeem_mall_reward(reward)

    @api.model
    def _purchases_added(self, company_id):
        """Called by the demo data of a bridge addon once it has added
        purchases of the company (the backdated orders of its channel).
        Addons that keep a history of the purchases extend it to compute
        their demo history again: one installed before the bridge, in the
        same run or an earlier one, computed it without them."""
        return True
