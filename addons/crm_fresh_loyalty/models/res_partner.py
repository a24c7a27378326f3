# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, ormcache, split_every

from ..tools import BATCH_SIZE

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


class ResPartner(models.Model):
    _inherit = "res.partner"

    crm_source_channel = fields.Selection(SOURCE_CHANNELS, string="Source Channel")
    crm_customer_type = fields.Selection(CUSTOMER_TYPES, string="Customer Type")
    crm_gender = fields.Selection(
        [("female", "Female"), ("male", "Male"), ("other", "Other")], string="Gender"
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
    def _crm_company_customers_domain(self):
        """The customers the settings of the current company apply to: those
        of the company, and the shared ones (no company) when it is the
        user's own company. Scheduled work loops over the companies with
        ``with_company``: each customer is handled once, with the settings
        of their company."""
        company = self.env.company
        domain = Domain("company_id", "=", company.id)
        if company == self.env.user.company_id:
            domain |= Domain("company_id", "=", False)
        return domain

    @api.model
    def _crm_company_customers_sql(self, alias):
        """:meth:`_crm_company_customers_domain` as an SQL condition on the
        partner table aliased ``alias``."""
        company_id = SQL.identifier(alias, "company_id")
        if self.env.company == self.env.user.company_id:
            return SQL(
                "(%s = %s OR %s IS NULL)", company_id, self.env.company.id, company_id
            )
        return SQL("%s = %s", company_id, self.env.company.id)

    @api.model
    def _crm_for_each_company(self):
        """This model in each company, the user's own company first (see
        :meth:`_crm_company_customers_domain`)."""
        companies = self.env["res.company"].sudo().search([])
        own = self.env.user.company_id
        return [
            self.with_company(company) for company in own & companies | companies - own
        ]

    @api.model
    def _crm_profiles_to_review(self, today=None):
        """Customers of the current company (see
        :meth:`_crm_company_customers_domain`) with an account manager whose
        profile is incomplete or has not been verified for the company's
        months, and no review to-do open."""
        today = today or fields.Date.context_today(self)
        company = self.env.company
        stale_before = today - relativedelta(months=company.crm_profile_review_months)
        activity_type = self.env.ref(
            "crm_fresh_loyalty.mail_activity_type_profile_review"
        )
        return self.search(
            self._crm_company_customers_domain()
            & Domain("customer_rank", ">", 0)
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
        for partners in self._crm_for_each_company():
            activities = partners._crm_schedule_profile_reviews()
            self.env["ir.cron"]._commit_progress(len(activities))

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
        """Customers of the current company (see
        :meth:`_crm_company_customers_domain`) whose birthday falls between
        the two dates (included), as rows (partner id, birthday), leaving out
        those already handled for that year in ``year_field``.

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
                "company_id",
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
                       AND %(company)s
                ) c
                 WHERE c.birthday BETWEEN %(date_from)s AND %(date_to)s
                   AND c.birthday > c.birthdate_date
                   AND (c.done_year IS NULL
                        OR c.done_year < EXTRACT(YEAR FROM c.birthday))
              ORDER BY c.id
                """,
                birthday=birthday,
                year_field=SQL.identifier("p", year_field),
                company=self._crm_company_customers_sql("p"),
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

        for partners in self._crm_for_each_company():
            partners._crm_plan_birthday_gifts(progress=progress)
            partners._crm_send_birthday_greetings(progress=progress)

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
