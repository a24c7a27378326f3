# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RmaOperation(models.Model):
    _inherit = "rma.operation"

    photo_evidence_required = fields.Boolean(
        help="Compensation without a physical return: the customer keeps or "
        "throws away the goods, and photos attached at the inspection replace "
        "the reception as evidence.",
    )
