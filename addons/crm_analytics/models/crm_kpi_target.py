# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .crm_kpi_snapshot import FLOW, HIGHER

TARGET_STATUSES = [
    ("on_track", "On Track"),
    ("at_risk", "Slightly Behind"),
    ("off_track", "Off Track"),
]
QUARTERS = [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")]


class CrmKpiTarget(models.Model):
    """An annual target of a KPI for a company, broken into four quarters.

    The quarters are made on creation when none are given: a *flow* KPI
    (counted over the period: new customers, points) gets a quarter of the
    annual target in each quarter; a *level* KPI (rates, averages, active
    customers) keeps the annual value in every quarter. They can then be
    edited one by one.

    The status of a quarter compares the latest all-channels snapshot of
    the KPI dated in the quarter with the quarter's target, in the KPI's
    direction (higher or lower is better): *on track* when the target is
    met, *slightly behind* when it is missed by at most the tolerance (a
    percentage of the target), *off track* otherwise; no status without a
    snapshot.
    The snapshots count over the analysis period (90 days by default, about
    a quarter), so a flow KPI is measured against its quarterly target.
    The status of the target is that of its current quarter, or of the last
    quarter with a status.
    """

    _name = "crm.kpi.target"
    _description = "KPI Target"
    _order = "year desc, company_id, kpi"

    name = fields.Char(compute="_compute_name")
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        ondelete="cascade",
    )
    year = fields.Integer(required=True, default=lambda self: date.today().year)
    kpi = fields.Selection(
        selection=lambda self: self.env["crm.kpi.snapshot"]._selection_kpi(),
        string="KPI",
        required=True,
    )
    better = fields.Selection(
        [("higher", "Higher is better"), ("lower", "Lower is better")],
        compute="_compute_better",
    )
    annual_target = fields.Float(required=True, digits=(16, 2))
    tolerance_percent = fields.Float(
        string="Tolerance (%)",
        default=10.0,
        help="A quarter that misses its target by at most this percentage of "
        "the target is slightly behind rather than off track.",
    )
    line_ids = fields.One2many(
        "crm.kpi.target.line", "target_id", string="Quarters", copy=True
    )
    status = fields.Selection(TARGET_STATUSES, compute="_compute_status")

    _company_year_kpi_unique = models.UniqueIndex(
        "(company_id, year, kpi)",
        "A KPI has one target per company and year.",
    )

    @api.depends("kpi", "year", "company_id")
    def _compute_name(self):
        labels = dict(self._fields["kpi"]._description_selection(self.env))
        for target in self:
            target.name = f"{labels.get(target.kpi, '')} {target.year or ''}".strip()

    @api.depends("kpi")
    def _compute_better(self):
        definitions = self.env["crm.kpi.snapshot"]._crm_kpi_definitions()
        for target in self:
            target.better = definitions[target.kpi][1] if target.kpi else False

    @api.depends("line_ids.status")
    def _compute_status(self):
        today = fields.Date.context_today(self)
        for target in self:
            rated = target.line_ids.filtered("status").sorted("quarter")
            current = rated.filtered(
                lambda line: line.date_from <= today <= line.date_to
            )
            target.status = (current or rated[-1:]).status

    def action_open_snapshots(self):
        """The trend of the KPI over the target's year, all channels."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "crm.kpi.snapshot",
            "view_mode": "graph,list,pivot",
            "domain": [
                ("company_id", "=", self.company_id.id),
                ("kpi", "=", self.kpi),
                ("channel", "=", "all"),
                ("date", ">=", date(self.year, 1, 1)),
                ("date", "<=", date(self.year, 12, 31)),
            ],
        }

    @api.model_create_multi
    def create(self, vals_list):
        definitions = self.env["crm.kpi.snapshot"]._crm_kpi_definitions()
        for vals in vals_list:
            if vals.get("line_ids") or not vals.get("kpi"):
                continue
            annual = vals.get("annual_target", 0.0)
            split = definitions.get(vals["kpi"], (None, None, FLOW))[2]
            quarterly = annual / 4 if split == FLOW else annual
            vals["line_ids"] = [
                fields.Command.create({"quarter": quarter, "target": quarterly})
                for quarter, _label in QUARTERS
            ]
        return super().create(vals_list)

    @api.constrains("year")
    def _check_year(self):
        for target in self:
            if not 2000 <= target.year <= 2100:
                raise ValidationError(
                    self.env._(
                        "The year of the target %(target)s must lie between 2000 "
                        "and 2100.",
                        target=target.name,
                    )
                )

    @api.constrains("annual_target", "tolerance_percent", "kpi")
    def _check_annual_target(self):
        for target in self:
            if target.annual_target < 0:
                raise ValidationError(
                    self.env._(
                        "The annual target of %(target)s cannot be negative.",
                        target=target.name,
                    )
                )
            if target.kpi.endswith("_rate") and target.annual_target > 100:
                raise ValidationError(
                    self.env._(
                        "The annual target of %(target)s is a percentage: enter a "
                        "value between 0 and 100.",
                        target=target.name,
                    )
                )
            if not 0 <= target.tolerance_percent <= 100:
                raise ValidationError(
                    self.env._(
                        "The tolerance of %(target)s must be a percentage between "
                        "0 and 100.",
                        target=target.name,
                    )
                )


class CrmKpiTargetLine(models.Model):
    _name = "crm.kpi.target.line"
    _description = "KPI Quarterly Target"
    _order = "target_id, quarter"

    target_id = fields.Many2one(
        "crm.kpi.target",
        string="KPI Target",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="target_id.company_id", store=True)
    kpi = fields.Selection(related="target_id.kpi")
    quarter = fields.Selection(QUARTERS, required=True)
    target = fields.Float(string="Quarterly Target", required=True, digits=(16, 2))
    date_from = fields.Date(compute="_compute_dates")
    date_to = fields.Date(compute="_compute_dates")
    actual = fields.Float(
        compute="_compute_actual",
        digits=(16, 2),
        help="Latest all-channels snapshot of the KPI dated in the quarter.",
    )
    actual_date = fields.Date(string="Snapshot Of", compute="_compute_actual")
    status = fields.Selection(TARGET_STATUSES, compute="_compute_actual")

    _target_quarter_unique = models.UniqueIndex(
        "(target_id, quarter)", "A target has one line per quarter."
    )

    @api.constrains("target")
    def _check_target(self):
        for line in self:
            if line.target < 0:
                raise ValidationError(
                    self.env._(
                        "The target of %(quarter)s of %(target)s cannot be negative.",
                        quarter=dict(QUARTERS)[line.quarter],
                        target=line.target_id.name,
                    )
                )

    @api.depends("target_id.year", "quarter")
    def _compute_dates(self):
        for line in self:
            if not (line.target_id.year and line.quarter):
                line.date_from = line.date_to = False
                continue
            first_month = 3 * int(line.quarter) - 2
            line.date_from = date(line.target_id.year, first_month, 1)
            line.date_to = fields.Date.end_of(
                date(line.target_id.year, first_month + 2, 1), "month"
            )

    @api.depends("target", "date_from", "date_to", "target_id.tolerance_percent")
    def _compute_actual(self):
        """One grouped read for all lines: the latest snapshot per company,
        KPI and quarter."""
        snapshots = self.env["crm.kpi.snapshot"]
        latest = {}
        lines = self.filtered(lambda line: line.date_from and line.kpi)
        if lines:
            records = snapshots.search(
                [
                    ("channel", "=", "all"),
                    ("company_id", "in", lines.company_id.ids),
                    ("kpi", "in", list(set(lines.mapped("kpi")))),
                    ("date", ">=", min(lines.mapped("date_from"))),
                    ("date", "<=", max(lines.mapped("date_to"))),
                ],
                order="date desc",
            )
            for snapshot in records:
                latest.setdefault(
                    (snapshot.company_id, snapshot.kpi, snapshot.date), snapshot
                )
        for line in self:
            found = next(
                (
                    snapshot
                    for (company, kpi, day), snapshot in latest.items()
                    if company == line.company_id
                    and kpi == line.kpi
                    and line.date_from <= day <= line.date_to
                ),
                None,
            )
            line.actual = found.value if found else 0.0
            line.actual_date = found.date if found else False
            line.status = line._crm_status(found.value) if found else False

    def _crm_status(self, actual):
        self.ensure_one()
        target = self.target
        if self.target_id.better == HIGHER:
            shortfall = target - actual
        else:
            shortfall = actual - target
        if shortfall <= 0:
            return "on_track"
        if shortfall <= abs(target) * self.target_id.tolerance_percent / 100:
            return "at_risk"
        return "off_track"
