# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import csv
import time

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import file_path, ormcache

from ..classifier import NOT_COMPLAINT, CompiledModel, train
from ..classifier.model import Rule

EXAMPLES = "crm_aftersales/data/complaint_examples.csv"
CATEGORY_XMLID = "crm_aftersales.helpdesk_ticket_category_%s"
# An agent's category counts as much as two shipped examples: the shop's own
# words steer the model more than the generic examples.
CORRECTION_WEIGHT = 2.0


class CrmComplaintClassifier(models.Model):
    """A trained version of the complaint classifier of a company.

    The model is stored as JSON (labels, intercepts, one weight per label and
    feature, temperature): nothing is unpickled. Training keeps the current
    and the previous version; a manager may put the previous one back.
    """

    _name = "crm.complaint.classifier"
    _description = "Complaint Classifier Version"
    _order = "company_id, version desc"
    _rec_name = "version"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    version = fields.Integer(required=True, readonly=True)
    is_current = fields.Boolean(
        string="Current", readonly=True, help="The version that classifies now."
    )
    model_data = fields.Json(string="Model", readonly=True, copy=False)
    threshold = fields.Float(
        string="Confidence Threshold",
        required=True,
        help="Complaints classified with a lower confidence go to triage with "
        "high priority. Fitted at training so that the answers above it were "
        "right 98 % of the time on examples the model had not seen.",
    )
    example_count = fields.Integer(string="Examples", readonly=True)
    correction_count = fields.Integer(
        string="Agents' Categories",
        readonly=True,
        help="Complaints of the company whose category a person set or corrected, "
        "among the examples.",
    )
    cv_accuracy = fields.Float(
        string="Cross-validated Accuracy",
        readonly=True,
        help="Share of right answers on examples left out of training in turn.",
    )
    training_seconds = fields.Float(string="Training Time (s)", readonly=True)

    _version_unique = models.UniqueIndex(
        "(company_id, version)", "A company has one classifier per version number."
    )
    _current_unique = models.UniqueIndex(
        "(company_id) WHERE is_current",
        "A company has one current classifier.",
    )
    _threshold_range = models.Constraint(
        "CHECK(threshold > 0 AND threshold <= 1)",
        "The confidence threshold must be above 0 and at most 1 (100 %).",
    )

    @api.depends("version", "company_id")
    def _compute_display_name(self):
        for classifier in self:
            classifier.display_name = self.env._(
                "Classifier v%(version)s", version=classifier.version
            )

    # ------------------------------------------------------------------
    # Scoring
    # ------------------------------------------------------------------

    @api.model
    @ormcache("version_id")
    def _compiled_model(self, version_id):
        """The model of a version, built once per worker process: a version's
        model never changes, so its id is the cache key."""
        return CompiledModel(self.browse(version_id).sudo().model_data)

    @api.model
    def _current(self, company):
        """The current version of ``company``; the first one is trained when
        none exists yet."""
        current = self.sudo().search(
            [("company_id", "=", company.id), ("is_current", "=", True)], limit=1
        )
        return current or self.sudo()._train(company)

    def _rules(self):
        """The administrators' keywords valid for the version's company."""
        self.ensure_one()
        keywords = (
            self.env["crm.complaint.keyword"]
            .sudo()
            .search([("category_id.company_id", "in", (False, self.company_id.id))])
        )
        return [
            Rule.make(k.id, k.keyword, str(k.category_id.id), k.weight)
            for k in keywords
        ]

    def _category(self, label):
        """The category a label of the model stands for (none for *not a
        complaint* or a category deleted since training)."""
        Category = self.env["helpdesk.ticket.category"]
        if label == NOT_COMPLAINT:
            return Category
        return Category.browse(int(label)).exists()

    # ------------------------------------------------------------------
    # Training
    # ------------------------------------------------------------------

    @api.model
    def _shipped_examples(self):
        """Training split of the examples shipped with the addon, labelled
        with the ids of the categories (the held-out split is never used)."""
        texts, labels = [], []
        with open(file_path(EXAMPLES), encoding="utf-8", newline="") as file:
            for row in csv.DictReader(file):
                if row["split"] != "train":
                    continue
                if row["category"] == NOT_COMPLAINT:
                    label = NOT_COMPLAINT
                else:
                    category = self.env.ref(
                        CATEGORY_XMLID % row["category"], raise_if_not_found=False
                    )
                    if not category:
                        continue
                    label = str(category.id)
                texts.append(row["text"])
                labels.append(label)
        return texts, labels

    @api.model
    def _correction_domain(self, company):
        """Complaints whose category a person chose: corrected, or set on a
        complaint the model left to triage or took for no complaint."""
        return [
            ("company_id", "=", company.id),
            ("crm_is_complaint", "=", True),
            ("category_id", "!=", False),
            "|",
            ("crm_category_corrected", "=", True),
            ("crm_classification", "in", ("triage", "not_complaint")),
        ]

    @api.model
    def _train(self, company):
        """Train a new current version for ``company`` on the shipped examples
        and the company's corrected complaints; keep the previous version,
        delete older ones."""
        started = time.perf_counter()
        texts, labels = self._shipped_examples()
        weights = [1.0] * len(texts)
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search_fetch(
                self._correction_domain(company),
                ["name", "description", "category_id"],
            )
        )
        for ticket in tickets:
            texts.append(ticket._crm_classification_text())
            labels.append(str(ticket.category_id.id))
            weights.append(CORRECTION_WEIGHT)
        data = train(texts, labels, weights)
        versions = self.sudo().search([("company_id", "=", company.id)])
        version = max(versions.mapped("version"), default=0) + 1
        previous = versions.filtered("is_current")
        (versions - previous).unlink()
        previous.is_current = False
        previous.flush_recordset(["is_current"])
        return self.sudo().create(
            {
                "company_id": company.id,
                "version": version,
                "is_current": True,
                "model_data": data,
                "threshold": data["threshold"],
                "example_count": len(texts),
                "correction_count": len(tickets),
                "cv_accuracy": data["cv_accuracy"],
                "training_seconds": time.perf_counter() - started,
            }
        )

    @api.model
    def _cron_train(self):
        """Retrain every company that has new corrections since its current
        version (or no version yet)."""
        for company in (
            self.env["res.company"].search([]).filtered(self._needs_training)
        ):
            self._train(company)

    def _needs_training(self, company):
        current = self.sudo().search(
            [("company_id", "=", company.id), ("is_current", "=", True)], limit=1
        )
        if not current:
            return True
        return bool(
            self.env["helpdesk.ticket"]
            .sudo()
            .search_count(
                self._correction_domain(company)
                + [("write_date", ">=", current.create_date)],
                limit=1,
            )
        )

    def action_train(self):
        """Retrain the classifier of the current company now."""
        self.check_access("create")
        return self._train(self.env.company)._action_open()

    def action_make_current(self):
        """Classify with this version again (e.g. the previous one)."""
        self.ensure_one()
        self.check_access("write")
        if self.is_current:
            raise UserError(
                self.env._(
                    "Classifier v%s already classifies the complaints.", self.version
                )
            )
        current = self.search(
            [("company_id", "=", self.company_id.id), ("is_current", "=", True)]
        )
        current.is_current = False
        current.flush_recordset(["is_current"])
        self.is_current = True
        return True

    def _action_open(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
        }
