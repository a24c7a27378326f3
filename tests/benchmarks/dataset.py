# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The benchmark's dataset, generated set-wise in PostgreSQL.

Two parts, so that Odoo with and without the suite hold the same data:

- :func:`generate_base` needs only what the suite depends on (sale, POS,
  e-commerce, loyalty, OCA helpdesk and rma): customers, sale and e-commerce
  orders, POS orders, helpdesk tickets with replies and ratings, returns,
  loyalty cards and their history. It runs in the template database.
- :func:`generate_suite` runs once the suite is installed in a copy of that
  database: membership tiers, the ledger's expiry dates, and what makes the
  tickets complaints and the returns after-sales returns (category, SLA,
  first response, reason, order).

Everything is ``INSERT ... SELECT generate_series`` with ``setseed``; only a
few configuration records (products, program, tiers, POS shop, agents) go
through the ORM. Sizes scale with the number of customers (:func:`spec`).
Both functions work in the caller's transaction and commit nothing.
"""

import json
import time
from contextlib import contextmanager
from datetime import date

from infra import log

SEED = 0.42
# Bump when the generated data changes: a kept database of another version is
# regenerated (SUITE_VERSION: only the part added with the suite).
VERSION = 3
SUITE_VERSION = 4
BASE_MARKER = "crm_bench.dataset"
SUITE_MARKER = "crm_bench.suite_dataset"
CITIES = 50
AGENTS = 10
CARE_MANAGER_LOGIN = "bench_care_manager"
PROGRAM_NAME = "Bench Membership"
TIERS = [  # name, sequence, qualify_spend, keep_spend, points multiplier
    ("Silver", 10, 1000.0, 800.0, 1.0),
    ("Gold", 20, 5000.0, 4000.0, 1.5),
    ("Platinum", 30, 20000.0, 16000.0, 2.0),
]
PRODUCTS = [
    ("Bench Apples (kg)", 3.5),
    ("Bench Salmon (kg)", 24.0),
    ("Bench Lettuce", 1.2),
    ("Bench Strawberries (box)", 4.9),
    ("Bench Beef (kg)", 18.0),
    ("Bench Milk (l)", 1.1),
]
# Share of the order lines per channel; each order has 4 lines on average.
CHANNEL_SHARES = {"sales": 0.4, "ecommerce": 0.2, "pos": 0.4}
# The customer of the large history (customer 1) gets one order in BIG_EVERY
# of every channel, one ticket in BIG_TICKET_EVERY, one return in
# BIG_RMA_EVERY and one ledger line in BIG_LEDGER_EVERY: 2,000 orders, 200
# tickets, 100 returns and 2,000 ledger lines at 100,000 customers.
BIG_EVERY = 125
BIG_TICKET_EVERY = 250
BIG_RMA_EVERY = 100
BIG_LEDGER_EVERY = 500
# Average unit price of a line by customer segment (share of the customers):
# 50% small buyers, 30% around Silver, 15% around Gold, 5% around Platinum.
SEGMENT_SQL = """CASE WHEN g %% 20 < 10 THEN 0 WHEN g %% 20 < 16 THEN 1
                      WHEN g %% 20 < 19 THEN 2 ELSE 3 END"""
UNIT_PRICE_SQL = """CASE o.segment WHEN 0 THEN 8 WHEN 1 THEN 100
                                   WHEN 2 THEN 400 ELSE 1500 END"""
# Complaint subjects (Chinese and English, with the keywords the suite's
# classifier knows) and the suite category each belongs to.
COMPLAINTS = [
    ("草莓不新鲜，有腐烂 (strawberries not fresh, rotten)", "quality"),
    ("收到的三文鱼有异味 (salmon smells off)", "quality"),
    ("配送延迟两个小时 (delivery two hours late)", "logistics"),
    ("包装破损 (damaged package)", "logistics"),
    ("店员态度差 (rude staff)", "service"),
    ("价格与标签不符，多收费 (charged more than the label)", "billing"),
    ("商品信息错误 (wrong product information)", "information"),
    ("其他问题 (other issue)", "other"),
]


def spec(customers):
    """Sizes of a dataset of ``customers`` customers (100,000: 1,000,000
    order lines, 50,000 tickets, 10,000 returns, 1,000,000 ledger lines)."""
    lines = 10 * customers
    orders = max(lines // 4, 1)
    return {
        "customers": customers,
        "order_lines": lines,
        "sale_orders": round(orders * CHANNEL_SHARES["sales"]),
        "ecommerce_orders": round(orders * CHANNEL_SHARES["ecommerce"]),
        "pos_orders": round(orders * CHANNEL_SHARES["pos"]),
        "tickets": customers // 2,
        "returns": customers // 10,
        "ledger_lines": 10 * customers,
        "seed": SEED,
        "version": VERSION,
    }


class _Steps:
    """Run the generation's statements, timing each one."""

    def __init__(self, env, params):
        self.env = env
        self.params = params
        self.timings = {}

    def __call__(self, label, query):
        from odoo.tools import SQL

        start = time.perf_counter()
        self.env.cr.execute(SQL(query, **self.params))
        self.timings[label] = round(time.perf_counter() - start, 2)
        log(f"  {label}: {self.timings[label]:.1f} s")


@contextmanager
def _bulk_mode(env):
    """Skip the per-row foreign key triggers while loading: the rows are
    consistent by construction. Needs a PostgreSQL superuser; without one the
    load is only slower."""
    from odoo.tools import SQL

    try:
        with env.cr.savepoint():
            env.cr.execute(SQL("SET LOCAL session_replication_role = replica"))
    except Exception:  # noqa: BLE001 (psycopg2 InsufficientPrivilege)
        log("  not a PostgreSQL superuser: foreign keys are checked row by row")
        yield
        return
    yield
    env.cr.execute(SQL("SET LOCAL session_replication_role = DEFAULT"))


# ----------------------------------------------------------------------
# Without the suite
# ----------------------------------------------------------------------


def _base_records(env):
    """Configuration records, through the ORM: products, the loyalty
    program, a POS shop with an open session, a helpdesk team and agents."""
    from odoo import Command

    company = env.company
    products = env["product.product"].create(
        [
            {
                "name": name,
                "list_price": price,
                "type": "consu",
                "sale_ok": True,
                "available_in_pos": True,
                "taxes_id": [Command.clear()],
            }
            for name, price in PRODUCTS
        ]
    )
    program = env["loyalty.program"].create(
        {
            "name": PROGRAM_NAME,
            "program_type": "loyalty",
            "applies_on": "both",
            "trigger": "auto",
            "rule_ids": [
                Command.create({"reward_point_mode": "money", "reward_point_amount": 1})
            ],
            "reward_ids": [
                Command.create(
                    {"reward_type": "discount", "discount": 5, "required_points": 100}
                )
            ],
        }
    )
    admin = env.ref("base.user_admin")
    pos_config = env["pos.config"].with_user(admin).create({"name": "Bench Shop"})
    if not pos_config.payment_method_ids:
        journal = env["account.journal"].search(
            [("type", "=", "cash"), ("company_id", "=", company.id)], limit=1
        )
        pos_config.payment_method_ids = env["pos.payment.method"].create(
            {"name": "Bench Cash", "journal_id": journal.id}
        )
    pos_config.with_user(admin).open_ui()
    session = pos_config.current_session_id
    session.set_opening_control(0, None)
    team = env["helpdesk.ticket.team"].create({"name": "Bench Customer Service"})
    agents = env["res.users"].create(
        [
            {
                "name": f"Bench Agent {index}",
                "login": f"bench_agent_{index}",
                "group_ids": [
                    Command.link(env.ref("helpdesk_mgmt.group_helpdesk_user").id)
                ],
            }
            for index in range(1, AGENTS + 1)
        ]
    )
    team.user_ids = agents
    env.flush_all()
    return {
        "company": company.id,
        "currency": company.currency_id.id,
        "admin": admin.id,
        "product_ids": products.ids,
        "uom_ids": [p.uom_id.id for p in products],
        "product_names": [p.name for p in products],
        "program": program.id,
        "pos_config": pos_config.id,
        "pos_session": session.id,
        "pricelist": pos_config.pricelist_id.id or None,
        "website": env["website"].search([], limit=1).id,
        "warehouse": env["stock.warehouse"].search(
            [("company_id", "=", company.id)], limit=1
        ),
        "team": team.id,
        "agent_ids": agents.ids,
        "agent_partner_ids": agents.partner_id.ids,
    }


def generate_base(env, sizes, ref_now):
    """Insert the data of Odoo without the suite; return the step timings."""
    from odoo.tools import SQL

    records = _base_records(env)
    warehouse = records.pop("warehouse")
    stages = {stage.name: stage.id for stage in env["helpdesk.ticket.stage"].search([])}
    params = {
        **records,
        **sizes,
        "now": ref_now,
        "today": ref_now.date(),
        "n_products": len(records["product_ids"]),
        "cities": CITIES,
        "warehouse": warehouse.id,
        "rma_location": warehouse.rma_loc_id.id,
        "n_agents": len(records["agent_ids"]),
        "big_every": BIG_EVERY,
        "big_ticket_every": BIG_TICKET_EVERY,
        "big_rma_every": BIG_RMA_EVERY,
        "big_ledger_every": BIG_LEDGER_EVERY,
        "stage_new": stages["New"],
        "stage_progress": stages["In Progress"],
        "stage_awaiting": stages["Awaiting"],
        "stage_done": stages["Done"],
        "stage_cancelled": stages["Cancelled"],
        "subjects": [subject for subject, _category in COMPLAINTS],
        "n_subjects": len(COMPLAINTS),
        "channel_ids": env["helpdesk.ticket.channel"].search([]).ids,
        "operation_ids": env["rma.operation"].search([]).ids,
        "mt_comment": env.ref("mail.mt_comment").id,
        "ticket_model": env["ir.model"]._get_id("helpdesk.ticket"),
        # where the suite is installed already (the smoke test), its required
        # column of tickets
        "ticket_suite_columns": SQL(", crm_escalation_level")
        if "crm_escalation_level" in env["helpdesk.ticket"]._fields
        else SQL(),
        "ticket_suite_values": SQL(", 'none'")
        if "crm_escalation_level" in env["helpdesk.ticket"]._fields
        else SQL(),
    }
    step = _Steps(env, params)
    with _bulk_mode(env):
        env.cr.execute(SQL("SELECT setseed(%s)", SEED))
        step("temp tables", _TEMP_TABLES)
        step("res_partner", _PARTNERS)
        step("sale_order", _SALE_ORDERS)
        step("sale_order_line", _SALE_ORDER_LINES)
        step("pos_session", _POS_SESSIONS)
        step("pos_order", _POS_ORDERS)
        step("pos_order_line", _POS_ORDER_LINES)
        step("helpdesk_ticket", _TICKETS)
        step("mail_message (ticket replies)", _TICKET_REPLIES)
        step("rating_rating", _RATINGS)
        step("rma", _RETURNS)
        step("loyalty_card", _CARDS)
        step("loyalty_history", _LEDGER)
        step("balances", _BALANCES)
        env.cr.execute(
            SQL("DROP TABLE bench_product, bench_partner, bench_order, bench_ticket")
        )
    env["ir.config_parameter"].set_param(
        BASE_MARKER,
        json.dumps(
            {
                **sizes,
                "program_id": records["program"],
                "pos_config_id": records["pos_config"],
                "reference_date": str(ref_now.date()),
            }
        ),
    )
    env.flush_all()
    return step.timings


_TEMP_TABLES = """
    CREATE TEMP TABLE bench_product AS
    SELECT (u.ord - 1)::int AS idx, u.product_id, u.uom_id, u.name
      FROM unnest(%(product_ids)s::int[], %(uom_ids)s::int[],
                  %(product_names)s::text[])
           WITH ORDINALITY AS u(product_id, uom_id, name, ord);
    CREATE TEMP TABLE bench_partner (
        g int PRIMARY KEY, partner_id int NOT NULL, card_id int,
        segment int NOT NULL);
    CREATE TEMP TABLE bench_order (
        channel text NOT NULL, k int NOT NULL, order_id int NOT NULL,
        partner_id int NOT NULL, segment int NOT NULL,
        date_order timestamp NOT NULL, PRIMARY KEY (channel, k));
    CREATE TEMP TABLE bench_ticket (
        k int PRIMARY KEY, ticket_id int NOT NULL, partner_id int NOT NULL,
        agent int NOT NULL, created timestamp NOT NULL, closed timestamp,
        stage int NOT NULL);
"""

# Customer g buys from customer (segment) g; one order in BIG_EVERY goes to
# customer 1, the customer of the large history.
_ORDER_CUSTOMER = """CASE WHEN k %% %(big_every)s = 0 THEN 1
                          ELSE 1 + floor(random() * %(customers)s)::int END"""

_PARTNERS = f"""
    INSERT INTO bench_partner (g, partner_id, segment)
    SELECT g, nextval('res_partner_id_seq'), {SEGMENT_SQL}
      FROM generate_series(1, %(customers)s) g;
    INSERT INTO res_partner (
        id, commercial_partner_id, name, complete_name, ref, type, active,
        is_company, customer_rank, supplier_rank, autopost_bills, lang,
        partner_share, employee, color, message_bounce, company_id,
        phone, phone_sanitized, email, email_normalized, city,
        create_uid, write_uid, create_date, write_date)
    SELECT b.partner_id, b.partner_id, 'Bench Customer ' || b.g,
           'Bench Customer ' || b.g, 'BENCH-' || b.g, 'contact', TRUE,
           FALSE, 1, 0, 'ask', 'en_US', TRUE, FALSE, 0, 0, NULL,
           '+8613' || lpad(b.g::text, 9, '0'),
           '+8613' || lpad(b.g::text, 9, '0'),
           'customer' || b.g || '@bench.example.com',
           'customer' || b.g || '@bench.example.com',
           'Bench City ' || (b.g %% %(cities)s),
           1, 1, %(now)s::timestamp - interval '3 years', %(now)s
      FROM bench_partner b
  ORDER BY b.g;
    ANALYZE bench_partner, res_partner;
"""

_SALE_ORDERS = f"""
    INSERT INTO bench_order (channel, k, order_id, partner_id, segment, date_order)
    SELECT s.channel, s.k, nextval('sale_order_id_seq'), b.partner_id, b.segment,
           s.date_order
      FROM (SELECT c.channel, k, {_ORDER_CUSTOMER} AS g,
                   date_trunc('second', %(now)s::timestamp
                       - random() * interval '730 days') AS date_order
              FROM (VALUES ('sales', %(sale_orders)s),
                           ('ecommerce', %(ecommerce_orders)s)) c (channel, n)
             CROSS JOIN LATERAL generate_series(1, c.n) k) s
      JOIN bench_partner b ON b.g = s.g;
    INSERT INTO sale_order (
        id, name, state, company_id, partner_id, partner_invoice_id,
        partner_shipping_id, currency_id, currency_rate, date_order,
        invoice_status, locked, require_signature, require_payment,
        prepayment_percent, amount_untaxed, amount_tax, amount_total,
        picking_policy, warehouse_id, website_id,
        create_uid, write_uid, create_date, write_date)
    SELECT o.order_id,
           CASE WHEN o.channel = 'sales' THEN 'BENCH/S' ELSE 'BENCH/W' END
               || lpad(o.k::text, 8, '0'),
           'sale', %(company)s, o.partner_id, o.partner_id, o.partner_id,
           %(currency)s, 1.0, o.date_order, 'no', FALSE, FALSE, FALSE,
           1.0, 0, 0, 0, 'direct', %(warehouse)s,
           CASE WHEN o.channel = 'ecommerce' THEN %(website)s END,
           1, 1, o.date_order, o.date_order
      FROM bench_order o
  ORDER BY o.channel, o.k;
    ANALYZE bench_order;
"""

# 4 lines per order on average, line j to order 1 + (j - 1) mod orders.
_LINES = f"""
    SELECT o.channel, o.order_id, o.partner_id, o.date_order, p.product_id,
           p.uom_id, p.name, l0.qty,
           round((l0.factor * {UNIT_PRICE_SQL})::numeric, 2) AS price
      FROM (SELECT c.channel, j, 1 + (j - 1) %% c.orders AS k,
                   (1 + floor(random() * 5))::numeric AS qty,
                   floor(random() * %(n_products)s)::int AS pidx,
                   0.2 + random() * 1.6 AS factor
              FROM (VALUES %(channels)s) c (channel, orders)
             CROSS JOIN LATERAL generate_series(1, 4 * c.orders) j) l0
      JOIN bench_order o ON o.channel = l0.channel AND o.k = l0.k
      JOIN bench_product p ON p.idx = l0.pidx
"""

_SALE_LINES = _LINES.replace(
    "%(channels)s", "('sales', %(sale_orders)s), ('ecommerce', %(ecommerce_orders)s)"
)
_POS_LINES = _LINES.replace("%(channels)s", "('pos', %(pos_orders)s)")

_SALE_ORDER_LINES = f"""
    INSERT INTO sale_order_line (
        order_id, sequence, name, product_id, product_uom_id,
        product_uom_qty, price_unit, discount, price_subtotal, price_tax,
        price_total, price_reduce_taxexcl, price_reduce_taxinc,
        customer_lead, company_id, currency_id, order_partner_id, state,
        display_type, is_downpayment, is_expense, qty_delivered_method,
        invoice_status, qty_delivered, qty_invoiced, qty_to_invoice,
        untaxed_amount_invoiced, untaxed_amount_to_invoice,
        create_uid, write_uid, create_date, write_date)
    SELECT l.order_id, 10, l.name, l.product_id, l.uom_id, l.qty,
           l.price, 0, l.price * l.qty, 0, l.price * l.qty, l.price,
           l.price, 0, %(company)s, %(currency)s, l.partner_id, 'sale',
           NULL, FALSE, FALSE, 'manual', 'no', 0, 0, 0, 0, 0,
           1, 1, l.date_order, l.date_order
      FROM ({_SALE_LINES}) l
  ORDER BY l.order_id;
    UPDATE sale_order so
       SET amount_untaxed = t.total, amount_total = t.total
      FROM (SELECT order_id, SUM(price_subtotal) AS total
              FROM sale_order_line GROUP BY order_id) t
     WHERE so.id = t.order_id AND so.name LIKE 'BENCH/%%';
    ANALYZE sale_order, sale_order_line;
"""

# Past POS orders belong to closed sessions of 30 days each; the open session
# of the shop receives the orders the benchmark syncs.
_POS_SESSIONS = """
    INSERT INTO pos_session (
        config_id, user_id, name, state, start_at, stop_at, rescue,
        update_stock_at_closing, cash_register_balance_start,
        cash_register_balance_end_real, cash_real_transaction,
        create_uid, write_uid, create_date, write_date)
    SELECT %(pos_config)s, %(admin)s, 'BENCH/POS/' || lpad(m::text, 3, '0'),
           'closed', %(now)s::timestamp - (m + 1) * interval '30 days',
           %(now)s::timestamp - m * interval '30 days', FALSE, FALSE, 0, 0, 0,
           1, 1, %(now)s, %(now)s
      FROM generate_series(0, 24) m;
"""

_POS_ORDERS = f"""
    INSERT INTO bench_order (channel, k, order_id, partner_id, segment, date_order)
    SELECT 'pos', s.k, nextval('pos_order_id_seq'), b.partner_id, b.segment,
           s.date_order
      FROM (SELECT k, {_ORDER_CUSTOMER} AS g,
                   date_trunc('second', %(now)s::timestamp
                       - random() * interval '730 days') AS date_order
              FROM generate_series(1, %(pos_orders)s) k) s
      JOIN bench_partner b ON b.g = s.g;
    INSERT INTO pos_order (
        id, name, pos_reference, uuid, sequence_number, company_id, config_id,
        session_id, partner_id, user_id, pricelist_id, state, date_order,
        currency_rate, amount_tax, amount_total, amount_paid, amount_return,
        is_refund, to_invoice, is_tipped, tip_amount, nb_print,
        has_deleted_line, source, last_order_preparation_change,
        create_uid, write_uid, create_date, write_date)
    SELECT o.order_id, 'Bench Shop/' || lpad(o.k::text, 8, '0'),
           'Order BENCH-' || lpad(o.k::text, 8, '0'), gen_random_uuid()::text,
           o.k, %(company)s, %(pos_config)s, ps.id, o.partner_id, %(admin)s,
           %(pricelist)s, 'done', o.date_order, 1.0, 0, 0, 0, 0, FALSE, FALSE,
           FALSE, 0, 0, FALSE, 'pos', '{{}}',
           %(admin)s, %(admin)s, o.date_order, o.date_order
      FROM bench_order o
      JOIN pos_session ps
        ON ps.config_id = %(pos_config)s AND ps.state = 'closed'
       AND o.date_order >= ps.start_at AND o.date_order < ps.stop_at
     WHERE o.channel = 'pos'
  ORDER BY o.k;
    ANALYZE bench_order;
"""

_POS_ORDER_LINES = f"""
    INSERT INTO pos_order_line (
        order_id, company_id, product_id, name, full_product_name, qty,
        price_unit, discount, price_subtotal, price_subtotal_incl, uuid,
        total_cost, is_total_cost_computed, price_extra, is_reward_line,
        points_cost, is_edited, create_uid, write_uid, create_date, write_date)
    SELECT l.order_id, %(company)s, l.product_id, l.name, l.name, l.qty,
           l.price, 0, l.price * l.qty, l.price * l.qty, gen_random_uuid()::text,
           0, FALSE, 0, FALSE, 0, FALSE,
           %(admin)s, %(admin)s, l.date_order, l.date_order
      FROM ({_POS_LINES}) l
  ORDER BY l.order_id;
    UPDATE pos_order po
       SET amount_total = t.total, amount_paid = t.total
      FROM (SELECT order_id, SUM(price_subtotal_incl) AS total
              FROM pos_order_line GROUP BY order_id) t
     WHERE po.id = t.order_id AND po.session_id IN (
           SELECT id FROM pos_session WHERE name LIKE 'BENCH/POS/%%');
    ANALYZE pos_order, pos_order_line;
"""

# Tickets of the last 10 days are open; older ones are mostly done.
_TICKETS = """
    INSERT INTO bench_ticket (k, ticket_id, partner_id, agent, created, closed, stage)
    SELECT s.k, nextval('helpdesk_ticket_id_seq'), b.partner_id, s.agent,
           s.created,
           CASE WHEN s.stage IN (%(stage_done)s, %(stage_cancelled)s)
                THEN s.created + (1 + random() * 96) * interval '1 hour' END,
           s.stage
      FROM (SELECT k, agent, created,
                   CASE WHEN k %% %(big_ticket_every)s = 0 THEN 1
                        ELSE 1 + floor(random() * %(customers)s)::int END AS g,
                   CASE WHEN created > %(now)s::timestamp - interval '10 days'
                        THEN (ARRAY[%(stage_new)s, %(stage_progress)s,
                                    %(stage_awaiting)s])[1 + floor(random() * 3)::int]
                        WHEN r < 0.94 THEN %(stage_done)s
                        WHEN r < 0.98 THEN %(stage_cancelled)s
                        ELSE %(stage_progress)s END AS stage
              FROM (SELECT k, random() AS r,
                           1 + floor(random() * %(n_agents)s)::int AS agent,
                           date_trunc('second', %(now)s::timestamp
                               - random() * interval '730 days') AS created
                      FROM generate_series(1, %(tickets)s) k) t) s
      JOIN bench_partner b ON b.g = s.g;
    INSERT INTO helpdesk_ticket (
        id, number, name, description, partner_id, commercial_partner_id,
        partner_name, partner_email, company_id, team_id, user_id, stage_id,
        channel_id, priority, kanban_state, active, unattended, color,
        sequence, last_stage_update, assigned_date, closed_date,
        rating_status, positive_rate_percentage,
        create_uid, write_uid, create_date, write_date %(ticket_suite_columns)s)
    SELECT t.ticket_id, 'HTB' || lpad(t.k::text, 6, '0'),
           (%(subjects)s::text[])[1 + t.k %% %(n_subjects)s],
           '<p>' || (%(subjects)s::text[])[1 + t.k %% %(n_subjects)s] || '</p>',
           t.partner_id, t.partner_id, p.name, p.email, %(company)s, %(team)s,
           (%(agent_ids)s::int[])[t.agent], t.stage,
           (%(channel_ids)s::int[])[1 + t.k %% cardinality(%(channel_ids)s::int[])],
           (ARRAY['0', '0', '1', '2', '3'])[1 + t.k %% 5], 'normal', TRUE,
           t.stage = %(stage_new)s, 0, 10, COALESCE(t.closed, t.created),
           t.created + interval '1 hour', t.closed, 'stage_change', -1,
           1, 1, t.created, COALESCE(t.closed, t.created) %(ticket_suite_values)s
      FROM bench_ticket t
      JOIN res_partner p ON p.id = t.partner_id
  ORDER BY t.k;
    ANALYZE bench_ticket;
"""

# The agent's first reply (9 tickets in 10, after 10 minutes to 8 hours), and
# a second reply on a third of them.
_TICKET_REPLIES = """
    INSERT INTO mail_message (
        model, res_id, message_type, subtype_id, author_id,
        body, date, is_internal, create_uid, write_uid, create_date, write_date)
    SELECT 'helpdesk.ticket', t.ticket_id, 'comment', %(mt_comment)s,
           (%(agent_partner_ids)s::int[])[t.agent],
           '<p>Sorry for the trouble, we are looking into it.</p>', r.date,
           FALSE, 1, 1, r.date, r.date
      FROM bench_ticket t
     CROSS JOIN LATERAL (
           SELECT t.created + (1 / 6.0 + random() * 8) * interval '1 hour'
                  * n AS date, n
             FROM generate_series(1, 2) n) r
     WHERE (r.n = 1 AND t.k %% 10 <> 0) OR (r.n = 2 AND t.k %% 3 = 0)
  ORDER BY t.k, r.n;
"""

_RATINGS = """
    INSERT INTO rating_rating (
        res_model, res_model_id, res_id, res_name, partner_id,
        rated_partner_id, rating, consumed, access_token, is_internal, rated_on,
        create_uid, write_uid, create_date, write_date)
    SELECT 'helpdesk.ticket', %(ticket_model)s, t.ticket_id,
           'HTB' || lpad(t.k::text, 6, '0'), t.partner_id,
           (%(agent_partner_ids)s::int[])[t.agent],
           (ARRAY[1, 3, 4, 5, 5])[1 + floor(random() * 5)::int], TRUE,
           md5(t.ticket_id::text || 'bench'), FALSE, t.closed + interval '1 day',
           1, 1, t.closed + interval '1 day', t.closed + interval '1 day'
      FROM bench_ticket t
     WHERE t.stage = %(stage_done)s AND t.k %% 10 < 3;
"""

# A return of one line of a sale or e-commerce order; one in BIG_RMA_EVERY is
# a return of the customer of the large history.
_RETURNS = """
    WITH big AS (
        SELECT order_id, date_order, row_number() OVER (ORDER BY k) - 1 AS n
          FROM bench_order
         WHERE channel = 'sales'
           AND partner_id = (SELECT partner_id FROM bench_partner WHERE g = 1)
    ), picked AS (
        SELECT r0.k, COALESCE(big.order_id, o.order_id) AS order_id,
               COALESCE(big.date_order, o.date_order) AS date_order
          FROM (SELECT k, CASE WHEN k %% %(big_rma_every)s = 0 THEN 0
                               ELSE 1 + floor(random() * %(sale_orders)s)::int
                          END AS pick
                  FROM generate_series(1, %(returns)s) k) r0
     LEFT JOIN bench_order o ON o.channel = 'sales' AND o.k = r0.pick
     LEFT JOIN big ON r0.pick = 0
                  AND big.n = (r0.k / %(big_rma_every)s)
                              %% GREATEST((SELECT count(*) FROM big), 1)
    )
    INSERT INTO rma (
        name, origin, partner_id, partner_invoice_id, partner_shipping_id,
        product_id, product_uom, product_uom_qty, delivered_qty,
        delivered_qty_done, location_id, warehouse_id, operation_id, state,
        date, company_id, user_id, priority, sent, description,
        create_uid, write_uid, create_date, write_date)
    SELECT 'RMA/BENCH/' || lpad(r.k::text, 6, '0'), so.name, so.partner_id,
           so.partner_id, so.partner_id, sol.product_id, sol.product_uom_id, 1,
           0, 0, %(rma_location)s, %(warehouse)s,
           (%(operation_ids)s::int[])[1 + r.k %% cardinality(%(operation_ids)s::int[])],
           CASE WHEN r.date > %(now)s::timestamp - interval '7 days' THEN 'draft'
                WHEN r.k %% 10 = 0 THEN 'confirmed'
                WHEN r.k %% 10 = 1 THEN 'received'
                WHEN r.k %% 10 < 7 THEN 'refunded'
                ELSE 'replaced' END,
           r.date, %(company)s, (%(agent_ids)s::int[])[1 + r.k %% %(n_agents)s],
           '0', FALSE, 'Returned by the customer',
           1, 1, r.date, r.date
      FROM (SELECT k, order_id,
                   LEAST(date_order + (1 + random() * 72) * interval '1 hour',
                         %(now)s::timestamp) AS date
              FROM picked WHERE order_id IS NOT NULL) r
      JOIN sale_order so ON so.id = r.order_id
      JOIN LATERAL (
            SELECT product_id, product_uom_id FROM sale_order_line
             WHERE order_id = so.id ORDER BY id LIMIT 1) sol ON TRUE
  ORDER BY r.k;
"""

_CARDS = """
    INSERT INTO loyalty_card (
        program_id, company_id, partner_id, code, points, active,
        create_uid, write_uid, create_date, write_date)
    SELECT %(program)s, %(company)s, b.partner_id,
           'BENCH-' || lpad(b.g::text, 8, '0'), 0, TRUE,
           1, 1, %(now)s::timestamp - interval '3 years', %(now)s
      FROM bench_partner b
  ORDER BY b.g;
    UPDATE bench_partner b SET card_id = c.id
      FROM loyalty_card c
     WHERE c.partner_id = b.partner_id AND c.program_id = %(program)s;
    ANALYZE bench_partner;
"""

# 10 lines per card (one in BIG_LEDGER_EVERY to the card of customer 1): ~70 %
# earned (1-100 points, created over the last two years), ~30 % redeemed. Each
# line has its own (synthetic) order, as an order earns once per card.
_LEDGER = """
    INSERT INTO loyalty_history (
        card_id, description, order_model, order_id, issued, used,
        create_uid, write_uid, create_date, write_date)
    SELECT b.card_id,
           CASE WHEN s.earned THEN 'Bench purchase' ELSE 'Bench redemption' END,
           'sale.order', s.i,
           CASE WHEN s.earned THEN s.amount ELSE 0 END,
           CASE WHEN s.earned THEN 0 ELSE 1 + floor(s.amount * 0.4) END,
           1, 1, s.created, s.created
      FROM (SELECT i,
                   CASE WHEN i %% %(big_ledger_every)s = 0 THEN 1
                        ELSE 1 + (i - 1) %% %(customers)s END AS g,
                   random() < 0.7 AS earned,
                   1 + floor(random() * 100) AS amount,
                   date_trunc('second', %(now)s::timestamp
                       - random() * interval '730 days') AS created
              FROM generate_series(1, %(ledger_lines)s) i) s
      JOIN bench_partner b ON b.g = s.g
  ORDER BY s.i;
    ANALYZE loyalty_card, loyalty_history;
"""

# No card spends more than it earned; the balance is the ledger's sum.
_BALANCES = """
    WITH over AS (
        SELECT card_id, SUM(issued) AS issued, SUM(used) AS used
          FROM loyalty_history
         WHERE card_id IN (SELECT card_id FROM bench_partner)
      GROUP BY card_id
        HAVING SUM(used) > SUM(issued)
    )
    UPDATE loyalty_history h
       SET used = floor(h.used * over.issued / over.used)
      FROM over
     WHERE h.card_id = over.card_id AND h.used > 0;
    UPDATE loyalty_card c
       SET points = t.balance
      FROM (SELECT card_id, SUM(COALESCE(issued, 0) - COALESCE(used, 0)) AS balance
              FROM loyalty_history
             WHERE card_id IN (SELECT card_id FROM bench_partner)
          GROUP BY card_id) t
     WHERE c.id = t.card_id;
"""


# ----------------------------------------------------------------------
# With the suite
# ----------------------------------------------------------------------


def generate_suite(env, base):
    """Complete the data of :func:`generate_base` (whose marker is ``base``)
    with what the suite adds; return the step timings."""
    from odoo import Command

    program = env["loyalty.program"].browse(base["program_id"])
    program.write(
        {
            "crm_points_expiry_months": 12,
            "crm_tier_window_months": 12,
            "crm_tier_ids": [
                Command.create(
                    {
                        "name": name,
                        "sequence": sequence,
                        "qualify_spend": qualify,
                        "keep_spend": keep,
                        "points_multiplier": multiplier,
                    }
                )
                for name, sequence, qualify, keep, multiplier in TIERS
            ],
        }
    )
    env["res.users"].create(
        {
            "name": "Bench Care Manager",
            "login": CARE_MANAGER_LOGIN,
            "group_ids": [
                Command.link(
                    env.ref("crm_fresh_loyalty.group_customer_care_manager").id
                )
            ],
        }
    )
    env.flush_all()
    company = program.company_id or env.company
    categories = {
        key: env.ref(f"crm_aftersales.helpdesk_ticket_category_{key}").id
        for key in (
            "quality",
            "logistics",
            "service",
            "billing",
            "information",
            "other",
        )
    }
    params = {
        "program": program.id,
        "complaint_type": env.ref("crm_aftersales.helpdesk_ticket_type_complaint").id,
        "ticket_categories": [categories[key] for _subject, key in COMPLAINTS],
        "n_subjects": len(COMPLAINTS),
        "response_hours": company.crm_sla_response_hours,
        "routing_hours": company.crm_sla_routing_hours,
        "cause_ids": env["crm.complaint.cause"].search([]).ids,
        "reason_ids": env["rma.reason"].search([]).ids,
        "product_ids": env["product.product"].search([("name", "like", "Bench %")]).ids,
        "now": base["reference_date"] + " 23:59:59",
    }
    # Members are in the tier their purchases reached, as the daily evaluation
    # left them: the suite's own candidate query, applied set-wise.
    candidates = program._crm_tier_candidates(
        today=date.fromisoformat(base["reference_date"])
    )
    params["tier_cards"] = [row[0] for row in candidates if row[3]]
    params["tier_ids"] = [row[3] for row in candidates if row[3]]
    # What the install computes for the lines it finds; done here too for
    # lines generated where the suite was installed already (the smoke test).
    env["loyalty.history"]._crm_fill_move_type()
    env.cr.execute(
        "UPDATE loyalty_history h SET partner_id = c.partner_id"
        " FROM loyalty_card c WHERE c.id = h.card_id AND h.partner_id IS NULL"
    )
    step = _Steps(env, params)
    with _bulk_mode(env):
        step("loyalty_card (tiers)", _SUITE_TIERS)
        step("loyalty_history (expiry dates)", _SUITE_LEDGER)
        step("helpdesk_ticket (complaints)", _SUITE_TICKETS)
        step("survey_user_input (satisfaction)", _SUITE_SATISFACTION)
        step("rma (orders, reasons)", _SUITE_RETURNS)
    env["ir.config_parameter"].set_param(SUITE_MARKER, json.dumps(suite_marker(base)))
    env.flush_all()
    env.invalidate_all()
    return step.timings


_SUITE_TIERS = """
    UPDATE loyalty_card c
       SET crm_tier_id = t.tier_id
      FROM unnest(%(tier_cards)s::int[], %(tier_ids)s::int[]) AS t (card_id, tier_id)
     WHERE c.id = t.card_id;
    INSERT INTO crm_membership_tier_history (
        card_id, partner_id, program_id, company_id, to_tier_id, user_id,
        reason, is_upgrade, date, create_uid, write_uid, create_date, write_date)
    SELECT c.id, c.partner_id, c.program_id, c.company_id, c.crm_tier_id, 1,
           'evaluation', TRUE, d.date, 1, 1, d.date, d.date
      FROM loyalty_card c
     CROSS JOIN LATERAL (
           SELECT %(now)s::timestamp - (c.id %% 300) * interval '1 day' AS date) d
     WHERE c.id = ANY(%(tier_cards)s);
"""

# The tables whose existing rows the suite's install and generate_suite()
# update, and those it fills.
SUITE_UPDATED_TABLES = (
    "loyalty_history",
    "loyalty_card",
    "helpdesk_ticket",
    "survey_user_input",
    "survey_user_input_line",
    "rma",
)

# Earned points expire 12 months after they were earned (the program's
# setting); the install computed the movement types and customers already.
_SUITE_LEDGER = """
    UPDATE loyalty_history h
       SET crm_expiration_date = (h.create_date + interval '12 months')::date
      FROM loyalty_card c
     WHERE c.id = h.card_id AND c.program_id = %(program)s
       AND h.crm_move_type = 'earned';
"""

# The tickets become complaints as the suite would have filed them: type,
# category from the subject (one in ten corrected by a person), SLA deadlines
# in elapsed hours, the first response from the agent's first reply.
_SUITE_TICKETS = """
    UPDATE helpdesk_ticket t
       SET type_id = %(complaint_type)s,
           crm_is_complaint = TRUE,
           category_id = (%(ticket_categories)s::int[])[1 + n.k %% %(n_subjects)s],
           crm_auto_category_id = CASE WHEN n.k %% 10 = 0
               THEN (%(ticket_categories)s::int[])[1 + (n.k + 1) %% %(n_subjects)s]
               ELSE (%(ticket_categories)s::int[])[1 + n.k %% %(n_subjects)s] END,
           crm_category_corrected = n.k %% 10 = 0,
           crm_confidence = 0.5 + (n.k %% 5) / 10.0,
           crm_received_date = t.create_date,
           crm_response_deadline = t.create_date
               + %(response_hours)s * interval '1 hour',
           crm_routing_deadline = t.create_date
               + %(routing_hours)s * interval '1 hour',
           crm_first_response_date = r.first_reply,
           crm_sla_status = CASE
               WHEN COALESCE(r.first_reply, %(now)s::timestamp) > t.create_date
                    + %(response_hours)s * interval '1 hour' THEN 'breached'
               ELSE 'on_track' END,
           crm_severity = (ARRAY['minor', 'minor', 'minor', 'major', 'critical'])
               [1 + n.k %% 5],
           crm_escalation_level = 'none',
           crm_product_id = (%(product_ids)s::int[])
               [1 + n.k %% cardinality(%(product_ids)s::int[])],
           crm_cause_id = CASE WHEN t.closed_date IS NOT NULL THEN
               (%(cause_ids)s::int[])[1 + n.k %% cardinality(%(cause_ids)s::int[])]
               END,
           crm_resolution = CASE WHEN t.closed_date IS NOT NULL
               THEN 'Apologised and replaced the goods.' END,
           crm_compensation_decision = CASE WHEN t.closed_date IS NOT NULL
               THEN 'none' END
      FROM (SELECT id, substring(number from 4)::int AS k
              FROM helpdesk_ticket WHERE number LIKE 'HTB%%') n
      LEFT JOIN (SELECT res_id, MIN(date) AS first_reply
                   FROM mail_message WHERE model = 'helpdesk.ticket'
               GROUP BY res_id) r ON r.res_id = n.id
     WHERE t.id = n.id;
"""

# The satisfaction answers of the rated complaints (crm_aftersales' survey):
# the rating is the overall score, the other dimensions vary with the ids.
_SUITE_SATISFACTION = """
    WITH survey AS (
        SELECT res_id AS id FROM ir_model_data
         WHERE module = 'crm_aftersales' AND name = 'survey_customer_satisfaction'
    ), answers AS (
        INSERT INTO survey_user_input (
            survey_id, partner_id, state, crm_origin, crm_ticket_id,
            crm_company_id, crm_team_id, crm_category_id, access_token,
            start_datetime, end_datetime, test_entry, is_session_answer,
            create_uid, write_uid, create_date, write_date)
        SELECT survey.id, r.partner_id, 'done', 'complaint', t.id,
               t.company_id, t.team_id, t.category_id,
               md5(r.id::text || 'bench-satisfaction'),
               r.write_date, r.write_date, FALSE, FALSE,
               1, 1, r.write_date, r.write_date
          FROM rating_rating r
          JOIN helpdesk_ticket t ON t.id = r.res_id
         CROSS JOIN survey
         WHERE r.res_model = 'helpdesk.ticket' AND r.res_name LIKE 'HTB%%'
           AND r.consumed AND r.rating > 0
     RETURNING id, survey_id, crm_ticket_id, create_date
    )
    INSERT INTO survey_user_input_line (
        user_input_id, survey_id, question_id, answer_type, value_scale,
        skipped, create_uid, write_uid, create_date, write_date)
    SELECT a.id, a.survey_id, q.id, 'scale',
           CASE WHEN q.crm_satisfaction_dimension = 'overall'
                THEN r.rating::int
                ELSE 1 + (a.id + q.id) %% 5 END,
           FALSE, 1, 1, a.create_date, a.create_date
      FROM answers a
      JOIN rating_rating r ON r.res_model = 'helpdesk.ticket'
                          AND r.res_id = a.crm_ticket_id
      JOIN survey_question q ON q.survey_id = a.survey_id
     WHERE q.crm_satisfaction_dimension IS NOT NULL;
"""

# Returns of sale order lines (the shape of rma_sale): the order, its line of
# the returned product, the reason, the amount, and an approval when decided.
_SUITE_RETURNS = """
    UPDATE rma r
       SET order_id = so.id,
           sale_line_id = sol.id,
           reason_id = (%(reason_ids)s::int[])
               [1 + r.id %% cardinality(%(reason_ids)s::int[])],
           amount = sol.price_unit,
           approval_state = CASE WHEN r.state = 'draft' THEN 'not_required'
                                 ELSE 'approved' END
      FROM sale_order so
      JOIN LATERAL (
            SELECT id, price_unit, product_id FROM sale_order_line
             WHERE order_id = so.id ORDER BY id LIMIT 1) sol ON TRUE
     WHERE r.name LIKE 'RMA/BENCH/%%' AND so.name = r.origin;
"""


def suite_marker(base):
    """The marker of the suite's part of the dataset over ``base``."""
    return {**base, "suite_version": SUITE_VERSION}


def summary(env):
    """What the database holds, counted (for the results)."""
    env.cr.execute(
        """
        SELECT (SELECT count(*) FROM res_partner WHERE ref LIKE 'BENCH-%'),
               (SELECT count(*) FROM sale_order
                 WHERE name LIKE 'BENCH/S%'),
               (SELECT count(*) FROM sale_order
                 WHERE name LIKE 'BENCH/W%'),
               (SELECT count(*) FROM sale_order_line l
                  JOIN sale_order o ON o.id = l.order_id
                 WHERE o.name LIKE 'BENCH/%'),
               (SELECT count(*) FROM pos_order WHERE name LIKE 'Bench Shop/%'),
               (SELECT count(*) FROM pos_order_line l
                  JOIN pos_order o ON o.id = l.order_id
                 WHERE o.name LIKE 'Bench Shop/%'),
               (SELECT count(*) FROM helpdesk_ticket WHERE number LIKE 'HTB%'),
               (SELECT count(*) FROM mail_message m
                  JOIN helpdesk_ticket t ON t.id = m.res_id
                 WHERE m.model = 'helpdesk.ticket' AND t.number LIKE 'HTB%'),
               (SELECT count(*) FROM rating_rating
                 WHERE res_model = 'helpdesk.ticket' AND res_name LIKE 'HTB%'),
               (SELECT count(*) FROM rma WHERE name LIKE 'RMA/BENCH/%'),
               (SELECT count(*) FROM loyalty_card WHERE code LIKE 'BENCH-%'),
               (SELECT count(*) FROM loyalty_history h
                  JOIN loyalty_card c ON c.id = h.card_id
                 WHERE c.code LIKE 'BENCH-%'),
               (SELECT count(*) FROM loyalty_card c
                 WHERE c.code LIKE 'BENCH-%'
                   AND c.points <> (SELECT COALESCE(SUM(issued - used), 0)
                                      FROM loyalty_history h
                                     WHERE h.card_id = c.id))
        """
    )
    keys = (
        "customers",
        "sale_orders",
        "ecommerce_orders",
        "sale_order_lines",
        "pos_orders",
        "pos_order_lines",
        "tickets",
        "ticket_replies",
        "ticket_ratings",
        "returns",
        "cards",
        "ledger_lines",
        "cards_not_matching_ledger",
    )
    return dict(zip(keys, env.cr.fetchone(), strict=True))
