# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Validation of the customer value model and churn score on CDNOW.

    python3 tests/validation/cdnow.py -d DATABASE [--keep]

The CDNOW sample (``tests/data/CDNOW_sample.txt``: 2,357 customers who first
bought in the first quarter of 1997, every purchase to June 1998) is loaded
into a new company of DATABASE (which must have crm_analytics installed) as
confirmed sale orders, one per purchase, of an untaxed service product. The
nightly run of crm_analytics then runs for that company as of 1997-09-30, the
end of the 39-week calibration period of Fader, Hardie & Lee (2005): it sees
only the orders up to that day. Its predictions are compared with what the
customers spent in the 39-week holdout (1997-10-01 to 1998-06-30). Everything
is rolled back at the end, unless ``--keep``: the database is left as it was.

Prints, per customer, the holdout spend predicted by the suite beside naive
baselines (MAE, RMSE, Spearman's rank correlation, total against the actual
total), and the ROC AUC of churn scores for "no purchase in the holdout".
"""

import argparse
import sys
import time
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
from scipy import stats

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests" / "data" / "CDNOW_sample.txt"
CUTOFF = date(1997, 9, 30)
HOLDOUT_DAYS = 273  # 39 weeks: 1997-10-01 to 1998-06-30
BATCH = 500


def log(message):
    sys.stderr.write(f"[{datetime.now():%H:%M:%S}] {message}\n")
    sys.stderr.flush()


def read_cdnow(path):
    """``{customer: [(day, amount), ...]}`` from the CDNOW sample: customer id
    of the full file, id in the sample, date, number of CDs, amount."""
    purchases = defaultdict(list)
    for line in path.read_text().splitlines():
        _master_id, customer, day, _cds, amount = line.split()
        purchases[int(customer)].append(
            (datetime.strptime(day, "%Y%m%d").date(), float(amount))
        )
    return purchases


def load(env, purchases):
    """A company, its customers and their confirmed orders, dated."""
    from odoo import Command

    company = env["res.company"].create({"name": "CDNOW validation"})
    env.user.company_ids |= company
    env = env(context=dict(env.context, allowed_company_ids=[company.id]))
    product = env["product.product"].create(
        {"name": "CD", "type": "service", "taxes_id": [Command.clear()]}
    )
    ids = sorted(purchases)
    partners = env["res.partner"].create(
        [
            {"name": f"CDNOW {customer}", "customer_rank": 1, "company_id": company.id}
            for customer in ids
        ]
    )
    partner_of = dict(zip(ids, partners.ids, strict=True))
    specs = [
        (partner_of[customer], day, amount)
        for customer in ids
        for day, amount in purchases[customer]
    ]
    SaleOrder = env["sale.order"].with_context(tracking_disable=True)
    for start in range(0, len(specs), BATCH):
        batch = specs[start : start + BATCH]
        orders = SaleOrder.create(
            [
                {
                    "partner_id": partner_id,
                    "company_id": company.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_qty": 1,
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
                for partner_id, _day, amount in batch
            ]
        )
        orders.action_confirm()
        by_day = defaultdict(lambda: SaleOrder.browse())
        for order, (_partner, day, _amount) in zip(orders, batch, strict=True):
            by_day[day] |= order
        for day, day_orders in by_day.items():
            day_orders.date_order = datetime.combine(day, datetime.min.time()).replace(
                hour=12
            )
        env.flush_all()
        env.invalidate_all()
        log(f"{start + len(batch)} / {len(specs)} orders")
    return company, partner_of


def auc(score, positive):
    """ROC AUC of ``score`` for ``positive`` (Mann-Whitney, ties halved)."""
    ranks = stats.rankdata(score)
    count = positive.sum()
    others = len(positive) - count
    return (ranks[positive].sum() - count * (count + 1) / 2) / (count * others)


def spend_row(name, predicted, actual):
    error = predicted - actual
    spearman = stats.spearmanr(predicted, actual)[0] if np.ptp(predicted) else None
    total = predicted.sum() / actual.sum() - 1
    return (
        f"| {name} | {np.abs(error).mean():.1f} | {np.sqrt((error**2).mean()):.1f} "
        f"| {'–' if spearman is None else f'{spearman:.2f}'} | {total:+.1%} |"
    )


def report(env, company, partner_of, purchases):
    from odoo.addons.crm_analytics.tools import clv

    rows = env["crm.customer.analytics"].search([("company_id", "=", company.id)])
    by_partner = {row.partner_id.id: row for row in rows}
    ids = sorted(purchases)
    analytics = [by_partner[partner_of[customer]] for customer in ids]
    end = CUTOFF + timedelta(days=HOLDOUT_DAYS)
    actual = np.array(
        [sum(a for day, a in purchases[c] if CUTOFF < day <= end) for c in ids]
    )
    calibration = np.array(
        [sum(a for day, a in purchases[c] if day <= CUTOFF) for c in ids]
    )
    no_purchase = actual == 0
    predicted_12 = np.array([row.predicted_value for row in analytics])
    model = analytics[0].clv_model_id
    lines = []
    if model:
        x = np.array([row.repeat_purchase_days for row in analytics], dtype=float)
        first = np.array([row.first_purchase_date for row in analytics])
        last = np.array([row.last_purchase_date for row in analytics])
        age = np.array([(CUTOFF - d).days for d in first], dtype=float)
        t_x = np.array([(b - a).days for a, b in zip(first, last, strict=True)])
        value = np.array([row.repeat_order_value for row in analytics])
        purchases_model = model._crm_as_bgnbd()
        holdout = clv.expected_purchases(
            purchases_model, x, t_x, age, HOLDOUT_DAYS
        ) * clv.expected_order_value(
            model._crm_as_gamma_gamma(), np.maximum(x, 1), value
        )
        silent_holdout = clv.probability_no_purchase(
            purchases_model, x, t_x, age, HOLDOUT_DAYS
        )
        lines.append(
            f"Model of {model.date}: {model.customer_count} customers, "
            f"log-likelihood {model.log_likelihood:.1f}; BG/NBD r = {model.r:.3f}, "
            f"alpha = {model.alpha / 7:.3f} weeks, a = {model.a:.3f}, "
            f"b = {model.b:.3f}; "
            f"Gamma-Gamma p = {model.p:.3f}, q = {model.q:.3f}, v = {model.v:.3f}."
        )
    lines += [
        "",
        (
            "| Holdout spend per customer | MAE | RMSE | Spearman "
            f"| Total vs actual ${actual.sum():,.0f} |"
        ),
        "|---|---|---|---|---|",
        spend_row("suite `predicted_value` × 39/52", predicted_12 * 39 / 52, actual),
    ]
    if model:
        lines.append(spend_row("suite model, 39-week horizon", holdout, actual))
    lines += [
        spend_row("naive: calibration spend repeated", calibration, actual),
        spend_row("naive: predict 0 for everyone", np.zeros(len(ids)), actual),
        "",
        '| Churn score for "no purchase in the holdout" | ROC AUC |',
        "|---|---|",
    ]
    probability = np.array([row.probability_no_purchase for row in analytics])
    warned = np.array([row.lifecycle_stage == "churn_warning" for row in analytics])
    recency = np.array([(CUTOFF - row.last_purchase_date).days for row in analytics])
    if model:
        horizon = company.crm_churn_horizon_days
        lines += [
            (
                "| suite model: probability of no purchase in the 273 days "
                f"| {auc(silent_holdout, no_purchase):.3f} |"
            ),
            (
                f"| suite: probability of no purchase in {horizon} days (the field) "
                f"| {auc(probability, no_purchase):.3f} |"
            ),
        ]
    lines += [
        f"| suite: churn warning (yes/no) | {auc(warned, no_purchase):.3f} |",
        f"| naive: days since the last purchase | {auc(recency, no_purchase):.3f} |",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--addons-path", help="default: this repository's addons")
    parser.add_argument("--keep", action="store_true", help="commit the loaded company")
    args = parser.parse_args()

    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tools import config

    import odoo.addons

    addons_path = args.addons_path or ",".join(
        dict.fromkeys([str(ROOT / "addons"), *odoo.addons.__path__])
    )
    config.parse_config(
        ["-d", args.database, "--addons-path", addons_path, "--log-level", "warn"],
        setup_logging=True,
    )
    purchases = read_cdnow(DATA)
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        started = time.monotonic()
        company, partner_of = load(env, purchases)
        log(f"loaded in {time.monotonic() - started:.0f} s")
        started = time.monotonic()
        env["crm.customer.analytics"].with_company(company)._crm_recompute(
            company, today=CUTOFF
        )
        log(f"nightly run in {time.monotonic() - started:.1f} s")
        sys.stdout.write(report(env, company, partner_of, purchases) + "\n")
        if args.keep:
            cr.commit()
        else:
            cr.rollback()


if __name__ == "__main__":
    main()
