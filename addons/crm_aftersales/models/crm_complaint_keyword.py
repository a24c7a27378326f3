# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmComplaintKeyword(models.Model):
    """A weighted keyword that votes for a complaint category.

    Matching is a case-insensitive substring test, so it works on Chinese
    text (no spaces between words) as well as on English.
    """

    _name = "crm.complaint.keyword"
    _description = "Complaint Classification Keyword"
    _order = "category_id, weight desc, keyword"
    _rec_name = "keyword"

    keyword = fields.Char(required=True)
    category_id = fields.Many2one(
        "helpdesk.ticket.category",
        required=True,
        index=True,
        ondelete="cascade",
    )
    weight = fields.Float(default=1.0, help="Votes this keyword gives its category.")
    active = fields.Boolean(default=True)
    match_count = fields.Integer(
        string="Matches",
        compute="_compute_match_counts",
        help="Complaints this keyword matched.",
    )
    misfire_count = fields.Integer(
        string="Misfires",
        compute="_compute_match_counts",
        help="Complaints this keyword matched whose category a person then set "
        "to another category than the keyword's.",
    )

    _keyword_category_unique = models.UniqueIndex(
        "(lower(keyword), category_id)",
        "This keyword already votes for this category.",
    )
    _weight_positive = models.Constraint(
        "CHECK(weight > 0)", "The weight of a keyword must be greater than zero."
    )

    @api.constrains("keyword")
    def _check_keyword(self):
        if any(not (keyword.keyword or "").strip() for keyword in self):
            raise ValidationError(
                self.env._("Keyword: enter a word or phrase, not only spaces.")
            )

    def _compute_match_counts(self):
        Ticket = self.env["helpdesk.ticket"]
        matches = dict(
            Ticket._read_group(
                [("crm_keyword_ids", "in", self.ids)], ["crm_keyword_ids"], ["__count"]
            )
        )
        corrected = Ticket._read_group(
            [
                ("crm_keyword_ids", "in", self.ids),
                ("crm_category_corrected", "=", True),
            ],
            ["crm_keyword_ids", "category_id"],
            ["__count"],
        )
        misfires = dict.fromkeys(self, 0)
        for keyword, category, count in corrected:
            if keyword in misfires and keyword.category_id != category:
                misfires[keyword] += count
        for keyword in self:
            keyword.match_count = matches.get(keyword, 0)
            keyword.misfire_count = misfires[keyword]

    def _classify(self, text):
        """Score ``text`` against these keywords.

        Returns ``(category, keywords, confidence)``: the category with the
        highest total weight, the keywords that matched (for every category),
        and the winning weight over the total matched weight. No match gives
        an empty category and keywords and a confidence of 0.
        """
        haystack = (text or "").casefold()
        matched = self.filtered(
            lambda keyword: keyword.keyword.strip().casefold() in haystack
        )
        scores = {}
        for keyword in matched:
            category = keyword.category_id
            scores[category] = scores.get(category, 0.0) + keyword.weight
        if not scores:
            return self.env["helpdesk.ticket.category"], matched, 0.0
        winner = max(scores, key=lambda cat: (scores[cat], -cat.sequence, -cat.id))
        return winner, matched, scores[winner] / sum(scores.values())
