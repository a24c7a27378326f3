# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.crm_fresh_loyalty.tools import BATCH_SIZE

from .crm_customer_analytics import CHURN_REASONS

# Episodes per committed batch: half the suite's BATCH_SIZE, as each episode
# plans an activity or issues a coupon, much heavier than a plain write.
EPISODE_BATCH_SIZE = BATCH_SIZE // 2


class CrmRetentionEpisode(models.Model):
    """One churn warning of a customer and what came of it.

    An episode opens when a customer enters the churn warning stage and has
    no episode since the last purchase: one episode per silence, however many
    nights the warning lasts. It gets one retention activity for the account
    manager and, when the company has a retention program, one coupon. It
    closes as *won back* on the first purchase within the retention window,
    or as *lost* once the window has passed.
    """

    _name = "crm.retention.episode"
    _description = "Retention Episode"
    _order = "warned_on desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, ondelete="cascade"
    )
    user_id = fields.Many2one(
        related="partner_id.user_id", string="Account Manager", readonly=True
    )
    warned_on = fields.Date(required=True, readonly=True)
    reason = fields.Selection(CHURN_REASONS, readonly=True)
    deadline = fields.Date(
        string="Retention Deadline",
        readonly=True,
        help="The customer counts as retained when buying again by this day.",
    )
    state = fields.Selection(
        [("open", "Open"), ("won_back", "Won Back"), ("lost", "Lost")],
        required=True,
        default="open",
        readonly=True,
        index=True,
    )
    came_back_on = fields.Date(readonly=True)
    days_to_return = fields.Integer(readonly=True, aggregator="avg")
    activity_id = fields.Many2one("mail.activity", readonly=True, ondelete="set null")
    activity_planned = fields.Boolean(
        readonly=True,
        help="A retention activity was planned (it disappears once done).",
    )
    coupon_id = fields.Many2one(
        "loyalty.card", string="Retention Coupon", readonly=True, ondelete="set null"
    )
    coupon_issued = fields.Boolean(readonly=True)
    won_back_count = fields.Integer(
        string="Won Back (count)",
        readonly=True,
        help="1 when the customer came back in time: its sum is the number of "
        "customers retained, its average the retention rate.",
    )

    _one_open_per_customer = models.UniqueIndex(
        "(partner_id, company_id) WHERE state = 'open'",
        "A customer has one open retention episode per company.",
    )

    @api.model
    def _crm_close_episodes(self, company, today):
        """Won back on a purchase after the warning and by the deadline; lost
        once the deadline has passed without one."""
        self.flush_model()
        self.env["crm.purchase.fact"].flush_sources()
        self.env.cr.execute(
            SQL(
                """SELECT MIN(warned_on) FROM crm_retention_episode
                    WHERE company_id = %s AND state = 'open'""",
                company.id,
            )
        )
        first_warning = self.env.cr.fetchone()[0]
        if not first_warning:
            return
        # only the purchases since the first open warning: a short date range
        orders = self.env["crm.purchase.fact"].orders_sql(
            company, today, date_from=first_warning + timedelta(days=1)
        )
        self.env.cr.execute(
            SQL(
                """
                WITH orders AS (%(orders)s),
                back AS (
                    SELECT e.id, MIN(o.date)::date AS day
                      FROM crm_retention_episode e
                      JOIN orders o
                        ON o.partner_id = e.partner_id
                       AND NOT o.is_refund
                       AND o.date >= e.warned_on + 1
                       AND o.date < e.deadline + 1
                     WHERE e.company_id = %(company)s AND e.state = 'open'
                  GROUP BY e.id
                )
                UPDATE crm_retention_episode e
                   SET state = 'won_back', came_back_on = b.day,
                       days_to_return = b.day - e.warned_on, won_back_count = 1,
                       write_date = NOW() AT TIME ZONE 'UTC', write_uid = %(uid)s
                  FROM back b
                 WHERE b.id = e.id;
                UPDATE crm_retention_episode
                   SET state = 'lost', won_back_count = 0,
                       write_date = NOW() AT TIME ZONE 'UTC', write_uid = %(uid)s
                 WHERE company_id = %(company)s AND state = 'open'
                   AND deadline < %(today)s
                """,
                orders=orders,
                company=company.id,
                today=today,
                uid=self.env.uid,
            )
        )
        self.invalidate_model()

    @api.model
    def _crm_open_episodes(self, company, today):
        """An episode for each warned customer without one since the last
        purchase. The unique index on open episodes makes a concurrent run
        insert nothing twice."""
        self.flush_model()
        self.env["crm.customer.analytics"].flush_model(
            [
                "partner_id",
                "company_id",
                "lifecycle_stage",
                "churn_reason",
                "last_purchase_date",
            ]
        )
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO crm_retention_episode (
                    partner_id, company_id, warned_on, reason, deadline, state,
                    won_back_count, create_uid, create_date, write_uid, write_date)
                SELECT a.partner_id, a.company_id, %(today)s, a.churn_reason,
                       %(deadline)s, 'open', 0,
                       %(uid)s, NOW() AT TIME ZONE 'UTC',
                       %(uid)s, NOW() AT TIME ZONE 'UTC'
                  FROM crm_customer_analytics a
                 WHERE a.company_id = %(company)s
                   AND a.lifecycle_stage = 'churn_warning'
                   AND NOT EXISTS (
                        SELECT 1
                          FROM crm_retention_episode e
                         WHERE e.partner_id = a.partner_id
                           AND e.company_id = a.company_id
                           AND (e.state = 'open' OR e.warned_on >= a.last_purchase_date)
                       )
                ON CONFLICT DO NOTHING
                """,
                today=today,
                deadline=today + timedelta(days=company.crm_retention_days),
                company=company.id,
                uid=self.env.uid,
            )
        )
        self.invalidate_model()
        return self.env.cr.rowcount

    @api.model
    def _crm_schedule_activities(self, company, today, progress=None):
        """One retention activity per open episode of a customer with an
        account manager, unless one is still open on the customer.

        Batches of ``EPISODE_BATCH_SIZE``; after each, ``progress()`` (the cron's
        commit) returns the time left, and 0 stops here: the rest is done on
        the next call. Returns whether everything was done.
        """
        activity_type = self.env.ref("crm_analytics.mail_activity_type_retention")
        model_id = self.env["ir.model"]._get_id("res.partner")
        deadline = today + timedelta(days=activity_type.delay_count or 3)
        domain = [
            ("company_id", "=", company.id),
            ("state", "=", "open"),
            ("activity_planned", "=", False),
            ("partner_id.user_id", "!=", False),
        ]
        while episodes := self.search(domain, limit=EPISODE_BATCH_SIZE):
            open_activities = self.env["mail.activity"].search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", episodes.partner_id.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
            by_partner = {activity.res_id: activity for activity in open_activities}
            new_episodes = episodes.filtered(
                lambda e, planned=by_partner: e.partner_id.id not in planned
            )
            activities = self.env["mail.activity"].create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": episode.partner_id.id,
                        "activity_type_id": activity_type.id,
                        "user_id": episode.partner_id.user_id.id,
                        "date_deadline": deadline,
                        "summary": activity_type.summary,
                        "note": episode._crm_activity_note(),
                    }
                    for episode in new_episodes
                ]
            )
            for episode, activity in zip(new_episodes, activities, strict=True):
                episode.write({"activity_id": activity.id, "activity_planned": True})
            for episode in episodes - new_episodes:
                episode.write(
                    {
                        "activity_id": by_partner[episode.partner_id.id].id,
                        "activity_planned": True,
                    }
                )
            if progress and not progress():
                return False
        return True

    def _crm_activity_note(self):
        self.ensure_one()
        if self.reason == "interactions":
            return self.env._(
                "Fewer interactions with %(customer)s lately: get back in touch "
                "before %(deadline)s.",
                customer=self.partner_id.display_name,
                deadline=self.deadline,
            )
        return self.env._(
            "%(customer)s has not bought for longer than usual: get back in "
            "touch before %(deadline)s.",
            customer=self.partner_id.display_name,
            deadline=self.deadline,
        )

    @api.model
    def _crm_issue_coupons(self, company, today, progress=None):
        """One coupon of the retention program per open episode, through the
        coupon generation of Odoo loyalty, valid until the episode's deadline.
        Batched like :meth:`_crm_schedule_activities`."""
        program = company.crm_retention_program_id
        if not program:
            return True
        points = min(program.reward_ids.mapped("required_points") or [1.0])
        domain = [
            ("company_id", "=", company.id),
            ("state", "=", "open"),
            ("coupon_issued", "=", False),
            # the coupon wizard only finds active customers
            ("partner_id.active", "=", True),
        ]
        while episodes := self.search(
            domain, order="deadline, id", limit=EPISODE_BATCH_SIZE
        ):
            episodes = episodes.filtered(
                lambda e, d=episodes[0].deadline: e.deadline == d
            )
            wizard = self.env["loyalty.generate.wizard"].create(
                {
                    "program_id": program.id,
                    "mode": "selected",
                    "customer_ids": [fields.Command.set(episodes.partner_id.ids)],
                    "points_granted": points,
                    "valid_until": episodes[:1].deadline,
                    "description": self.env._("Retention offer"),
                }
            )
            coupons = wizard.generate_coupons()
            by_partner = {coupon.partner_id.id: coupon for coupon in coupons}
            for episode in episodes:
                episode.write(
                    {
                        "coupon_id": by_partner[episode.partner_id.id].id,
                        "coupon_issued": True,
                    }
                )
            if progress and not progress():
                return False
        return True
