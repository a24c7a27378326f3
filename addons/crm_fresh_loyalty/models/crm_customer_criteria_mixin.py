# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from ast import literal_eval

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, split_every

from ..tools import BATCH_SIZE

# (minimum field, maximum field) pairs; 0 means "no limit" on either side.
RANGE_FIELDS = (
    ("min_order_count", "max_order_count"),
    ("min_spend", "max_spend"),
    ("min_average_order", "max_average_order"),
    ("min_days_since_purchase", "max_days_since_purchase"),
)
PURCHASE_FIELDS = tuple(name for pair in RANGE_FIELDS for name in pair) + ("categ_id",)
CRITERIA_FIELDS = PURCHASE_FIELDS + (
    "company_id",
    "window_months",
    "categ_share",
    "partner_domain",
)


class CrmCustomerCriteriaMixin(models.AbstractModel):
    """Conditions on a customer's purchase behaviour and profile.

    Purchases are read from ``crm.purchase.fact`` of the record's company over
    a rolling window of ``window_months``: number of orders, net spend
    (refunds deducted), average order value and the share of a product
    category in the spend. The days since the last purchase look at the whole
    history: a customer who never bought counts as having bought infinitely
    long ago. Every limit left at 0 is not checked. ``partner_domain`` narrows
    the customers further.

    Customers are the active commercial partners (no parent) with a customer
    rank, shared or of the record's company. :meth:`_crm_match_query` checks
    any number of records in a single scan of the facts, first match wins.
    """

    _name = "crm.customer.criteria.mixin"
    _description = "Customer Criteria"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    window_months = fields.Integer(
        string="Window (months)",
        default=12,
        required=True,
        help="Orders, spend, average order value and category share are counted "
        "over this many months up to today.",
    )
    min_order_count = fields.Integer(string="Minimum Orders")
    max_order_count = fields.Integer(string="Maximum Orders")
    min_spend = fields.Monetary(string="Minimum Spend", currency_field="currency_id")
    max_spend = fields.Monetary(string="Maximum Spend", currency_field="currency_id")
    min_average_order = fields.Monetary(
        string="Minimum Average Order", currency_field="currency_id"
    )
    max_average_order = fields.Monetary(
        string="Maximum Average Order", currency_field="currency_id"
    )
    min_days_since_purchase = fields.Integer(
        string="Minimum Days Since Last Purchase",
        help="Customers whose last purchase, at any time, is at least this old. "
        "Customers who never bought match.",
    )
    max_days_since_purchase = fields.Integer(
        string="Maximum Days Since Last Purchase",
        help="Customers who bought within this many days.",
    )
    categ_id = fields.Many2one(
        "product.category",
        string="Product Category",
        help="With its subcategories: customers who spent at least the category "
        "share of their spend on it over the window.",
    )
    categ_share = fields.Float(
        string="Minimum Category Share (%)",
        help="0 means any purchase in the category.",
    )
    partner_domain = fields.Char(
        string="Customer Filter",
        default="[]",
        help="Only customers matching this filter.",
    )

    # ------------------------------------------------------------------
    # Validation
    # ------------------------------------------------------------------

    def _field_label(self, field_name):
        return self._fields[field_name]._description_string(self.env)

    def _crm_has_condition(self):
        self.ensure_one()
        return any(self[name] for name in PURCHASE_FIELDS) or bool(
            self._crm_partner_domain()
        )

    def _crm_partner_domain(self):
        """The customer filter as a Domain (TRUE when empty)."""
        self.ensure_one()
        try:
            domain = Domain(literal_eval(self.partner_domain or "[]"))
        except (ValueError, SyntaxError, TypeError) as error:
            raise ValidationError(
                self.env._(
                    "%(name)s: the %(field)s is not a valid filter (%(error)s). "
                    "Edit it with the filter editor.",
                    name=self.display_name,
                    field=self._field_label("partner_domain"),
                    error=error,
                )
            ) from error
        return Domain.TRUE if domain.is_true() else domain

    @api.constrains(*CRITERIA_FIELDS)
    def _check_criteria(self):
        for record in self:
            record._crm_check_criteria()

    def _crm_check_criteria(self):
        self.ensure_one()
        name = self.display_name
        if self.window_months < 1:
            raise ValidationError(
                self.env._(
                    "%(name)s: %(field)s must be at least 1 month.",
                    name=name,
                    field=self._field_label("window_months"),
                )
            )
        for min_field, max_field in RANGE_FIELDS:
            for field_name in (min_field, max_field):
                if self[field_name] < 0:
                    raise ValidationError(
                        self.env._(
                            "%(name)s: %(field)s cannot be negative; use 0 for no "
                            "limit.",
                            name=name,
                            field=self._field_label(field_name),
                        )
                    )
            if self[max_field] and self[min_field] > self[max_field]:
                raise ValidationError(
                    self.env._(
                        "%(name)s: %(min_field)s (%(min)s) cannot be higher than "
                        "%(max_field)s (%(max)s).",
                        name=name,
                        min_field=self._field_label(min_field),
                        min=self[min_field],
                        max_field=self._field_label(max_field),
                        max=self[max_field],
                    )
                )
        if not 0 <= self.categ_share <= 100:
            raise ValidationError(
                self.env._(
                    "%(name)s: %(field)s must be between 0 and 100.",
                    name=name,
                    field=self._field_label("categ_share"),
                )
            )
        if self.categ_share and not self.categ_id:
            raise ValidationError(
                self.env._(
                    "%(name)s: set a %(categ)s for the %(field)s to apply to.",
                    name=name,
                    categ=self._field_label("categ_id"),
                    field=self._field_label("categ_share"),
                )
            )
        domain = self._crm_partner_domain()
        try:
            self.env["res.partner"]._search(domain)
        except (ValueError, KeyError, TypeError) as error:
            raise ValidationError(
                self.env._(
                    "%(name)s: the %(field)s is not a valid filter (%(error)s). "
                    "Edit it with the filter editor.",
                    name=name,
                    field=self._field_label("partner_domain"),
                    error=error,
                )
            ) from error

    # ------------------------------------------------------------------
    # Set-wise evaluation
    # ------------------------------------------------------------------

    @api.model
    def _crm_customer_domain(self, company):
        """The customers that criteria of ``company`` look at."""
        return (
            Domain("customer_rank", ">", 0)
            & Domain("parent_id", "=", False)
            & Domain("company_id", "in", [company.id, False])
        )

    def _crm_match_query(self, today=None, first_match=True):
        """SQL of ``(partner_id, match)`` for every customer: ``match`` is the
        index in ``self`` of the first record the customer matches (NULL when
        none does), or with ``first_match=False`` the array of the indexes of
        all the records they match.

        All records belong to one company. The purchase facts are scanned
        once: grouped per order, then per customer, with one set of columns
        per record (its own window and category). Without a condition on the
        days since the last purchase, only the facts of the longest window
        are read.
        """
        company = self.company_id
        if len(company) != 1:
            raise ValidationError(
                self.env._("Customer criteria are evaluated one company at a time.")
            )
        today = today or fields.Date.context_today(self)
        partners = self.env["res.partner"].with_company(company).sudo()
        population = partners._search(self._crm_customer_domain(company))
        conditions = []
        order_columns = []
        partner_columns = []
        needs_facts = False
        for index, record in enumerate(self):
            date_from = today - relativedelta(months=record.window_months)
            in_window = SQL("o.date >= %s", date_from)
            spend = SQL.identifier(f"spend_{index}")
            orders = SQL.identifier(f"orders_{index}")
            partner_columns += [
                SQL("SUM(o.amount) FILTER (WHERE %s) AS %s", in_window, spend),
                SQL(
                    "COUNT(*) FILTER (WHERE %s AND NOT o.is_refund) AS %s",
                    in_window,
                    orders,
                ),
            ]
            categ_spend = None
            if record.categ_id:
                categ_ids = (
                    self.env["product.category"]
                    .sudo()
                    .search([("id", "child_of", record.categ_id.id)])
                    .ids
                )
                categ_amount = SQL.identifier(f"categ_amount_{index}")
                categ_spend = SQL.identifier(f"categ_spend_{index}")
                order_columns.append(
                    SQL(
                        "SUM(f.amount) FILTER (WHERE f.categ_id = ANY(%s)) AS %s",
                        categ_ids,
                        categ_amount,
                    )
                )
                partner_columns.append(
                    SQL(
                        "SUM(o.%s) FILTER (WHERE %s) AS %s",
                        categ_amount,
                        in_window,
                        categ_spend,
                    )
                )
            needs_facts = needs_facts or any(record[f] for f in PURCHASE_FIELDS)
            conditions.append(
                record._crm_condition_sql(
                    SQL("COALESCE(s.%s, 0)", spend),
                    SQL("COALESCE(s.%s, 0)", orders),
                    categ_spend and SQL("COALESCE(s.%s, 0)", categ_spend),
                    today,
                )
            )
        if first_match:
            match = SQL(
                "CASE %s END",
                SQL(" ").join(
                    SQL("WHEN %s THEN %s", condition, index)
                    for index, condition in enumerate(conditions)
                ),
            )
        else:
            match = SQL(
                "ARRAY_REMOVE(ARRAY[%s], NULL)",
                SQL(", ").join(
                    SQL("CASE WHEN %s THEN %s END", condition, index)
                    for index, condition in enumerate(conditions)
                ),
            )
        scan_from = SQL()
        if not any(
            record.min_days_since_purchase or record.max_days_since_purchase
            for record in self
        ):
            longest = max(self.mapped("window_months"))
            scan_from = SQL("AND f.date >= %s", today - relativedelta(months=longest))
        if not needs_facts:
            return SQL(
                "SELECT p.id AS partner_id, %(match)s AS match"
                " FROM res_partner p WHERE p.id IN %(population)s",
                match=match,
                population=population.subselect(),
            )
        return SQL(
            """
            WITH orders AS (
                SELECT f.partner_id, f.order_model, f.order_id,
                       MAX(f.date) AS date,
                       BOOL_AND(f.is_refund) AS is_refund,
                       SUM(f.amount) AS amount %(order_columns)s
                  FROM (%(facts)s) f
                 WHERE f.company_id = %(company)s %(scan_from)s
              GROUP BY f.partner_id, f.order_model, f.order_id
            ), stats AS (
                SELECT o.partner_id,
                       MAX(o.date) FILTER (WHERE NOT o.is_refund) AS last_date,
                       %(partner_columns)s
                  FROM orders o
              GROUP BY o.partner_id
            )
            SELECT p.id AS partner_id, %(match)s AS match
              FROM res_partner p
         LEFT JOIN stats s ON s.partner_id = p.id
             WHERE p.id IN %(population)s
            """,
            order_columns=SQL("").join(SQL(", %s", c) for c in order_columns),
            facts=self.env["crm.purchase.fact"]._table_query,
            company=company.id,
            scan_from=scan_from,
            partner_columns=SQL(", ").join(partner_columns),
            match=match,
            population=population.subselect(),
        )

    def _crm_condition_sql(self, spend, orders, categ_spend, today):
        """The SQL condition of this record on the ``stats`` row ``s`` and the
        partner ``p``."""
        self.ensure_one()
        conditions = []
        for value, min_field, max_field in (
            (orders, "min_order_count", "max_order_count"),
            (spend, "min_spend", "max_spend"),
        ):
            if self[min_field]:
                conditions.append(SQL("%s >= %s", value, self[min_field]))
            if self[max_field]:
                conditions.append(SQL("%s <= %s", value, self[max_field]))
        average = SQL("(%s / NULLIF(%s, 0))", spend, orders)
        if self.min_average_order:
            conditions.append(SQL("%s >= %s", average, self.min_average_order))
        if self.max_average_order:
            conditions.append(SQL("%s <= %s", average, self.max_average_order))
        if self.min_days_since_purchase:
            conditions.append(
                SQL(
                    "(s.last_date IS NULL OR s.last_date < %s)",
                    today - relativedelta(days=self.min_days_since_purchase - 1),
                )
            )
        if self.max_days_since_purchase:
            conditions.append(
                SQL(
                    "s.last_date >= %s",
                    today - relativedelta(days=self.max_days_since_purchase),
                )
            )
        if categ_spend is not None:
            conditions.append(
                SQL(
                    "%(categ)s > 0 AND %(categ)s * 100 >= %(share)s * %(spend)s",
                    categ=categ_spend,
                    share=self.categ_share,
                    spend=spend,
                )
            )
        domain = self._crm_partner_domain()
        if not domain.is_true():
            partners = self.env["res.partner"].with_company(self.company_id).sudo()
            conditions.append(SQL("p.id IN %s", partners._search(domain).subselect()))
        if not conditions:
            return SQL("TRUE")
        return SQL("(%s)", SQL(" AND ").join(conditions))

    def _crm_matching_partner_ids(self, today=None):
        """Ids of the customers matching this record."""
        self.ensure_one()
        rows = self._crm_execute(
            SQL(
                "SELECT partner_id FROM (%s) m WHERE m.match IS NOT NULL",
                self._crm_match_query(today=today),
            )
        )
        return [partner_id for (partner_id,) in rows]

    @api.model
    def _crm_write_customers(self, partner_ids, vals, body, company, progress=None):
        """Write ``vals`` on the customers and log ``body`` on their chatter,
        with one write and one batch of notes per batch of customers.

        Each batch is flushed and leaves the cache, so memory stays flat
        whatever the number of customers; ``progress(done)`` is called after
        each batch (the cron commits there).
        """
        Partner = (
            self.env["res.partner"]
            .sudo()
            .with_company(company)
            .with_context(tracking_disable=True)
        )
        for batch in split_every(BATCH_SIZE, sorted(partner_ids)):
            partners = Partner.browse(batch)
            partners.write(vals)
            partners._message_log_batch(bodies=dict.fromkeys(partners.ids, body))
            # write the batch now and free the memory it holds
            Partner.flush_model()
            self.env["mail.message"].flush_model()
            self.env.invalidate_all()
            if progress:
                progress(len(batch))

    def _crm_execute(self, query):
        """Run ``query`` on the purchase facts and the partners: flush the
        sources of the facts and the partners, nothing else."""
        self.env["crm.purchase.fact"].flush_sources()
        self.env["res.partner"].flush_model()
        return self.env.execute_query(query)
