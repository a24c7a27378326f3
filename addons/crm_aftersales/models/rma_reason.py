# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RmaReason(models.Model):
    _name = "rma.reason"
    _description = "Return Reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    inspection_required = fields.Boolean(
        default=True,
        help="Returns for this reason are inspected (and approved above the "
        "company's amount) before they are refunded or replaced.",
    )

    _name_uniq = models.Constraint(
        "UNIQUE(name)", "A return reason with this name already exists."
    )
