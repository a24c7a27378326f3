# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class RmaOperation(models.Model):
    _inherit = "rma.operation"

    photo_evidence_required = fields.Boolean(
        help="Returns of this operation can be inspected as soon as they are "
        "confirmed, and their inspection cannot be closed without at least one "
        "photo of the goods. For compensations without a physical return: the "
        "customer keeps or throws away the goods, and the photos replace the "
        "reception as evidence.",
    )
