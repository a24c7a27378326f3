# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models

from ..tools import clv

_logger = logging.getLogger(__name__)


class CrmClvModel(models.Model):
    """A nightly fit of the customer-base model of a company.

    BG/NBD for the purchase days, Gamma-Gamma for the value of the repeat
    purchases (see ``tools/clv.py``), by maximum likelihood on the summary of
    every customer of the company. Each attempt on a base large enough is
    kept: a fitted one with its parameters, a failed one with the reason. The
    predictions use the latest fitted model of the company, so a failed or
    implausible fit keeps the last good one; the first failure after a good
    fit plans an activity for the Customer Care managers of the company.
    """

    _name = "crm.clv.model"
    _description = "Customer Value Model"
    _inherit = ("mail.thread", "mail.activity.mixin")
    _order = "date desc, id desc"
    _rec_name = "date"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, readonly=True)
    state = fields.Selection(
        [("fitted", "Fitted"), ("failed", "Failed")], required=True, readonly=True
    )
    failure = fields.Text(readonly=True, help="Why the fit was rejected.")
    customer_count = fields.Integer(
        string="Customers", readonly=True, help="Customers the model was fitted on."
    )
    repeat_customer_count = fields.Integer(
        string="Repeat Buyers",
        readonly=True,
        help="Customers who bought on more than one day; the order values are "
        "fitted on them.",
    )
    log_likelihood = fields.Float(
        string="Log-Likelihood (purchases)", readonly=True, digits=(16, 2)
    )
    value_log_likelihood = fields.Float(
        string="Log-Likelihood (order values)", readonly=True, digits=(16, 2)
    )
    r = fields.Float(readonly=True, digits=(16, 4), help="Shape of the purchase rates.")
    alpha = fields.Float(
        readonly=True, digits=(16, 4), help="Scale of the purchase rates, in days."
    )
    a = fields.Float(readonly=True, digits=(16, 4), help="Dropout: Beta shape a.")
    b = fields.Float(readonly=True, digits=(16, 4), help="Dropout: Beta shape b.")
    p = fields.Float(readonly=True, digits=(16, 4), help="Order value: Gamma shape.")
    q = fields.Float(
        readonly=True, digits=(16, 4), help="Order value: shape across customers."
    )
    v = fields.Float(
        readonly=True, digits=(16, 4), help="Order value: scale across customers."
    )
    mean_order_value = fields.Monetary(
        readonly=True,
        help="The population's mean order value under the model (p v / (q - 1)); "
        "empty when the order values are too spread across customers for a "
        "finite mean (q <= 1).",
    )

    @api.model
    def _crm_current(self, company):
        """The latest fitted model of the company (empty when none)."""
        return self.search(
            [("company_id", "=", company.id), ("state", "=", "fitted")], limit=1
        )

    @api.model
    def _crm_fit(self, company, today, x, t_x, T, n, m):
        """Fit the model on the customer summary (arrays, see
        ``tools/clv.py``) and return the model to predict with: the new fit,
        or the last good one when this fit fails (empty when there is none).

        A base too small to fit records nothing; a fit that fails or ends at
        implausible values is recorded as failed.
        """
        try:
            purchases = clv.fit_bgnbd(x, t_x, T)
            values = clv.fit_gamma_gamma(n, m)
        except clv.SampleTooSmall as error:
            _logger.info("%s: no customer value model (%s)", company.name, error)
            return self._crm_current(company)
        except clv.FitError as error:
            _logger.warning("%s: customer value fit failed (%s)", company.name, error)
            self._crm_record_failure(company, today, len(x), int((x > 0).sum()), error)
            return self._crm_current(company)
        return self.create(
            {
                "company_id": company.id,
                "date": today,
                "state": "fitted",
                "customer_count": len(x),
                "repeat_customer_count": int((x > 0).sum()),
                "log_likelihood": purchases.log_likelihood,
                "value_log_likelihood": values.log_likelihood,
                "r": purchases.r,
                "alpha": purchases.alpha,
                "a": purchases.a,
                "b": purchases.b,
                "p": values.p,
                "q": values.q,
                "v": values.v,
                "mean_order_value": values.mean or False,
            }
        )

    def _crm_record_failure(self, company, today, count, repeat_count, error):
        previous = self.search([("company_id", "=", company.id)], limit=1)
        failed = self.create(
            {
                "company_id": company.id,
                "date": today,
                "state": "failed",
                "failure": str(error),
                "customer_count": count,
                "repeat_customer_count": repeat_count,
            }
        )
        if previous.state == "failed":
            return failed  # the managers were told when the fits started failing
        managers = self.env.ref(
            "crm_fresh_loyalty.group_customer_care_manager"
        ).all_user_ids.filtered(lambda user: company in user.company_ids)
        last_good = self._crm_current(company)
        note = (
            self.env._(
                "The customer value model could not be fitted: %(reason)s. "
                "Predictions keep the model of %(date)s.",
                reason=error,
                date=last_good.date,
            )
            if last_good
            else self.env._(
                "The customer value model could not be fitted: %(reason)s. "
                "There is no earlier model: predictions stay empty and churn "
                "warnings follow each customer's purchase rhythm.",
                reason=error,
            )
        )
        for manager in managers:
            failed.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=today,
                summary=self.env._("Customer value model fit failed"),
                note=note,
                user_id=manager.id,
            )
        return failed

    def _crm_as_bgnbd(self):
        self.ensure_one()
        return clv.BgNbd(self.r, self.alpha, self.a, self.b)

    def _crm_as_gamma_gamma(self):
        self.ensure_one()
        return clv.GammaGamma(self.p, self.q, self.v)
