# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, RedirectWarning, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, format_amount, format_date, ormcache, split_every

from ..tools import BATCH_SIZE

CARE_USER = "crm_fresh_loyalty.group_customer_care_user"
CARE_MANAGER = "crm_fresh_loyalty.group_customer_care_manager"
# Purchase lines on the counter card of a customer
COUNTER_CARD_PURCHASES = 5
TIER_PROGRESS_FIELDS = [
    "name",
    "qualify_spend",
    "qualify_points",
    "qualify_operator",
    "currency_id",
]
SOURCE_CHANNELS = [
    ("store", "Store registration"),
    ("online_shop", "Online shop"),
    ("wechat", "WeChat official account"),
    ("call_centre", "Call centre"),
    ("pos", "Point of Sale"),
    ("ecommerce", "E-commerce platform"),
    ("import", "Batch import"),
    ("back_office", "Back office"),
    ("portal", "Customer portal"),
    ("email", "Email"),
]
# The duplicate keys that block a new customer; a shared name and city only
# warns (namesakes live in the same city).
BLOCKING_DUPLICATE_KEYS = {"phone", "email"}
CUSTOMER_TYPES = [
    ("individual", "Individual"),
    ("retail_terminal", "Retail terminal"),
    ("catering", "Catering"),
    ("ecommerce_platform", "E-commerce platform"),
    ("institution", "Institution"),
]
# what a phone number holds besides its digits: "+86 (180) 4365-6607"
PHONE_SEPARATORS = re.compile(r"[\s+\-./()]")
# fewer digits than that is a code or a name, not a phone number
PHONE_MIN_DIGITS = 5


def looks_like_phone(value):
    """Whether a text typed in a search is a phone number, in any format."""
    if not isinstance(value, str):
        return False
    digits = PHONE_SEPARATORS.sub("", value)
    return len(digits) >= PHONE_MIN_DIGITS and digits.isdigit()


class ResPartner(models.Model):
    """Customers (客户档案): the profile, the membership read from the loyalty
    card, birthdays, imports, the 360° customer view and duplicate detection.

    The 360° view (客户360度视图): purchase statistics, progress to
    the next tier and counters of the smart buttons, each computed for the
    whole recordset in a fixed number of queries whatever the history size.

    Duplicate detection (去重) uses Odoo's own normalised keys: the phone key
    is ``phone_sanitized`` of phone_validation (E.164 when the
    ``phonenumbers`` library is installed), the email key
    ``email_normalized`` of mail; both are stored by Odoo, this addon only
    indexes them. The third
    key, name and city, is matched case-insensitively through an expression
    index. Only customers (partners without a parent company) are compared.
    """

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
        search="_search_crm_tier_id",
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
    crm_birthday_coupon_id = fields.Many2one(
        "loyalty.card",
        string="Birthday Coupon",
        compute="_compute_crm_birthday_coupon_id",
        help="The coupon the customer got for their last birthday.",
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

    @api.depends("crm_birthday_greeting_year")
    def _compute_crm_birthday_coupon_id(self):
        """The coupon of the birthday the customer was last greeted for."""
        coupons = {
            (card.partner_id, card.crm_birthday_year): card
            for card in self.env["loyalty.card"].search_fetch(
                [("partner_id", "in", self.ids), ("crm_birthday_year", "!=", False)],
                ["partner_id", "code", "crm_birthday_year"],
            )
        }
        for partner in self:
            partner.crm_birthday_coupon_id = coupons.get(
                (partner, partner.crm_birthday_greeting_year),
                self.env["loyalty.card"],
            )

    def _crm_counter_card(self):
        """What staff see of the customer where the sale happens (the till's
        customer card), in the current company: ``purchases``, the latest
        purchase lines of every channel, and the points balance with the
        points expiring and their date. No contact data: the caller shows
        the customer as its own read path masks them.

        A hook: after-sales adds the open complaints and returns, analytics
        the recommendations. The caller checked the user may read the
        customer.
        """
        self.ensure_one()
        facts = self.env["crm.purchase.fact"]
        channels = dict(facts._fields["channel"]._description_selection(self.env))
        # sudo: the purchase facts are a Customer Care report; staff serving
        # the customer see their latest purchases (access checked by caller).
        purchases_sudo = facts.sudo().search_fetch(
            [
                ("partner_id", "=", self.commercial_partner_id.id),
                ("company_id", "=", self.env.company.id),
                ("is_refund", "=", False),
            ],
            ["date", "product_id", "quantity", "channel"],
            limit=COUNTER_CARD_PURCHASES,
        )
        return {
            "partner_id": self.id,
            "purchases": [
                {
                    "date": format_date(self.env, purchase.date),
                    "product": purchase.product_id.display_name,
                    "quantity": purchase.quantity,
                    "channel": channels.get(purchase.channel, ""),
                }
                for purchase in purchases_sudo
            ],
            "points": self.crm_points,
            "points_expiring": self.crm_points_expiring,
            "next_expiry_date": self.crm_next_expiry_date
            and format_date(self.env, self.crm_next_expiry_date),
        }

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
            self._crm_issue_birthday_coupons(claimed)
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
    def _crm_issue_birthday_coupons(self, birthdays):
        """Issue the birthday coupon of their tier to the customers of
        ``birthdays`` ({partner: birthday}), claimed for the greeting of that
        year, so the greeting names it. Returns the coupons."""
        vals_list = []
        for partner, birthday in birthdays.items():
            program = partner.crm_tier_id.birthday_program_id
            if not program.active or not program.reward_ids:
                continue
            vals_list.append(
                {
                    "program_id": program.id,
                    "partner_id": partner.id,
                    "points": min(program.reward_ids.mapped("required_points")),
                    "crm_birthday_year": birthday.year,
                }
            )
        # sudo: coupons are issued by the scheduled greeting, whoever runs it.
        return self.env["loyalty.card"].sudo().create(vals_list)

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
        and a blank Source Channel cell means the batch import too.

        Rows duplicating a customer, or an earlier row of the file, are
        listed on the row: errors where the company blocks duplicates (the
        file is not imported), warnings otherwise."""
        if not self.env.context.get("import_file"):
            return super().load(fields, data)
        with self.env.cr.savepoint() as savepoint:
            result = super(
                ResPartner,
                self.with_context(
                    default_crm_source_channel=self.env.context.get(
                        "default_crm_source_channel", "import"
                    )
                ),
            ).load(fields, data)
            if not result["ids"]:
                return result
            partners = self.browse(result["ids"])
            if "crm_source_channel" in fields:
                partners.filtered(
                    lambda partner: not partner.crm_source_channel
                ).crm_source_channel = "import"
            messages = partners._crm_import_duplicates()
            result["messages"] += messages
            if any(message["type"] == "error" for message in messages):
                # nothing of a file with errors is imported, as in Odoo's load
                savepoint.close(rollback=True)
                result["ids"] = False
        return result

    def _crm_import_duplicates(self):
        """The messages of the import (and of its test) for the rows, one
        customer each, that may duplicate an existing customer or an earlier
        row of the file: an error where the company blocks the duplicate, a
        warning otherwise."""
        found = self._crm_earlier_duplicates()
        blocked = self._crm_blocked_duplicates(found)
        messages = []
        for row, partner in enumerate(self):
            if partner in blocked:
                message_type = "error"
                message = partner._crm_duplicate_message(blocked[partner], self)
            elif partner in found:
                message_type = "warning"
                message = self.env._(
                    "%(name)s may duplicate %(customers)s.",
                    name=partner.name,
                    customers=self._crm_describe_duplicates(found[partner], self),
                )
            else:
                continue
            messages.append(
                {
                    "type": message_type,
                    "rows": {"from": row, "to": row},
                    "record": row,
                    "message": message,
                }
            )
        return messages

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
    # 360° customer view
    # ------------------------------------------------------------------

    crm_currency_id = fields.Many2one(
        "res.currency", compute="_compute_crm_purchase_stats", groups=CARE_USER
    )
    crm_lifetime_spend = fields.Monetary(
        string="Lifetime Spend",
        currency_field="crm_currency_id",
        compute="_compute_crm_purchase_stats",
        groups=CARE_USER,
        help="Net purchases of the customer in this company, refunds deducted.",
    )
    crm_order_count = fields.Integer(
        string="Orders", compute="_compute_crm_purchase_stats", groups=CARE_USER
    )
    crm_average_order_value = fields.Monetary(
        string="Average Order Value",
        currency_field="crm_currency_id",
        compute="_compute_crm_purchase_stats",
        groups=CARE_USER,
    )
    crm_last_purchase_date = fields.Datetime(
        string="Last Purchase", compute="_compute_crm_purchase_stats", groups=CARE_USER
    )
    crm_channel_mix = fields.Char(
        string="Channel Mix",
        compute="_compute_crm_purchase_stats",
        groups=CARE_USER,
        help="Share of the lifetime spend per sales channel.",
    )
    crm_next_tier_id = fields.Many2one(
        "crm.membership.tier",
        string="Next Tier",
        compute="_compute_crm_next_tier",
        groups=CARE_USER,
    )
    crm_next_tier_progress = fields.Float(
        string="Progress to Next Tier",
        compute="_compute_crm_next_tier",
        groups=CARE_USER,
        help="How far the spend or points of the tier window are from the "
        "qualifying thresholds of the next tier, in percent.",
    )
    crm_next_tier_missing = fields.Char(
        string="Missing for Next Tier",
        compute="_compute_crm_next_tier",
        groups=CARE_USER,
    )
    crm_ledger_line_count = fields.Integer(
        string="Points Movements", compute="_compute_crm_counters", groups=CARE_USER
    )
    crm_tier_history_count = fields.Integer(
        string="Tier Changes", compute="_compute_crm_counters", groups=CARE_USER
    )
    crm_card_code = fields.Char(
        string="Member Card",
        compute="_compute_crm_card_code",
        search="_search_crm_card_code",
        groups=CARE_USER,
    )

    @api.depends_context("company")
    def _compute_crm_purchase_stats(self):
        company = self.env.company
        stats = defaultdict(lambda: {"spend": 0.0, "orders": 0, "last": False})
        channels = defaultdict(dict)
        commercial = self.commercial_partner_id
        if commercial.ids:
            facts = self.env["crm.purchase.fact"]
            labels = dict(facts._fields["channel"]._description_selection(self.env))
            # One grouped read, with the record rules of the facts; orders
            # are counted per source (ids of two order models may be equal),
            # refunds count in the spend only.
            groups = facts._read_group(
                [
                    ("partner_id", "in", commercial.ids),
                    ("company_id", "=", company.id),
                ],
                ["partner_id", "channel", "order_model", "is_refund"],
                ["amount:sum", "order_id:count_distinct", "date:max"],
            )
            for partner, channel, _model, is_refund, spend, orders, last in groups:
                partner_stats = stats[partner.id]
                partner_stats["spend"] += spend or 0.0
                label = labels.get(channel, channel)
                channels[partner.id][label] = channels[partner.id].get(label, 0.0) + (
                    spend or 0.0
                )
                if is_refund:
                    continue
                partner_stats["orders"] += orders
                if last and (not partner_stats["last"] or last > partner_stats["last"]):
                    partner_stats["last"] = last
        for partner in self:
            partner_stats = stats[partner.commercial_partner_id.id]
            spend, orders = partner_stats["spend"], partner_stats["orders"]
            partner.crm_currency_id = company.currency_id
            partner.crm_lifetime_spend = spend
            partner.crm_order_count = orders
            partner.crm_average_order_value = spend / orders if orders else 0.0
            partner.crm_last_purchase_date = partner_stats["last"]
            partner.crm_channel_mix = self._crm_format_channel_mix(
                channels[partner.commercial_partner_id.id]
            )

    @api.model
    def _crm_format_channel_mix(self, spend_by_channel):
        """Shares of the positive spend per channel, largest first, as in
        "Point of Sale 75%, E-commerce 25%"."""
        positive = {
            name: spend for name, spend in spend_by_channel.items() if spend > 0
        }
        total = sum(positive.values())
        if not total:
            return False
        return ", ".join(
            f"{name} {round(100 * spend / total)}%"
            for name, spend in sorted(positive.items(), key=lambda item: -item[1])
        )

    @api.depends_context("company")
    @api.depends("crm_membership_card_id")
    def _compute_crm_next_tier(self):
        self.crm_next_tier_id = False
        self.crm_next_tier_progress = 0.0
        self.crm_next_tier_missing = False
        cards = self.crm_membership_card_id
        today = fields.Date.context_today(self)
        for program in cards.program_id:
            program_cards = cards.filtered(
                lambda card, program=program: card.program_id == program
            )
            spend, points = self._crm_tier_window_stats(program, program_cards, today)
            # lowest first; fetched with what the progress reads, in one query
            tiers = self.env["crm.membership.tier"].search_fetch(
                [("program_id", "=", program.id)],
                TIER_PROGRESS_FIELDS,
            )
            rank_of = {tier: index for index, tier in enumerate(tiers)}
            for partner in self.filtered(
                lambda p, cards=program_cards: p.crm_membership_card_id in cards
            ):
                card = partner.crm_membership_card_id
                rank = rank_of.get(card.crm_tier_id, -1)
                above = tiers[rank + 1 :]
                if not above:
                    continue
                next_tier = above[0]
                partner.crm_next_tier_id = next_tier
                partner.crm_next_tier_progress, partner.crm_next_tier_missing = (
                    self._crm_tier_progress(
                        next_tier,
                        spend.get(card.partner_id.commercial_partner_id.id, 0.0),
                        points.get(card.id, 0.0),
                    )
                )

    @api.model
    def _crm_tier_window_stats(self, program, cards, today):
        """Spend per customer and points earned per card over the program's
        tier window, in one query for all the cards."""
        date_from = today - relativedelta(months=program.crm_tier_window_months)
        self.env["crm.purchase.fact"].flush_sources()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT 'spend', s.partner_id, s.spend FROM (%(spend)s) s
                 UNION ALL
                SELECT 'points', q.card_id, q.points FROM (%(points)s) q
                """,
                spend=program._crm_spend_sql(
                    date_from, today, cards.partner_id.commercial_partner_id.ids
                ),
                points=self.env["loyalty.history"]._crm_qualifying_points_sql(
                    program, date_from, SQL("h.card_id = ANY(%s)", cards.ids)
                ),
            )
        )
        stats = {"spend": {}, "points": {}}
        for kind, res_id, value in rows:
            stats[kind][res_id] = value
        return stats["spend"], stats["points"]

    @api.model
    def _crm_tier_progress(self, tier, spend, points):
        """(progress in percent, what is missing as text) towards ``tier``."""
        thresholds = []
        missing = []
        if tier.qualify_spend:
            thresholds.append(min(spend / tier.qualify_spend, 1.0))
            if spend < tier.qualify_spend:
                missing.append(
                    self.env._(
                        "%(amount)s spend",
                        amount=format_amount(
                            self.env, tier.qualify_spend - spend, tier.currency_id
                        ),
                    )
                )
        if tier.qualify_points:
            thresholds.append(min(points / tier.qualify_points, 1.0))
            if points < tier.qualify_points:
                missing.append(
                    self.env._(
                        "%(points)s points", points=round(tier.qualify_points - points)
                    )
                )
        if not thresholds:
            return 0.0, False
        if tier.qualify_operator == "and":
            progress = min(thresholds)
            joined = self.env._(" and ").join(missing)
        else:
            progress = max(thresholds)
            joined = self.env._(" or ").join(missing)
        return round(100 * progress, 1), missing and self.env._(
            "%(missing)s to %(tier)s", missing=joined, tier=tier.name
        )

    @api.depends_context("company")
    def _compute_crm_counters(self):
        commercial_ids = self.commercial_partner_id.ids
        counts = self._crm_count_by_partner(
            {
                "ledger": ("loyalty.history", [("partner_id", "in", commercial_ids)]),
                "tiers": (
                    "crm.membership.tier.history",
                    [("partner_id", "in", commercial_ids)],
                ),
            }
        )
        for partner in self:
            commercial_id = partner.commercial_partner_id.id
            partner.crm_ledger_line_count = counts["ledger"].get(commercial_id, 0)
            partner.crm_tier_history_count = counts["tiers"].get(commercial_id, 0)

    @api.model
    def _crm_count_by_partner(self, counted):
        """Count records per partner for several models in one query.

        ``counted`` maps a key to ``(model, domain)``; each model is searched
        with its own access rules (``_search``), and the counts come back as
        ``{key: {partner_id: count}}`` (nothing for a model the user may not
        read). The customer form shows many smart button counters: one query
        for all of them keeps its cost flat.
        """
        parts = []
        for key, (model, domain) in counted.items():
            if not self.env[model].has_access("read"):
                continue
            query = self.env[model]._search(domain)
            parts.append(
                SQL(
                    "SELECT %s, sub.partner_id, COUNT(*) FROM (%s) sub"
                    " GROUP BY sub.partner_id",
                    key,
                    query.select(SQL.identifier(query.table, "partner_id")),
                )
            )
        counts = {key: {} for key in counted}
        if parts:
            for key, partner_id, count in self.env.execute_query(
                SQL(" UNION ALL ").join(parts)
            ):
                counts[key][partner_id] = count
        return counts

    @api.depends("crm_membership_card_id")
    def _compute_crm_card_code(self):
        for partner in self:
            partner.crm_card_code = partner.crm_membership_card_id.code

    def _search_crm_card_code(self, operator, value):
        if operator not in ("in", "ilike", "=ilike", "like", "=like"):
            return NotImplemented
        cards = self.env["loyalty.card"]._search([("code", operator, value)])
        return Domain("id", "in", cards.subselect("partner_id"))

    def _search_crm_tier_id(self, operator, value):
        if operator not in ("in", "ilike", "any"):
            return NotImplemented
        cards = self.env["loyalty.card"]._search(
            [
                ("crm_tier_id", operator, value),
                ("program_id.crm_tier_ids", "!=", False),
                ("company_id", "in", [self.env.company.id, False]),
            ]
        )
        return Domain("id", "in", cards.subselect("partner_id"))

    def _crm_open_related(self, xmlid, domain):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = domain
        action["context"] = {"create": False}
        action["display_name"] = self.env._(
            "%(action)s of %(partner)s",
            action=action["name"],
            partner=self.commercial_partner_id.display_name,
        )
        return action

    def action_crm_view_purchases(self):
        return self._crm_open_related(
            "crm_fresh_loyalty.crm_purchase_fact_action",
            [("partner_id", "=", self.commercial_partner_id.id)],
        )

    def action_crm_view_ledger(self):
        return self._crm_open_related(
            "crm_fresh_loyalty.loyalty_history_action_ledger",
            [("partner_id", "=", self.commercial_partner_id.id)],
        )

    def action_crm_view_tier_history(self):
        return self._crm_open_related(
            "crm_fresh_loyalty.crm_membership_tier_history_action",
            [("partner_id", "=", self.commercial_partner_id.id)],
        )

    # ------------------------------------------------------------------
    # Duplicates
    # ------------------------------------------------------------------

    phone_sanitized = fields.Char(index="btree_not_null")
    email_normalized = fields.Char(index="btree_not_null")
    crm_duplicate_ids = fields.Many2many(
        "res.partner",
        string="Possible Duplicates",
        compute="_compute_crm_duplicate_ids",
        groups="crm_fresh_loyalty.group_customer_care_user",
    )
    crm_duplicate_warning = fields.Char(
        string="Duplicate Warning",
        compute="_compute_crm_duplicate_ids",
        groups="crm_fresh_loyalty.group_customer_care_user",
    )

    crm_duplicate_reason = fields.Char(
        string="Duplicate Accepted Because",
        copy=False,
        groups=CARE_USER,
        help="Why a Customer Care manager created this customer although it "
        "shares its phone or email with an existing customer.",
    )

    _crm_name_city_index = models.Index(
        "(lower(btrim(name)), lower(btrim(city)))"
        " WHERE active AND parent_id IS NULL AND city IS NOT NULL"
    )

    @api.depends("phone_sanitized", "email_normalized", "name", "city", "parent_id")
    def _compute_crm_duplicate_ids(self):
        matches = self._crm_find_duplicates()
        for partner in self:
            found = matches.get(partner, {})
            partner.crm_duplicate_ids = self.browse().concat(*found)
            partner.crm_duplicate_warning = bool(found) and self.env._(
                "Possible duplicate of %(partners)s.",
                partners=self._crm_describe_duplicates(found),
            )

    def _crm_describe_duplicates(self, found, file_partners=None):
        """ "Wang Fang (same email, same phone), ..." for ``found``, a
        {customer: {reasons}}; the customers among ``file_partners`` (the
        rows of an import file) are said to be earlier in the file."""
        labels = self._crm_duplicate_reason_labels()
        described = []
        for other, reasons in found.items():
            reasons_text = ", ".join(labels[reason] for reason in sorted(reasons))
            if file_partners and other in file_partners:
                described.append(
                    self.env._(
                        "%(name)s (%(reasons)s, earlier in this file)",
                        name=other.display_name,
                        reasons=reasons_text,
                    )
                )
            else:
                described.append(
                    self.env._(
                        "%(name)s (%(reasons)s)",
                        name=other.display_name,
                        reasons=reasons_text,
                    )
                )
        return ", ".join(described)

    def _crm_duplicate_reason_labels(self):
        return {
            "email": self.env._("same email"),
            "name_city": self.env._("same name and city"),
            "phone": self.env._("same phone"),
        }

    def _crm_duplicate_keys(self):
        """The normalised keys of these partners, customers only, as rows
        (partner, phone, email, name, city); name and city in lower case, as
        the database compares them."""
        return [
            (
                partner,
                partner.phone_sanitized or None,
                partner.email_normalized or None,
                (partner.name or "").strip().lower() or None,
                (partner.city or "").strip().lower() or None,
            )
            for partner in self
            if not partner.parent_id
        ]

    def _crm_find_duplicates(self):
        """Other active customers sharing a normalised key with these partners:
        customers in the database, and these partners among themselves (the
        rows of one import file, the customers of one list).

        One statement for the whole recordset, each branch on its own index.
        Returns {partner: {other partner: {reasons}}}, others the user may read.
        """
        keys = self._crm_duplicate_keys()
        if not keys:
            return {}
        phones = sorted({phone for _p, phone, _e, _n, _c in keys if phone})
        emails = sorted({email for _p, _ph, email, _n, _c in keys if email})
        with_city = [(name, city) for _p, _ph, _e, name, city in keys if name and city]
        excluded = [
            pid
            for partner in self
            for pid in (partner.id, partner._origin.id)
            if pid and isinstance(pid, int)
        ]
        self.flush_model(["phone_sanitized", "email_normalized", "name", "city"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT p.id, 'phone', p.phone_sanitized
                  FROM res_partner p
                 WHERE p.phone_sanitized = ANY(%(phones)s)
                   AND p.active AND p.parent_id IS NULL AND p.id != ALL(%(excluded)s)
                 UNION ALL
                SELECT p.id, 'email', p.email_normalized
                  FROM res_partner p
                 WHERE p.email_normalized = ANY(%(emails)s)
                   AND p.active AND p.parent_id IS NULL AND p.id != ALL(%(excluded)s)
                 UNION ALL
                SELECT p.id, 'name_city', k.name || '|' || k.city
                  FROM unnest(%(names)s::varchar[], %(cities)s::varchar[])
                       AS k(name, city)
                  JOIN res_partner p
                    ON lower(btrim(p.name)) = k.name
                   AND lower(btrim(p.city)) = k.city
                 WHERE p.active AND p.parent_id IS NULL AND p.city IS NOT NULL
                   AND p.id != ALL(%(excluded)s)
                 LIMIT 1000
                """,
                phones=phones,
                emails=emails,
                names=[name for name, _city in with_city],
                cities=[city for _name, city in with_city],
                excluded=excluded or [0],
            )
        )

        def partner_keys(phone, email, name, city):
            found = [("phone", phone), ("email", email)]
            if name and city:
                found.append(("name_city", f"{name}|{city}"))
            return [(reason, key) for reason, key in found if key]

        # these partners, saved and active, match each other in memory
        stored = [row for row in keys if isinstance(row[0].id, int) and row[0].active]
        if not rows and len(stored) < 2:
            return {}
        readable = self.browse(
            {row[0] for row in rows} | {row[0].id for row in stored}
        )._filtered_access("read")
        readable_ids = set(readable.ids)
        by_key = defaultdict(set)
        for partner_id, reason, key in rows:
            if partner_id in readable_ids:
                by_key[reason, key].add(self.browse(partner_id))
        for partner, *partner_values in stored:
            if partner.id in readable_ids:
                for reason_key in partner_keys(*partner_values):
                    by_key[reason_key].add(partner)
        result = {}
        for partner, *partner_values in keys:
            found = defaultdict(set)
            for reason_key in partner_keys(*partner_values):
                for other in by_key.get(reason_key, ()):
                    if other not in (partner, partner._origin):
                        found[other.with_prefetch(readable._prefetch_ids)].add(
                            reason_key[0]
                        )
            if found:
                result[partner] = found
        return result

    def _crm_earlier_duplicates(self):
        """Like :meth:`_crm_find_duplicates`, for partners created in this
        order (the rows of an import file): a partner duplicates the
        customers of the database and the partners before it, so of two rows
        for one customer, the second one is the duplicate."""
        position = {partner: index for index, partner in enumerate(self)}
        result = {}
        for partner, found in self._crm_find_duplicates().items():
            earlier = {
                other: reasons
                for other, reasons in found.items()
                if position.get(other, -1) < position[partner]
            }
            if earlier:
                result[partner] = earlier
        return result

    @api.model_create_multi
    def create(self, vals_list):
        """Set the source channel of new customers and keep duplicates out.

        Each door names its channel in the context key
        ``crm_source_channel`` (the till, the website and portal sign-up,
        email, import); a customer created by a user in the back office comes
        from the back office. Scheduled actions and data files (superuser)
        are no door and set nothing.
        """
        door = self.env.context.get("crm_source_channel") or (
            not self.env.su and self.env.user._is_internal() and "back_office"
        )
        if door and "default_crm_source_channel" not in self.env.context:
            for vals in vals_list:
                if not vals.get("parent_id") and not vals.get("crm_source_channel"):
                    vals["crm_source_channel"] = door
        partners = super().create(vals_list)
        partners._crm_prevent_duplicates()
        return partners

    def _crm_prevent_duplicates(self):
        """Refuse these new customers where they share a phone or an email
        with an existing customer and their company blocks duplicates.

        Users are checked at every door; superuser code only where a door
        running as superuser asks for it (``crm_duplicate_check`` in the
        context: the website sign-up and checkout). A Customer Care manager
        creates a duplicate in the back office by giving the reason. The rows
        of an import file, created together, are checked by :meth:`load`,
        which lists every duplicate row at once.
        """
        if self.env.su and not self.env.context.get("crm_duplicate_check"):
            return
        is_manager = self.env.su or self.env.user.has_group(CARE_MANAGER)
        accepted = self.sudo().filtered("crm_duplicate_reason")
        if accepted and not is_manager:
            raise AccessError(
                self.env._(
                    "Duplicate Accepted Because: only a Customer Care manager "
                    "may create a customer sharing a phone or an email with "
                    "another one."
                )
            )
        if len(self) == 1 or not self.env.context.get("import_file"):
            for partner, blocking in self._crm_blocked_duplicates().items():
                partner._crm_raise_duplicate(blocking, is_manager)
        for partner in accepted:
            partner.message_post(
                body=self.env._(
                    "Created although it may duplicate an existing customer: "
                    "%(reason)s",
                    reason=partner.crm_duplicate_reason,
                )
            )

    def _crm_blocked_duplicates(self, found=None):
        """The new customers among these partners that their company refuses
        as duplicates (see :meth:`_crm_prevent_duplicates`), as {partner:
        {customer: reasons}}; ``found`` is their
        :meth:`_crm_earlier_duplicates` when already known."""
        if self.env.su and not self.env.context.get("crm_duplicate_check"):
            return {}
        to_check = self.filtered(
            lambda partner: (
                not partner.parent_id
                and not partner.sudo().crm_duplicate_reason
                and (partner.company_id or self.env.company).crm_duplicate_policy
                == "block"
            )
        )
        if not to_check:
            return {}
        if found is None:
            found = self._crm_earlier_duplicates()
        blocked = {}
        for partner in to_check:
            blocking = {
                other: reasons & BLOCKING_DUPLICATE_KEYS
                for other, reasons in found.get(partner, {}).items()
                if reasons & BLOCKING_DUPLICATE_KEYS
            }
            if blocking:
                blocked[partner] = blocking
        return blocked

    def _crm_duplicate_message(self, blocking, file_partners=None):
        """What staff read when this new customer is refused as a duplicate
        of the customers of ``blocking``, a {customer: {reasons}}."""
        self.ensure_one()
        return self.env._(
            "%(name)s is already a customer: %(customers)s. Choose the existing "
            "customer instead of creating another one.",
            name=self.name,
            customers=self._crm_describe_duplicates(blocking, file_partners),
        )

    def _crm_raise_duplicate(self, blocking, is_manager):
        """Refuse this new customer. Staff read the existing customer's name
        (in the back office, with a button opening it); a visitor signing up
        on the website or portal reads no one else's data."""
        self.ensure_one()
        if self.crm_source_channel in ("online_shop", "portal"):
            raise UserError(
                self.env._(
                    "An account with this email or phone number exists already: "
                    "sign in, or reset your password."
                )
            )
        message = self._crm_duplicate_message(blocking)
        if self.crm_source_channel != "back_office" or self.env.context.get(
            "import_file"
        ):
            raise UserError(message)
        if is_manager:
            message += " " + self.env._(
                "To create it anyway, give the reason in Duplicate Accepted Because."
            )
        raise RedirectWarning(
            message,
            {
                "type": "ir.actions.act_window",
                "res_model": "res.partner",
                "res_id": next(iter(blocking)).id,
                "views": [(False, "form")],
                "target": "current",
            },
            self.env._("Open the existing customer"),
        )

    @api.model
    def _find_or_create_from_emails(self, emails, *args, **kwargs):
        # Partners made from an email (a helpdesk ticket's sender or
        # recipients) come from the email channel.
        return super(
            ResPartner, self.with_context(crm_source_channel="email")
        )._find_or_create_from_emails(emails, *args, **kwargs)

    @api.model
    def _search_phone_mobile_search(self, operator, value):
        """Also find customers by their normalised phone: "138 0013 8000" and
        "+86 138 0013 8000" both find the customer whose phone normalises to
        +8613800138000."""
        domain = super()._search_phone_mobile_search(operator, value)
        if operator not in ("=", "ilike", "=ilike", "like", "=like"):
            return domain
        if not isinstance(value, str) or not value.strip():
            return domain
        sanitized = self._phone_format(
            number=value.strip(), country=self.env.company.country_id
        )
        if not sanitized:
            return domain
        return Domain(domain) | Domain("phone_sanitized", "=", sanitized)

    @api.model
    def _search_display_name(self, operator, value):
        """A phone number typed where a customer is searched by name (the
        customer search, a many2one to a customer) finds them by phone, in
        any format."""
        domain = super()._search_display_name(operator, value)
        if operator in ("ilike", "=ilike", "=") and looks_like_phone(value):
            return Domain(domain) | Domain("phone_mobile_search", operator, value)
        return domain

    @api.model
    def default_get(self, fields):
        """A customer created from a many2one where a phone number was typed
        gets it as their phone, not as their name."""
        defaults = super().default_get(fields)
        name = defaults.get("name")
        if "phone" in fields and not defaults.get("phone") and looks_like_phone(name):
            defaults["phone"] = name
            defaults.pop("name")
        return defaults

    @api.constrains("phone")
    def _check_crm_phone(self):
        for partner in self:
            if partner.phone and not PHONE_SEPARATORS.sub("", partner.phone).isdigit():
                raise ValidationError(
                    self.env._(
                        "Phone of %(customer)s: “%(phone)s” is not a phone number. "
                        "Type its digits (spaces, dashes and brackets are fine), "
                        "starting with + and the country code when the number is "
                        "not from %(country)s.",
                        customer=partner.display_name or self.env._("the customer"),
                        phone=partner.phone,
                        # the customer's country, else the company's, as Odoo
                        # reads the number
                        country=(partner.country_id or self.env.company.country_id).name
                        or self.env._("the company's country"),
                    )
                )
