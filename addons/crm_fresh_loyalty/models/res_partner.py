# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random
from collections import defaultdict
from datetime import timedelta
from itertools import groupby

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, ormcache, split_every

BATCH_SIZE = 1000
# Demo: regulars (an order every two months) who stopped four months ago,
# the customers the churn warning of crm_analytics finds.
LAPSED_DEMO_RANKS = (6, 9)
# Demo: customers won over the last year, for the new customer and cohort KPIs.
NEW_DEMO_RANKS = (24, 25, 26, 27, 28, 29)

SOURCE_CHANNELS = [
    ("store", "Store registration"),
    ("online_shop", "Online shop"),
    ("wechat", "WeChat official account"),
    ("call_centre", "Call centre"),
    ("pos", "Point of Sale"),
    ("ecommerce", "E-commerce platform"),
    ("import", "Batch import"),
]
CUSTOMER_TYPES = [
    ("individual", "Individual"),
    ("retail_terminal", "Retail terminal"),
    ("catering", "Catering"),
    ("ecommerce_platform", "E-commerce platform"),
    ("institution", "Institution"),
]
CONTACT_CHANNELS = [
    ("sms", "SMS"),
    ("wechat", "WeChat"),
    ("phone", "Phone"),
    ("email", "Email"),
    ("app_push", "App push"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    crm_source_channel = fields.Selection(SOURCE_CHANNELS, string="Source Channel")
    crm_customer_type = fields.Selection(CUSTOMER_TYPES, string="Customer Type")
    crm_gender = fields.Selection(
        [("female", "Female"), ("male", "Male"), ("other", "Other")], string="Gender"
    )
    crm_preferred_channel = fields.Selection(
        CONTACT_CHANNELS, string="Preferred Contact Channel"
    )
    crm_preferred_categ_ids = fields.Many2many(
        "product.category",
        "res_partner_crm_preferred_categ_rel",
        "partner_id",
        "categ_id",
        string="Preferred Product Categories",
    )
    crm_is_key_contact = fields.Boolean(
        string="Key Contact", help="A decision maker or main contact of a B2B customer."
    )
    crm_key_contact_ids = fields.One2many(
        "res.partner",
        "parent_id",
        string="Key Contacts",
        domain=[("crm_is_key_contact", "=", True), ("active", "=", True)],
    )
    crm_last_verified_date = fields.Date(
        string="Profile Last Verified",
        help="When staff last checked the profile with the customer.",
    )
    crm_profile_completeness = fields.Integer(
        string="Profile Completeness (%)", compute="_compute_crm_profile_completeness"
    )
    crm_profile_missing = fields.Char(
        string="Missing Profile Fields", compute="_compute_crm_profile_completeness"
    )
    crm_profile_incomplete = fields.Boolean(
        string="Incomplete Profile",
        compute="_compute_crm_profile_completeness",
        search="_search_crm_profile_incomplete",
    )
    crm_membership_card_id = fields.Many2one(
        "loyalty.card",
        string="Membership Card",
        compute="_compute_crm_membership_card_id",
    )
    crm_tier_id = fields.Many2one(
        "crm.membership.tier",
        string="Membership Tier",
        compute="_compute_crm_membership_card_id",
    )
    crm_points = fields.Float(
        string="Points Balance", compute="_compute_crm_membership_card_id"
    )
    crm_points_expiring = fields.Float(
        string="Points Expiring Soon", compute="_compute_crm_membership_card_id"
    )
    crm_next_expiry_date = fields.Date(
        string="Next Points Expiry", compute="_compute_crm_membership_card_id"
    )
    crm_birthday_task_year = fields.Integer(
        string="Birthday Gift Planned For",
        readonly=True,
        copy=False,
        help="Year of the last birthday a gift task was planned for.",
    )
    crm_birthday_greeting_year = fields.Integer(
        string="Birthday Greeted For",
        readonly=True,
        copy=False,
        help="Year of the last birthday the customer was greeted for.",
    )
    crm_value_category_id = fields.Many2one(
        "crm.value.category",
        string="Value Category",
        company_dependent=True,
        readonly=True,
        help="Assigned by the daily value category evaluation, per company, from "
        "the customer's purchases.",
    )

    crm_wechat_openid = fields.Char(
        string="WeChat OpenID",
        copy=False,
        help="The customer's identifier for the WeChat provider.",
    )
    crm_opt_out_wechat = fields.Boolean(
        string="No WeChat Messages", help="The customer asked for no WeChat messages."
    )
    crm_opt_out_app_push = fields.Boolean(
        string="No App Push Messages",
        help="The customer asked for no app push messages.",
    )
    crm_message_ids = fields.One2many(
        "crm.customer.message", "partner_id", string="Customer Messages"
    )
    crm_message_count = fields.Integer(compute="_compute_crm_counters")

    @api.model
    @ormcache("self.env.company.id", "self.env.lang")
    def _crm_profile_field_labels(self):
        """(name, label) of the fields that make a complete profile in the
        current company, cached: every opening of a customer form needs them.
        Read as superuser: field definitions are configuration every user may
        apply, but ir.model.fields is readable by administrators only."""
        return tuple(
            (field.name, field.field_description)
            for field in self.env.company.sudo().crm_profile_field_ids
            if field.name in self._fields
        )

    @api.depends_context("company")
    def _compute_crm_profile_completeness(self):
        profile_fields = self._crm_profile_field_labels()
        total = len(profile_fields)
        for partner in self:
            missing = [label for name, label in profile_fields if not partner[name]]
            partner.crm_profile_completeness = (
                round(100 * (total - len(missing)) / total) if total else 100
            )
            partner.crm_profile_missing = ", ".join(missing)
            partner.crm_profile_incomplete = bool(missing)

    def _search_crm_profile_incomplete(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        profile_fields = self._crm_profile_field_labels()
        incomplete = Domain.OR(Domain(name, "=", False) for name, _ in profile_fields)
        return incomplete if operator == "in" else ~incomplete

    @api.depends_context("company")
    @api.depends("commercial_partner_id")
    def _compute_crm_membership_card_id(self):
        commercial = self.commercial_partner_id
        # Fetched with what is read below (and by the 360° view), in one query.
        cards = self.env["loyalty.card"].search_fetch(
            [
                ("partner_id", "in", commercial.ids),
                ("program_id.crm_tier_ids", "!=", False),
                ("company_id", "in", [self.env.company.id, False]),
            ],
            ["partner_id", "program_id", "crm_tier_id", "points", "code"],
            order="id",
        )
        card_by_partner = {}
        for card in cards:
            card_by_partner.setdefault(card.partner_id, card)
        for partner in self:
            card = card_by_partner.get(
                partner.commercial_partner_id, self.env["loyalty.card"]
            )
            partner.crm_membership_card_id = card
            partner.crm_tier_id = card.crm_tier_id
            partner.crm_points = card.points
            partner.crm_points_expiring = card.crm_points_expiring
            partner.crm_next_expiry_date = card.crm_next_expiry_date

    @api.constrains("birthdate_date")
    def _check_crm_birthdate_date(self):
        today = fields.Date.context_today(self)
        for partner in self:
            if partner.birthdate_date and partner.birthdate_date > today:
                raise ValidationError(
                    self.env._(
                        "The Birthdate of %(customer)s (%(date)s) is in the future: "
                        "enter the day the customer was born.",
                        customer=partner.display_name,
                        date=partner.birthdate_date,
                    )
                )

    def action_crm_mark_verified(self):
        self.write({"crm_last_verified_date": fields.Date.context_today(self)})
        return True

    @api.model
    def _crm_profiles_to_review(self, today=None):
        """Customers with an account manager whose profile is incomplete or has
        not been verified for the configured months, and no review to-do open."""
        today = today or fields.Date.context_today(self)
        company = self.env.company
        stale_before = today - relativedelta(months=company.crm_profile_review_months)
        activity_type = self.env.ref(
            "crm_fresh_loyalty.mail_activity_type_profile_review"
        )
        return self.search(
            Domain("customer_rank", ">", 0)
            & Domain("parent_id", "=", False)
            & Domain("user_id", "!=", False)
            & (
                Domain("crm_profile_incomplete", "=", True)
                | Domain("crm_last_verified_date", "=", False)
                | Domain("crm_last_verified_date", "<", stale_before)
            )
            & Domain(
                "activity_ids", "not any", [("activity_type_id", "=", activity_type.id)]
            )
        )

    @api.model
    def _crm_schedule_profile_reviews(self, today=None):
        """Create one review to-do per customer to review, in one batch."""
        partners = self._crm_profiles_to_review(today=today)
        activity_type = self.env.ref(
            "crm_fresh_loyalty.mail_activity_type_profile_review"
        )
        model_id = self.env["ir.model"]._get_id("res.partner")
        deadline = (today or fields.Date.context_today(self)) + relativedelta(
            days=activity_type.delay_count or 7
        )
        return self.env["mail.activity"].create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": activity_type.id,
                    "user_id": partner.user_id.id,
                    "date_deadline": deadline,
                    "summary": activity_type.summary,
                    "note": partner.crm_profile_missing
                    and self.env._(
                        "Missing: %(fields)s", fields=partner.crm_profile_missing
                    ),
                }
                for partner in partners
            ]
        )

    @api.model
    def _cron_schedule_profile_reviews(self):
        activities = self._crm_schedule_profile_reviews()
        self.env["ir.cron"]._commit_progress(len(activities), remaining=0)

    # ------------------------------------------------------------------
    # Interactions
    # ------------------------------------------------------------------

    def action_crm_log_interaction(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "crm_fresh_loyalty.crm_interaction_log_wizard_action"
        )
        action["context"] = {"default_partner_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Birthdays
    # ------------------------------------------------------------------

    @api.model
    def _crm_birthdays_between(self, date_from, date_to, year_field):
        """Customers whose birthday falls between the two dates (included),
        as rows (partner id, birthday), leaving out those already handled
        for that year in ``year_field``.

        Set-wise: the birthday of each customer is placed in the years around
        the dates in SQL. A 29 February birthday is kept on 28 February in
        other years. Only individual customers count: no companies, no
        contacts of a company.
        """
        self.flush_model(
            [
                "active",
                "birthdate_date",
                "customer_rank",
                "parent_id",
                "is_company",
                year_field,
            ]
        )
        birthday = SQL(
            """make_date(y.year, EXTRACT(MONTH FROM p.birthdate_date)::int,
                         LEAST(EXTRACT(DAY FROM p.birthdate_date)::int,
                               EXTRACT(DAY FROM make_date(
                                   y.year, EXTRACT(MONTH FROM p.birthdate_date)::int, 1
                               ) + INTERVAL '1 month - 1 day')::int))"""
        )
        return self.env.execute_query(
            SQL(
                """
                SELECT id, birthday FROM (
                    SELECT p.id, %(birthday)s AS birthday,
                           p.birthdate_date, %(year_field)s AS done_year
                      FROM res_partner p
                CROSS JOIN generate_series(%(year_from)s, %(year_to)s) AS y(year)
                     WHERE p.active
                       AND p.birthdate_date IS NOT NULL
                       AND p.customer_rank > 0
                       AND p.parent_id IS NULL
                       AND NOT COALESCE(p.is_company, FALSE)
                ) c
                 WHERE c.birthday BETWEEN %(date_from)s AND %(date_to)s
                   AND c.birthday > c.birthdate_date
                   AND (c.done_year IS NULL
                        OR c.done_year < EXTRACT(YEAR FROM c.birthday))
              ORDER BY c.id
                """,
                birthday=birthday,
                year_field=SQL.identifier("p", year_field),
                year_from=date_from.year,
                year_to=date_to.year,
                date_from=date_from,
                date_to=date_to,
            )
        )

    @api.model
    def _crm_claim_birthdays(self, rows, year_field):
        """Lock a batch of (partner id, birthday) rows and mark their year done.

        Customers being changed by another transaction are skipped (the next
        run takes them); the year is written in the transaction that plans
        the task or sends the greeting, so a second run finds them done.
        Returns {partner: birthday} for the customers claimed.
        """
        birthdays = dict(rows)
        partners = self.browse(birthdays).try_lock_for_update()
        by_year = defaultdict(list)
        for partner in partners:
            by_year[birthdays[partner.id].year].append(partner.id)
        for year, partner_ids in by_year.items():
            self.browse(partner_ids).write({year_field: year})
        return {partner: birthdays[partner.id] for partner in partners}

    @api.model
    def _crm_plan_birthday_gifts(self, today=None, progress=None):
        """Plan a gift task for the customers whose birthday comes within the
        notice days, once per birthday, for their account manager."""
        today = today or fields.Date.context_today(self)
        company = self.env.company
        rows = self._crm_birthdays_between(
            today,
            today + timedelta(days=company.crm_birthday_notice_days),
            "crm_birthday_task_year",
        )
        activity_type = self.env.ref(
            "crm_fresh_loyalty.mail_activity_type_birthday_gift"
        )
        model_id = self.env["ir.model"]._get_id("res.partner")
        activities = self.env["mail.activity"]
        for index, batch in enumerate(split_every(BATCH_SIZE, rows), start=1):
            claimed = self._crm_claim_birthdays(batch, "crm_birthday_task_year")
            activities |= self.env["mail.activity"].create(
                [
                    partner._crm_birthday_gift_values(
                        birthday, activity_type, model_id, company
                    )
                    for partner, birthday in claimed.items()
                ]
            )
            remaining = max(len(rows) - index * BATCH_SIZE, 0)
            if progress and not progress(len(batch), remaining):
                break
        return activities

    def _crm_birthday_gift_values(self, birthday, activity_type, model_id, company):
        self.ensure_one()
        gift = self.crm_tier_id.birthday_gift
        return {
            "res_model_id": model_id,
            "res_id": self.id,
            "activity_type_id": activity_type.id,
            "user_id": (self.user_id or company.crm_birthday_user_id).id,
            "date_deadline": birthday,
            "summary": self.env._("Birthday gift for %(name)s", name=self.name),
            "note": gift
            and self.env._(
                "%(tier)s member benefit: %(gift)s",
                tier=self.crm_tier_id.name,
                gift=gift,
            ),
            "automated": True,
        }

    @api.model
    def _crm_send_birthday_greetings(self, today=None, progress=None):
        """Greet the customers whose birthday is today, on the channel they
        prefer, once per birthday. A run that comes late still greets those
        whose birthday passed within the late days. Returns the customers
        greeted."""
        today = today or fields.Date.context_today(self)
        rows = self._crm_birthdays_between(
            today - timedelta(days=self.env.company.crm_birthday_late_days),
            today,
            "crm_birthday_greeting_year",
        )
        greeted = self.browse()
        for index, batch in enumerate(split_every(BATCH_SIZE, rows), start=1):
            claimed = self._crm_claim_birthdays(batch, "crm_birthday_greeting_year")
            messages = self.browse([partner.id for partner in claimed])._crm_notify(
                lambda partner, claimed=claimed: (
                    f"birthday_greeting:{claimed[partner].year}"
                ),
                "crm_fresh_loyalty.mail_template_birthday_greeting",
                "crm_fresh_loyalty.sms_template_birthday_greeting",
            )
            greeted |= self.browse(
                messages.filtered(lambda m: m.state != "skipped").mapped("res_id")
            )
            remaining = max(len(rows) - index * BATCH_SIZE, 0)
            if progress and not progress(len(batch), remaining):
                break
        return greeted

    @api.model
    def _cron_birthdays(self):
        cron = self.env["ir.cron"]

        def progress(done, remaining):
            return cron._commit_progress(done, remaining=remaining)

        self._crm_plan_birthday_gifts(progress=progress)
        self._crm_send_birthday_greetings(progress=progress)

    # ------------------------------------------------------------------
    # Import
    # ------------------------------------------------------------------

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Customers"),
                "template": "/crm_fresh_loyalty/static/xls/"
                "crm_customer_import_template.xlsx",
            }
        ] + super().get_import_templates()

    @api.model
    def load(self, fields, data):
        """Customers imported from a file come from the batch import channel,
        unless the file gives another one: a new customer gets it by default,
        and a blank Source Channel cell means the batch import too."""
        if not self.env.context.get("import_file"):
            return super().load(fields, data)
        result = super(
            ResPartner,
            self.with_context(
                default_crm_source_channel=self.env.context.get(
                    "default_crm_source_channel", "import"
                )
            ),
        ).load(fields, data)
        if result["ids"] and "crm_source_channel" in fields:
            self.browse(result["ids"]).filtered(
                lambda partner: not partner.crm_source_channel
            ).crm_source_channel = "import"
        return result

    # ------------------------------------------------------------------
    # Personal data (hooks of crm_customer_privacy)
    # ------------------------------------------------------------------

    def _crm_personal_fields(self):
        fnames = super()._crm_personal_fields()
        # the profile's own fields, after the national ID as they always were
        index = fnames.index("crm_national_id")
        return (
            fnames[:index]
            + ["crm_gender"]
            + fnames[index : index + 1]
            + [
                "crm_customer_type",
                "crm_source_channel",
                "crm_preferred_channel",
                "crm_preferred_categ_ids",
            ]
            + fnames[index + 1 :]
        )

    def _crm_personal_data(self):
        """The orders, points ledger, tier history and interactions of the
        customer, after its profile."""
        sections = super()._crm_personal_data()
        cards = self.env["loyalty.card"].search([("partner_id", "=", self.id)])
        interaction_types = self.env["mail.activity.type"].search(
            [("crm_is_interaction", "=", True)]
        )
        interactions = self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", self.id),
                ("mail_activity_type_id", "in", interaction_types.ids),
            ],
            order="date",
        )
        _ = self.env._
        profile = _("Profile")
        return {
            profile: sections.pop(profile),
            _("Orders"): self._crm_export_rows(
                self.env["sale.order"].search(
                    [("partner_id", "child_of", self.id)], order="date_order"
                ),
                ["name", "date_order", "state", "amount_total", "currency_id"],
            ),
            _("Points ledger"): self._crm_export_rows(
                self.env["loyalty.history"].search(
                    [("card_id", "in", cards.ids)], order="create_date, id"
                ),
                ["create_date", "card_id", "crm_move_type", "description"]
                + ["issued", "used", "crm_expiration_date"],
            ),
            _("Tier history"): self._crm_export_rows(
                self.env["crm.membership.tier.history"].search(
                    [("card_id", "in", cards.ids)], order="date, id"
                ),
                ["date", "card_id", "from_tier_id", "to_tier_id", "reason", "note"],
            ),
            _("Interactions"): self._crm_export_rows(
                interactions, ["date", "mail_activity_type_id", "subject", "body"]
            ),
            **sections,
        }

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------

    @api.model
    def _crm_demo_load_history(self, partner_ids, product_ids, program_id):
        """Demo data of the fresh-produce shop, relative to the install day:
        18 months of confirmed orders in date order (so points, tiers and
        purchase facts follow from them), the points ledger dated as the
        orders (points of more than a year ago expired), tiers evaluated, the
        high value tag on Gold and Platinum members, and interactions done."""
        rng = random.Random(20261124)
        partners = self.browse(partner_ids)
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
            elif rank in LAPSED_DEMO_RANKS:
                last_day = 125
            else:
                last_day = 0
            if rank in NEW_DEMO_RANKS:  # newcomers, about one every two months
                day = 400 - 60 * NEW_DEMO_RANKS.index(rank)
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
        self._crm_demo_date_ledger(all_orders, program)
        self.env["loyalty.card"]._crm_evaluate_tiers(program, allow_downgrade=True)
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
        self._crm_demo_log_interactions(partners[:24], rng)

    @api.model
    def _crm_demo_date_ledger(self, orders, program):
        """Date the points that demo orders (sale or POS orders) earned as
        the orders, expiring the program's months after them, then expire
        what is due month by month: the ledger then reads as if the shop had
        run the scheduled actions all along. The creation date is the
        ledger's date and cannot be written through the ORM."""
        self.env.flush_all()
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
        self.env.invalidate_all()
        # Expire month by month, each run dated on its day
        now = self.env.cr.now()
        today = fields.Date.context_today(self)
        day = min(orders.mapped("date_order")).date() + relativedelta(
            months=program.crm_points_expiry_months
        )
        while True:
            day = min(day, today)
            self.env["loyalty.card"]._crm_expire_points(day)
            self.env.flush_all()
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
    def _crm_demo_log_interactions(self, partners, rng):
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

    def action_view_crm_messages(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_fresh_loyalty.crm_customer_message_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
