# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL, frozendict

TARGET_GROUPS = [("recipient", "Recipients"), ("control", "Control Group")]


class CrmCampaignEffect(models.Model):
    """The promotion effect of the campaigns: one row per campaign and
    customer of its segment who was either messaged (a *recipient*: a
    message of the campaign sent) or held out (the *control group*).

    Each row counts the customer's orders (``crm.purchase.fact``, refunds
    left out, the customer's company of orders being the campaign's) from
    the start of the campaign for its effect window, their untaxed revenue,
    and whether the customer used the campaign's coupon. The conversion of a
    group is its buyers over its customers; the uplift is the recipients'
    conversion minus the control group's. Customers the campaign could not
    reach (opted out, over the daily cap) are in neither group.

    With ``crm_kpi_computed_at`` in the context (a dashboard drill-down),
    the windows end then at the latest: the rows count what the KPI counted.
    """

    _name = "crm.campaign.effect"
    _description = "Campaign Promotion Effect"
    _auto = False
    _order = "mailing_id desc, target_group desc, partner_id"
    _depends = frozendict(
        {
            "mailing.mailing": [
                "crm_company_id",
                "crm_coupon_program_id",
                "crm_effect_days",
                "crm_start_date",
                "crm_control_partner_ids",
                "mailing_type",
            ],
            "crm.customer.message": ["mailing_id", "partner_id", "state"],
            "loyalty.card": ["crm_mailing_id", "partner_id"],
            "loyalty.history": ["card_id", "used"],
            "res.partner": ["commercial_partner_id"],
            # Its own _depends (its sources) are flushed with it.
            "crm.purchase.fact": [],
        }
    )

    mailing_id = fields.Many2one("mailing.mailing", string="Campaign", readonly=True)
    program_id = fields.Many2one(
        "loyalty.program", string="Coupon Program", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    target_group = fields.Selection(TARGET_GROUPS, string="Group", readonly=True)
    start_date = fields.Datetime(string="Campaign Start", readonly=True)
    order_count = fields.Integer(string="Orders", readonly=True)
    revenue = fields.Monetary(currency_field="currency_id", readonly=True)
    buyer_count = fields.Integer(
        string="Buyers",
        readonly=True,
        help="1 when the customer bought in the effect window: summed, the "
        "buyers of the group.",
    )
    coupon_used = fields.Integer(string="Coupons Used", readonly=True)

    @property
    def _table_query(self):
        computed_at = self.env.context.get("crm_kpi_computed_at")
        end = SQL("c.crm_start_date + make_interval(days => c.crm_effect_days)")
        if computed_at:
            end = SQL("LEAST(%s, %s)", end, fields.Datetime.to_datetime(computed_at))
        orders = SQL(" UNION ALL ").join(
            self.env["crm.purchase.fact"]._order_fact_queries()
        )
        return SQL(
            """
            WITH campaign AS (
                SELECT c.id, c.crm_coupon_program_id, c.crm_company_id,
                       c.crm_start_date, %(end)s AS end_date
                  FROM mailing_mailing c
                 WHERE c.mailing_type = 'crm_message'
                   AND c.crm_start_date IS NOT NULL
            ),
            target AS (
                SELECT DISTINCT m.mailing_id, m.partner_id,
                       'recipient' AS target_group
                  FROM crm_customer_message m
                 WHERE m.mailing_id IS NOT NULL AND m.state = 'sent'
                 UNION ALL
                SELECT r.mailing_id, r.partner_id, 'control'
                  FROM crm_campaign_control_partner_rel r
            ),
            bought AS (
                SELECT t.mailing_id, t.partner_id, COUNT(*) AS order_count,
                       SUM(o.amount) AS revenue
                  FROM target t
                  JOIN campaign c ON c.id = t.mailing_id
                  JOIN res_partner p ON p.id = t.partner_id
                  JOIN (%(orders)s) o
                    ON o.partner_id = p.commercial_partner_id
                   AND o.company_id = c.crm_company_id
                   AND o.date >= c.crm_start_date
                   AND o.date < c.end_date
                   AND NOT o.is_refund
              GROUP BY t.mailing_id, t.partner_id
            ),
            coupon AS (
                SELECT card.crm_mailing_id AS mailing_id, card.partner_id,
                       COUNT(*) AS used
                  FROM loyalty_card card
                 WHERE card.crm_mailing_id IS NOT NULL
                   AND EXISTS (SELECT 1 FROM loyalty_history h
                                WHERE h.card_id = card.id AND h.used > 0)
              GROUP BY card.crm_mailing_id, card.partner_id
            )
            SELECT row_number() OVER (
                       ORDER BY t.mailing_id, t.target_group, t.partner_id
                   ) AS id,
                   t.mailing_id, c.crm_coupon_program_id AS program_id,
                   c.crm_company_id AS company_id, t.partner_id, t.target_group,
                   c.crm_start_date AS start_date,
                   COALESCE(b.order_count, 0) AS order_count,
                   COALESCE(b.revenue, 0) AS revenue,
                   (b.order_count IS NOT NULL)::int AS buyer_count,
                   COALESCE(k.used, 0) AS coupon_used
              FROM target t
              JOIN campaign c ON c.id = t.mailing_id
              LEFT JOIN bought b
                ON b.mailing_id = t.mailing_id AND b.partner_id = t.partner_id
              LEFT JOIN coupon k
                ON k.mailing_id = t.mailing_id AND k.partner_id = t.partner_id
            """,
            end=end,
            orders=orders,
        )
