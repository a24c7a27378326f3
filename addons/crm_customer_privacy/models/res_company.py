# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_personal_data_own_customers = fields.Boolean(
        string="Care Users See Own Customers' Personal Data",
        help="Care users without the Personal Data group see unmasked the "
        "personal data of the customers they manage (account manager), masked "
        "that of the others.",
    )
    crm_personal_data_alert_threshold = fields.Integer(
        string="Unusual Access Limit (customers per hour)",
        default=50,
        help="A user who reads, exports or reveals the personal data of more "
        "customers than this within an hour raises an alert to the Data "
        "Protection Officers.",
    )

    _crm_personal_data_alert_threshold_positive = models.Constraint(
        "CHECK(crm_personal_data_alert_threshold > 0)",
        "Unusual access limit: enter at least one customer per hour.",
    )
