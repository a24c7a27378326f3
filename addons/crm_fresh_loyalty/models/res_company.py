# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

DEFAULT_PROFILE_FIELDS = [
    "phone",
    "email",
    "street",
    "city",
    "birthdate_date",
    "crm_gender",
    "crm_customer_type",
    "crm_source_channel",
    "crm_preferred_channel",
]


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_profile_field_ids = fields.Many2many(
        "ir.model.fields",
        "res_company_crm_profile_field_rel",
        "company_id",
        "field_id",
        string="Profile Completeness Fields",
        domain=[("model", "=", "res.partner"), ("store", "=", True)],
        default=lambda self: self._default_crm_profile_field_ids(),
        help="Customer fields that make a complete profile.",
    )
    crm_profile_review_months = fields.Integer(
        string="Profile Review (months)",
        default=12,
        help="A profile not verified for this many months gets a review to-do.",
    )

    _crm_profile_review_months_positive = models.Constraint(
        "CHECK(crm_profile_review_months > 0)",
        "Profile review months must be at least one month.",
    )

    crm_duplicate_policy = fields.Selection(
        [
            ("warn", "Warn"),
            ("block", "Block"),
        ],
        string="Duplicate Customers",
        default="block",
        required=True,
        help="Warn: a new customer sharing a phone, an email or a name and city "
        "with an existing customer is created and flagged as a possible "
        "duplicate. Block: a new customer sharing a phone or an email with an "
        "existing customer is refused at every door (back office, till, "
        "website sign-up, import); Customer Care managers may still create it "
        "in the back office, giving the reason.",
    )

    crm_birthday_notice_days = fields.Integer(
        string="Birthday Gift Notice (days)",
        default=7,
        help="The account manager gets the birthday gift task this many days "
        "before the customer's birthday.",
    )
    crm_birthday_late_days = fields.Integer(
        string="Late Birthday Greeting (days)",
        default=3,
        help="When the greeting could not be sent on the day (the scheduled "
        "action did not run), it is still sent up to this many days after the "
        "birthday; later it is skipped for the year.",
    )
    crm_birthday_user_id = fields.Many2one(
        "res.users",
        string="Birthday Tasks Without Account Manager",
        domain=[("share", "=", False)],
        help="Gets the birthday gift task of customers without an account "
        "manager. Empty: those tasks stay unassigned on the customer.",
    )

    _crm_birthday_notice_days_positive = models.Constraint(
        "CHECK(crm_birthday_notice_days >= 0)",
        "Birthday gift notice: enter zero or more days.",
    )
    _crm_birthday_late_days_positive = models.Constraint(
        "CHECK(crm_birthday_late_days >= 0)",
        "Late birthday greeting: enter zero or more days.",
    )

    @api.model
    def _default_crm_profile_field_ids(self):
        return self.env["ir.model.fields"].search(
            [("model", "=", "res.partner"), ("name", "in", DEFAULT_PROFILE_FIELDS)]
        )

    def write(self, vals):
        res = super().write(vals)
        if "crm_profile_field_ids" in vals:
            # res.partner._crm_profile_field_labels() caches them per company
            self.env.registry.clear_cache()
        return res
