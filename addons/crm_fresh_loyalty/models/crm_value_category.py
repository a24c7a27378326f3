# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta
from markupsafe import escape

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, split_every

from ..tools import BATCH_SIZE


class CrmValueCategory(models.Model):
    """A customer value category (客户价值分类: key, potential, general, cold).

    Categories of a company are tried in sequence; each customer gets the
    first one whose criteria they match (a category without any condition
    catches everyone left). Each category can carry a care cadence: an
    activity planned for the account manager when the last interaction with
    the customer is older than the interval.
    """

    _name = "crm.value.category"
    _inherit = "crm.customer.criteria.mixin"
    _description = "Customer Value Category"
    _order = "company_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(
        default=10, help="Categories are tried in this order; the first match wins."
    )
    active = fields.Boolean(default=True)
    color = fields.Integer()
    description = fields.Text(translate=True)
    care_activity_type_id = fields.Many2one(
        "mail.activity.type",
        string="Care Activity",
        domain="[('res_model', 'in', [False, 'res.partner'])]",
        help="Planned for the account manager when the last interaction with "
        "the customer is older than the care interval. Empty: no care plan.",
    )
    care_interval = fields.Integer(string="Care Every", default=1)
    care_interval_unit = fields.Selection(
        [("days", "Days"), ("weeks", "Weeks"), ("months", "Months")],
        default="months",
        required=True,
    )
    partner_count = fields.Integer(string="Customers", compute="_compute_partner_count")

    @api.constrains("care_activity_type_id", "care_interval")
    def _check_care_interval(self):
        for category in self:
            if category.care_activity_type_id and category.care_interval < 1:
                raise ValidationError(
                    self.env._(
                        "%(name)s: %(field)s must be at least 1 when a care "
                        "activity is set.",
                        name=category.display_name,
                        field=self._field_label("care_interval"),
                    )
                )

    def _compute_partner_count(self):
        counts = defaultdict(int)
        for company in self.company_id:
            counts.update(
                self.env["res.partner"]
                .with_company(company)
                ._read_group(
                    [("crm_value_category_id", "in", self.ids)],
                    ["crm_value_category_id"],
                    ["__count"],
                )
            )
        for category in self:
            category.partner_count = counts[category]

    def action_view_partners(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_fresh_loyalty.res_partner_action_customers"
        )
        action["domain"] = [("crm_value_category_id", "=", self.id)]
        action["context"] = {"allowed_company_ids": [self.company_id.id]}
        return action

    # ------------------------------------------------------------------
    # Assignment
    # ------------------------------------------------------------------

    @api.model
    def _crm_evaluate(self, company=None, today=None, progress=None):
        """Assign every customer of ``company`` the first category they match.

        One query matches all the categories; only the customers whose
        category changes are written, in batches, and each change is logged
        on the customer. Returns the number of customers changed.
        """
        company = company or self.env.company
        categories = self.with_context(active_test=True).search(
            [("company_id", "=", company.id)]
        )
        Partner = self.env["res.partner"].with_company(company).sudo()
        target = {}
        if categories:
            rows = self._crm_execute(categories._crm_match_query(today=today))
            target = {
                partner_id: categories[index].id
                for partner_id, index in rows
                if index is not None
            }
        current = {}
        for category, partners in Partner.with_context(active_test=False)._read_group(
            [("crm_value_category_id", "!=", False)],
            ["crm_value_category_id"],
            ["id:array_agg"],
        ):
            current.update(dict.fromkeys(partners, category.id))
        changes = defaultdict(list)
        for partner_id in target.keys() | current.keys():
            old, new = current.get(partner_id, False), target.get(partner_id, False)
            if old != new:
                changes[old, new].append(partner_id)
        Category = self.with_context(active_test=False)
        for (old, new), partner_ids in changes.items():
            body = escape(
                self.env._(
                    "Value category: %(old)s → %(new)s",
                    old=Category.browse(old).name or self.env._("none"),
                    new=Category.browse(new).name or self.env._("none"),
                )
            )
            self._crm_write_customers(
                partner_ids,
                {"crm_value_category_id": new},
                body,
                company,
                progress=progress,
            )
        return sum(len(ids) for ids in changes.values())

    def action_evaluate(self):
        self.check_access("write")
        changed = 0
        for company in self.company_id:
            changed += self._crm_evaluate(company=company)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Value category changed for %(count)s customers.", count=changed
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    def _cron_evaluate(self):
        cron = self.env["ir.cron"]
        for company in self.search([]).company_id:
            self._crm_evaluate(company=company, progress=cron._commit_progress)

    # ------------------------------------------------------------------
    # Care cadence
    # ------------------------------------------------------------------

    @api.model
    def _crm_interaction_activity_types(self):
        """Activity types that count as an interaction with the customer."""
        types = self.env["mail.activity.type"].search(
            [("crm_is_interaction", "=", True)]
        )
        return types | self.with_context(active_test=False).search([]).mapped(
            "care_activity_type_id"
        )

    def _crm_care_due_partners(self, now=None):
        """Customers of this category with an account manager, no open care or
        interaction activity, and no interaction since the care interval."""
        self.ensure_one()
        now = now or fields.Datetime.now()
        since = now - relativedelta(**{self.care_interval_unit: self.care_interval})
        types = self._crm_interaction_activity_types()
        Partner = self.env["res.partner"].with_company(self.company_id).sudo()
        query = Partner._search(
            Domain("crm_value_category_id", "=", self.id)
            & Domain("user_id", "!=", False)
            & Domain("create_date", "<", since)
            & Domain("activity_ids", "not any", [("activity_type_id", "in", types.ids)])
        )
        query.add_where(
            SQL(
                """NOT EXISTS (
                    SELECT 1 FROM mail_message m
                     WHERE m.model = 'res.partner' AND m.res_id = %s
                       AND m.mail_activity_type_id = ANY(%s) AND m.date >= %s)""",
                SQL.identifier(query.table, "id"),
                types.ids,
                since,
            )
        )
        return Partner._fetch_query(query, [Partner._fields["user_id"]])

    @api.model
    def _crm_plan_care(self, company=None, now=None):
        """Plan the next care activity for every customer due, in one batch
        per category. Returns the activities created."""
        company = company or self.env.company
        now = now or fields.Datetime.now()
        model_id = self.env["ir.model"]._get_id("res.partner")
        activities = self.env["mail.activity"]
        categories = self.search(
            [("company_id", "=", company.id), ("care_activity_type_id", "!=", False)]
        )
        for category in categories:
            activity_type = category.care_activity_type_id
            partners = category._crm_care_due_partners(now=now)
            deadline = activity_type.with_context(
                mail_activity_quick_update=True
            )._get_date_deadline()
            for batch in split_every(BATCH_SIZE, partners.ids):
                activities |= (
                    self.env["mail.activity"]
                    .sudo()
                    .create(
                        [
                            {
                                "res_model_id": model_id,
                                "res_id": partner.id,
                                "activity_type_id": activity_type.id,
                                "user_id": partner.user_id.id,
                                "date_deadline": deadline,
                                "summary": activity_type.summary or category.name,
                            }
                            for partner in partners.browse(batch)
                        ]
                    )
                )
        return activities

    @api.model
    def _cron_plan_care(self):
        for company in self.search([("care_activity_type_id", "!=", False)]).company_id:
            activities = self._crm_plan_care(company=company)
            self.env["ir.cron"]._commit_progress(len(activities))
