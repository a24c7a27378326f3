# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL, frozendict

CHANNELS = [
    ("sales", "Sales team"),
    ("ecommerce", "E-commerce"),
    ("pos", "Point of Sale"),
]


class CrmPurchaseFact(models.Model):
    """Every confirmed purchase line of a customer, from every channel.

    A view rather than a table kept in step: it is always exact, costs nothing
    on the hot paths (order confirmation, POS sync), and the set-wise queries
    that read it (tiers, tags, RFM) aggregate over it in well under a second per
    100,000 customers (see ``tests/benchmarks``). Amounts are untaxed, in the
    company currency; refunds (credit notes of sale orders, POS refund orders)
    are negative lines. Purchases of contacts count for the commercial partner.

    Bridge addons add a channel by extending both :meth:`_fact_queries` (its
    lines) and :meth:`_order_fact_queries` (its orders, one row each, which
    the analytics count), and ``_depends`` with the fields they read. Their
    demo data that adds purchases then calls
    ``crm.demo.story._purchases_added``.
    """

    _name = "crm.purchase.fact"
    _description = "Customer Purchase Fact"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "order_ref"
    # Flushed before the ORM reads the view: an order confirmed or a credit
    # note posted earlier in the same transaction is otherwise not seen.
    _depends = frozendict(
        {
            "sale.order": [
                "company_id",
                "currency_rate",
                "date_order",
                "name",
                "partner_id",
                "state",
            ],
            "sale.order.line": [
                "display_type",
                "invoice_lines",
                "order_id",
                "price_subtotal",
                "product_id",
                "product_uom_qty",
            ],
            "account.move": [
                "commercial_partner_id",
                "company_id",
                "invoice_date",
                "move_type",
                "name",
                "state",
            ],
            "account.move.line": [
                "balance",
                "display_type",
                "move_id",
                "product_id",
                "quantity",
                "sale_line_ids",
            ],
            "res.partner": ["commercial_partner_id"],
            "product.product": ["product_tmpl_id"],
            "product.template": ["categ_id"],
        }
    )

    date = fields.Datetime(readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    channel = fields.Selection(CHANNELS, readonly=True)
    order_model = fields.Char(readonly=True)
    order_id = fields.Many2oneReference(model_field="order_model", readonly=True)
    order_ref = fields.Char(string="Reference", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    categ_id = fields.Many2one(
        "product.category", string="Product Category", readonly=True
    )
    quantity = fields.Float(readonly=True)
    amount = fields.Monetary(currency_field="currency_id", readonly=True)
    is_refund = fields.Boolean(readonly=True)

    @property
    def _table_query(self):
        return SQL(" UNION ALL ").join(self._fact_queries())

    @api.private
    @api.model
    def flush_sources(self):
        """Flush the fields of the purchases the view reads (``_depends``,
        which the bridges that add a channel extend), and nothing else: call
        it before raw SQL over the view or over its sources."""
        for model_name, fnames in self._depends.items():
            self.env[model_name].flush_model(fnames)

    @api.model
    def _fact_queries(self):
        """One SELECT per source, all with the columns of this model, one row
        per line. A bridge that adds a source here adds its orders to
        :meth:`_order_fact_queries` too."""
        return [self._sale_fact_query(), self._sale_refund_fact_query()]

    @api.model
    def _order_fact_queries(self):
        """One SELECT per source, one row per order (or credit note) and
        channel: the facts of its lines summed, with the columns ``date``,
        ``partner_id``, ``company_id``, ``channel``, ``order_model``,
        ``order_id``, ``amount`` and ``is_refund`` (whether all its lines
        are refunds: an exchange, one line sold and one returned in the same
        order, is a purchase of the net amount).

        The same rows as grouping :meth:`_fact_queries` by order, for the
        set-wise queries that count orders rather than lines (RFM,
        lifecycle, customer value). A source with many lines sums them per
        order before joining its orders, which PostgreSQL does not do by
        itself: sale orders read their totals from an index of
        ``sale.order.line`` alone. Bridge addons that add a source to
        :meth:`_fact_queries` add its orders here: a source missing here is
        missing from the RFM, lifecycle, value and KPIs of crm_analytics.
        """
        return [
            self._sale_order_fact_query(),
            self._group_by_order_sql(self._sale_refund_fact_query()),
        ]

    @api.model
    def _group_by_order_sql(self, fact_query):
        """The order rows of a source from its line facts (the generic form,
        for sources with few lines per order, such as credit notes)."""
        return SQL(
            """
            SELECT f.date, f.partner_id, f.company_id, f.channel,
                   f.order_model, f.order_id, SUM(f.amount) AS amount,
                   bool_and(f.is_refund) AS is_refund
              FROM (%s) f
          GROUP BY f.date, f.partner_id, f.company_id, f.channel,
                   f.order_model, f.order_id
            """,
            fact_query,
        )

    @api.model
    def _sale_channel_sql(self, order_alias):
        """The channel of a sale order, as SQL over the order's alias. The
        website bridge overrides it to tell the online orders apart."""
        return SQL("'sales'")

    @api.model
    def _sale_purchase_sql(self, order_alias):
        """Whether a confirmed sale order is a purchase of its customer, as
        SQL over the order's alias. After-sales overrides it to leave out the
        free orders that reissue goods as a compensation."""
        return SQL("TRUE")

    @api.model
    def _sale_fact_query(self):
        return SQL(
            """
            SELECT sol.id * 4 AS id,
                   so.date_order AS date,
                   p.commercial_partner_id AS partner_id,
                   so.company_id AS company_id,
                   %(channel)s AS channel,
                   'sale.order' AS order_model,
                   so.id AS order_id,
                   so.name AS order_ref,
                   sol.product_id AS product_id,
                   pt.categ_id AS categ_id,
                   sol.product_uom_qty AS quantity,
                   sol.price_subtotal / COALESCE(NULLIF(so.currency_rate, 0), 1.0)
                       AS amount,
                   FALSE AS is_refund
              FROM sale_order_line sol
              JOIN sale_order so ON so.id = sol.order_id
              JOIN res_partner p ON p.id = so.partner_id
         LEFT JOIN product_product pp ON pp.id = sol.product_id
         LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE so.state = 'sale' AND sol.display_type IS NULL
               AND %(purchase)s
            """,
            channel=self._sale_channel_sql("so"),
            purchase=self._sale_purchase_sql("so"),
        )

    @api.model
    def _sale_order_fact_query(self):
        # The lines of each order are summed first, from the covering index
        # sale_order_line_crm_order_amount_index (an index-only scan, in
        # order_id order), so only one row per order meets the joins. The
        # amount is converted once per order rather than line by line.
        return SQL(
            """
            SELECT so.date_order AS date,
                   p.commercial_partner_id AS partner_id,
                   so.company_id AS company_id,
                   %(channel)s AS channel,
                   'sale.order' AS order_model,
                   so.id AS order_id,
                   sol.amount / COALESCE(NULLIF(so.currency_rate, 0), 1.0) AS amount,
                   FALSE AS is_refund
              FROM (
                    SELECT order_id, SUM(price_subtotal) AS amount
                      FROM sale_order_line
                     WHERE display_type IS NULL
                  GROUP BY order_id
                   ) sol
              JOIN sale_order so ON so.id = sol.order_id
              JOIN res_partner p ON p.id = so.partner_id
             WHERE so.state = 'sale' AND %(purchase)s
            """,
            channel=self._sale_channel_sql("so"),
            purchase=self._sale_purchase_sql("so"),
        )

    @api.model
    def _sale_refund_fact_query(self):
        # Posted credit notes whose lines come from sale order lines: returns
        # and refunds of sales reduce the spend of the customer.
        return self._credit_note_fact_query(
            1,
            self._sale_channel_sql("so"),
            SQL(
                """
              JOIN LATERAL (
                    SELECT so.*
                      FROM sale_order_line_invoice_rel rel
                      JOIN sale_order_line sol ON sol.id = rel.order_line_id
                      JOIN sale_order so ON so.id = sol.order_id
                     WHERE rel.invoice_line_id = aml.id
                     LIMIT 1
                   ) so ON TRUE
                """
            ),
        )

    @api.model
    def _credit_note_fact_query(self, slot, channel, join, condition=None):
        """Refund facts of the product lines of posted customer credit notes.

        ``slot`` keeps their ids apart from the other sources' (line id * 4 +
        slot), ``join`` links the lines to what they refund, ``channel`` is
        the channel of the refunded sale and ``condition`` narrows the lines.
        """
        return SQL(
            """
            SELECT aml.id * 4 + %(slot)s AS id,
                   am.invoice_date::timestamp AS date,
                   am.commercial_partner_id AS partner_id,
                   am.company_id AS company_id,
                   %(channel)s AS channel,
                   'account.move' AS order_model,
                   am.id AS order_id,
                   am.name AS order_ref,
                   aml.product_id AS product_id,
                   pt.categ_id AS categ_id,
                   -aml.quantity AS quantity,
                   -aml.balance AS amount,
                   TRUE AS is_refund
              FROM account_move_line aml
              JOIN account_move am ON am.id = aml.move_id
                   %(join)s
         LEFT JOIN product_product pp ON pp.id = aml.product_id
         LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE am.move_type = 'out_refund'
               AND am.state = 'posted'
               AND aml.display_type = 'product'
               AND %(condition)s
            """,
            slot=slot,
            channel=channel,
            join=join,
            condition=condition or SQL("TRUE"),
        )

    # ------------------------------------------------------------------
    # Queries over the facts: every addon reads the facts through these
    # ------------------------------------------------------------------

    @api.private
    @api.model
    def facts_sql(
        self,
        company,
        today,
        select,
        where=None,
        group_by=None,
        date_from=None,
        per_order=False,
    ):
        """``SELECT select FROM facts WHERE where GROUP BY group_by`` over the
        purchase facts of the company up to the end of ``today``.

        Run on each source of the facts (:meth:`_fact_queries`) and glued by
        ``UNION ALL``, not on the view as a whole: PostgreSQL then flattens
        each source, computes only the columns used, drops sources that the
        filter rules out (refunds, when only purchases are read) and
        aggregates before the union. A grouping is exact per source when its
        groups cannot span sources (an order); otherwise the caller
        aggregates the union again.

        With ``per_order``, the sources are the order rows of the facts
        (:meth:`_order_fact_queries`: one row per order, with its date,
        customer, channel, net amount and refund flag) instead of the lines.
        The caller flushes the sources first (:meth:`flush_sources`).
        """
        conditions = [
            SQL("f.company_id = %s", company.id),
            SQL("f.partner_id IS NOT NULL"),
            SQL("f.date < %s", today + timedelta(days=1)),
        ]
        if date_from:
            conditions.append(SQL("f.date >= %s", date_from))
        if where:
            conditions.append(where)
        return SQL(" UNION ALL ").join(
            SQL(
                "SELECT %(select)s FROM (%(source)s) f WHERE %(where)s %(group_by)s",
                select=select,
                source=source,
                where=SQL(" AND ").join(conditions),
                group_by=SQL("GROUP BY %s", group_by) if group_by else SQL(),
            )
            for source in (
                self._order_fact_queries() if per_order else self._fact_queries()
            )
        )

    @api.private
    @api.model
    def orders_sql(self, company, today, date_from=None):
        """One row per order (or credit note) of the company up to ``today``:
        customer, date, net amount, whether it is a refund. Aggregate this
        instead of the lines to count orders: no ``COUNT(DISTINCT ...)``
        sort, and each source sums the lines of an order before joining it
        to its order and customer."""
        return self.facts_sql(
            company,
            today,
            SQL(
                """f.partner_id, f.order_model, f.order_id, f.date, f.amount,
                   f.is_refund"""
            ),
            date_from=date_from,
            per_order=True,
        )

    @api.private
    @api.model
    def spend_by_partner_sql(self, date_from, company_rates, partners):
        """Net spend and order count per commercial partner since
        ``date_from`` (``partner_id, spend, order_count``), in one currency.

        ``company_rates`` maps the id of each company whose purchases count
        to the rate converting its currency into the wanted one: amounts of
        companies in different currencies are never summed raw. ``partners``
        restricts the customers: a list of ids, or an SQL condition on
        ``f.partner_id``. The building block of tier evaluation and of the
        tier progress of the partner form.
        """
        if isinstance(partners, SQL):
            restrict = partners
        else:
            restrict = SQL("f.partner_id = ANY(%s)", list(partners))
        rates = SQL(", ").join(
            SQL("(%s, %s::numeric)", company_id, rate)
            for company_id, rate in sorted(company_rates.items())
        )
        return SQL(
            """
            SELECT f.partner_id, SUM(f.amount * r.rate) AS spend,
                   COUNT(DISTINCT (f.order_model, f.order_id))
                       FILTER (WHERE NOT f.is_refund) AS order_count
              FROM %(facts)s f
              JOIN (VALUES %(rates)s) AS r(company_id, rate)
                ON r.company_id = f.company_id
             WHERE f.date >= %(date_from)s AND %(restrict)s
          GROUP BY f.partner_id
            """,
            facts=self._table_sql,
            rates=rates,
            date_from=date_from,
            restrict=restrict,
        )
