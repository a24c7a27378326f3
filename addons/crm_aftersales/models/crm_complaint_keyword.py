# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmComplaintKeyword(models.Model):
    """A weighted keyword: an explicit rule of the administrators that adds
    to the classifier's score of its category.

    Matching is a substring test on the normalised text (Simplified Chinese,
    half-width, lower case), so it works on Chinese text without spaces as on
    English; a keyword inside a negation (不是送货的问题) does not count.
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
    weight = fields.Float(
        default=1.0,
        help="Added to the classifier's score of the category when the keyword "
        "occurs: 1 multiplies the odds of the category by about 1.3, 4 by about "
        "2.7, 10 by about 12.",
    )
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
