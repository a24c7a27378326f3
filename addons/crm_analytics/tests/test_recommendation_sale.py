# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from .test_cross_sell import CrossSellCase


@tagged("post_install", "-at_install")
class TestRecommendationOnQuotation(CrossSellCase):
    """A salesperson adds the customer's recommendations to a quotation; the
    products bought make the recommendation hit rate."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.crm_xsell_min_confidence = 10.0
        cls.customer = cls._customer("Apple Buyer")
        cls._orders([(cls.customer, 60, [(cls.apples, 10.0)])])
        cls.analytics._crm_steps()["cross_sell"](cls.company, cls.today)
        cls.salesman = new_test_user(
            cls.env,
            login="xsell_salesman",
            groups="sales_team.group_sale_salesman",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.Recommendation = cls.env["crm.product.recommendation"]

    def _quotation(self):
        with Form(self.env["sale.order"].with_user(self.salesman)) as form:
            form.partner_id = self.customer
        return form.record

    def _add(self, order, product):
        recommendation = order.crm_recommendation_ids.filtered(
            lambda r: r.product_id == product
        )
        return (
            recommendation.with_context(crm_order_id=order.id)
            .with_user(self.salesman)
            .action_crm_add_to_order()
        )

    def _logs(self):
        return self.env["crm.recommendation.log"].search(
            [("partner_id", "=", self.customer.id)]
        )

    def test_quotation_shows_recommendations(self):
        order = self._quotation()
        self.assertEqual(
            order.crm_recommendation_ids.product_id.mapped("name"), ["Pears", "Plums"]
        )

    def test_add_puts_product_on_quotation_and_logs_offer(self):
        order = self._quotation()
        self._add(order, self.pears)
        self.assertEqual(order.order_line.product_id, self.pears)
        # what the quotation holds is no longer proposed
        self.assertEqual(order.crm_recommendation_ids.product_id, self.plums)
        log = self._logs()
        self.assertEqual(
            (log.product_id, log.channel, log.order_ref, log.bought_on),
            (self.pears, "sales", order.name, False),
        )

    def test_confirmed_quotation_records_hit(self):
        order = self._quotation()
        self._add(order, self.pears)
        self._add(order, self.plums)
        order.with_user(self.salesman).order_line.filtered(
            lambda line: line.product_id == self.plums
        ).unlink()
        order.with_user(self.salesman).action_confirm()
        bought = self._logs().filtered("bought_on")
        self.assertEqual(bought.product_id, self.pears)
        self.assertEqual(len(self._logs()), 2)

    def test_hit_rate_kpi_and_drill_down(self):
        order = self._quotation()
        self._add(order, self.pears)
        self._add(order, self.plums)
        order.order_line.filtered(lambda line: line.product_id == self.plums).unlink()
        order.action_confirm()
        snapshots = self.env["crm.kpi.snapshot"]
        snapshots._crm_snapshot(self.company, self.today)
        rates = {
            snapshot.channel: snapshot.value
            for snapshot in snapshots.search(
                [
                    ("company_id", "=", self.company.id),
                    ("kpi", "=", "recommendation_hit_rate"),
                ]
            )
        }
        self.assertEqual(rates, {"sales": 50.0, "all": 50.0})
        action = snapshots._crm_kpi_records_action(
            "recommendation_hit_rate", self.company, "sales", self.today
        )
        self.assertEqual(action["res_model"], "crm.recommendation.log")
        hits = self.env["crm.recommendation.log"].search(action["domain"])
        self.assertEqual(hits.product_id, self.pears)

    def test_no_hit_rate_without_offers(self):
        snapshots = self.env["crm.kpi.snapshot"]
        snapshots._crm_snapshot(self.company, self.today)
        self.assertFalse(
            snapshots.search(
                [
                    ("company_id", "=", self.company.id),
                    ("kpi", "=", "recommendation_hit_rate"),
                ]
            )
        )

    def test_add_to_confirmed_order_refused(self):
        order = self._quotation()
        order.action_confirm()
        recommendation = self.Recommendation.search(
            [("partner_id", "=", self.customer.id), ("product_id", "=", self.pears.id)]
        )
        with self.assertRaises(UserError):
            recommendation.with_user(self.salesman).with_context(
                crm_order_id=order.id
            ).action_crm_add_to_order()
        self.assertFalse(self._logs())
