# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import escape

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .crm_customer_criteria_mixin import CRITERIA_FIELDS


class CrmTagRule(models.Model):
    """An automatic customer tag (客户标签): the rule owns its tag.

    Customers matching the criteria get the tag, the others lose it, whether
    it was set by the rule or by hand. Manual tags are the partner tags no
    rule owns. Evaluated by the daily cron and the Apply button.
    """

    _name = "crm.tag.rule"
    _inherit = "crm.customer.criteria.mixin"
    _description = "Automatic Tag Rule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    tag_id = fields.Many2one(
        "res.partner.category",
        required=True,
        ondelete="cascade",
        help="Added to the customers matching the rule, removed from the others.",
    )
    match_count = fields.Integer(
        string="Matching Customers",
        compute="_compute_match_count",
        help="Customers matching the rule now, before it is saved.",
    )
    last_run = fields.Datetime(readonly=True, copy=False)

    _tag_unique = models.UniqueIndex(
        "(tag_id) WHERE active",
        "A tag is managed by a single active rule: another rule already sets it.",
    )

    @api.depends(*CRITERIA_FIELDS)
    def _compute_match_count(self):
        for rule in self:
            try:
                rule._crm_check_criteria()
            except ValidationError:
                rule.match_count = 0  # incomplete or invalid while being edited
                continue
            rule.match_count = len(rule._crm_matching_partner_ids())

    def _crm_check_criteria(self):
        result = super()._crm_check_criteria()
        if not self._crm_has_condition():
            raise ValidationError(
                self.env._(
                    "Tag rule %(name)s has no condition: set a purchase condition "
                    "(orders, spend, average order, days since last purchase or "
                    "%(categ)s) or a %(domain)s.",
                    name=self.display_name,
                    categ=self._field_label("categ_id"),
                    domain=self._field_label("partner_domain"),
                )
            )
        return result

    def _crm_tagged_partner_ids(self):
        """Customers of the rule's company carrying its tag."""
        self.ensure_one()
        rows = self._crm_execute(
            SQL(
                """
                SELECT rel.partner_id
                  FROM res_partner_res_partner_category_rel rel
                  JOIN res_partner p ON p.id = rel.partner_id
                 WHERE rel.category_id = %s
                   AND (p.company_id IS NULL OR p.company_id = %s)
                """,
                self.tag_id.id,
                self.company_id.id,
            )
        )
        return {partner_id for (partner_id,) in rows}

    def _crm_matches(self, today=None):
        """{rule: ids of the customers it matches}, one query per company."""
        matches = {}
        for company in self.company_id:
            rules = self.filtered(lambda rule, c=company: rule.company_id == c)
            partner_ids = [set() for _rule in rules]
            query = rules._crm_match_query(today=today, first_match=False)
            for partner_id, indexes in self._crm_execute(query):
                for index in indexes:
                    partner_ids[index].add(partner_id)
            matches.update(zip(rules, partner_ids, strict=True))
        return matches

    def _crm_apply(self, today=None, progress=None):
        """Add the tag to the matching customers and remove it from the others.

        One query matches all the rules of a company, one per rule finds its
        tagged customers; the changes are written and logged in batches.
        ``progress(done)`` is called after each batch. Returns ``(added,
        removed)`` partner counts.
        """
        added = removed = 0
        for rule, matching in self._crm_matches(today=today).items():
            tagged = rule._crm_tagged_partner_ids()
            tag, name, company = rule.tag_id, rule.name, rule.company_id
            for partner_ids, command, message in (
                (
                    matching - tagged,
                    Command.link,
                    self.env._(
                        "Tag %(tag)s added by the rule %(rule)s.",
                        tag=tag.name,
                        rule=name,
                    ),
                ),
                (
                    tagged - matching,
                    Command.unlink,
                    self.env._(
                        "Tag %(tag)s removed by the rule %(rule)s.",
                        tag=tag.name,
                        rule=name,
                    ),
                ),
            ):
                self._crm_write_customers(
                    partner_ids,
                    {"category_id": [command(tag.id)]},
                    escape(message),
                    company,
                    progress=progress,
                )
            added += len(matching - tagged)
            removed += len(tagged - matching)
        self.write({"last_run": fields.Datetime.now()})
        return added, removed

    def action_apply(self):
        self.check_access("write")
        added, removed = self._crm_apply()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Tags added to %(added)s customers, removed from %(removed)s.",
                    added=added,
                    removed=removed,
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_view_matches(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_fresh_loyalty.res_partner_action_customers"
        )
        action["domain"] = [("id", "in", self._crm_matching_partner_ids())]
        action["context"] = {}
        action["name"] = self.env._("Customers matching %(rule)s", rule=self.name)
        return action

    @api.model
    def _cron_apply_rules(self):
        cron = self.env["ir.cron"]
        self.search([])._crm_apply(progress=cron._commit_progress)
