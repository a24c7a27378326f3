# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.fields import Domain

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
    crm_value_category_id = fields.Many2one(
        "crm.value.category",
        string="Value Category",
        company_dependent=True,
        readonly=True,
        help="Assigned by the daily value category evaluation, per company, from "
        "the customer's purchases.",
    )

    @api.model
    def _crm_profile_fields(self):
        return self.env.company.crm_profile_field_ids.filtered(
            lambda field: field.name in self._fields
        )

    @api.depends_context("company")
    def _compute_crm_profile_completeness(self):
        profile_fields = self._crm_profile_fields()
        for partner in self:
            missing = [f for f in profile_fields if not partner[f.name]]
            total = len(profile_fields)
            partner.crm_profile_completeness = (
                round(100 * (total - len(missing)) / total) if total else 100
            )
            partner.crm_profile_missing = ", ".join(
                f.field_description for f in missing
            )
            partner.crm_profile_incomplete = bool(missing)

    def _search_crm_profile_incomplete(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        incomplete = Domain.OR(
            Domain(field.name, "=", False) for field in self._crm_profile_fields()
        )
        return incomplete if operator == "in" else ~incomplete

    @api.depends_context("company")
    @api.depends("commercial_partner_id")
    def _compute_crm_membership_card_id(self):
        commercial = self.commercial_partner_id
        cards = self.env["loyalty.card"].search(
            [
                ("partner_id", "in", commercial.ids),
                ("program_id.crm_tier_ids", "!=", False),
                ("company_id", "in", [self.env.company.id, False]),
            ],
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
