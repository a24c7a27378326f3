# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Compensations are issued when the customer has them, returns wait for
    a manager whatever their reason.

    - Reissue orders are marked as their compensation's, so they leave the
      purchase facts.
    - Compensations shown as issued while their reissue order is not
      delivered (or still a quotation) or their credit note not posted go
      back to approved: they are issued by the delivery or the posting.
    - Open returns that no inspection decides get their approval state from
      their value, as new ones do at confirmation.
    """
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    compensations = (
        env["crm.complaint.compensation"]
        .with_context(active_test=False)
        .search(
            [
                ("state", "=", "issued"),
                "|",
                ("sale_order_id", "!=", False),
                ("refund_move_id", "!=", False),
            ]
        )
    )
    for compensation in compensations.filtered("sale_order_id"):
        compensation.sale_order_id.crm_compensation_id = compensation
    compensations.filtered(lambda c: not c._customer_has_it()).write(
        {"state": "approved", "issued_date": False}
    )
    returns = env["rma"].search(
        [
            ("state", "in", ["confirmed", "received"]),
            ("approval_state", "=", False),
            ("refund_id", "=", False),
        ]
    )
    for rma in returns.filtered(lambda r: not r.inspection_required):
        rma.approval_state = (
            "to_approve" if rma._crm_needs_approval() else "not_required"
        )
