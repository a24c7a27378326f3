# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields, models
from odoo.tools import SQL


class CrmComplaintCauseReport(models.Model):
    """One row per complaint and per return with its root cause (the cause of
    a complaint, the reason and the responsibility found at inspection of a
    return), product, lot and supplier, to group and count. The supplier is
    the one of the receipt that brought the lot in, else (no lot, or a lot
    never received from a supplier) the product's main vendor."""

    _name = "crm.complaint.cause.report"
    _description = "After-sales Root Cause Analysis"
    _auto = False
    _order = "date desc"

    source = fields.Selection(
        [("complaint", "Complaint"), ("return", "Return")], readonly=True
    )
    res_id = fields.Integer(string="Document ID", readonly=True)
    name = fields.Char(string="Reference", readonly=True)
    date = fields.Datetime(readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    category_id = fields.Many2one("helpdesk.ticket.category", readonly=True)
    cause_id = fields.Many2one(
        "crm.complaint.cause", string="Root Cause", readonly=True
    )
    reason_id = fields.Many2one("rma.reason", string="Return Reason", readonly=True)
    responsibility = fields.Selection(
        lambda self: self.env["rma"]._fields["inspection_responsibility"].selection,
        readonly=True,
    )
    product_id = fields.Many2one("product.product", readonly=True)
    lot_id = fields.Many2one("stock.lot", readonly=True)
    supplier_id = fields.Many2one("res.partner", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    count = fields.Integer(readonly=True, aggregator="sum")

    def action_crm_improvement_action(self):
        """Open a new corrective action answering these complaints and
        returns, with the root cause, category, product, lot and supplier
        they all share."""

        def shared(fname):
            values = {row[fname] for row in self}
            return values.pop().id if len(values) == 1 else False

        lot = self.env["stock.lot"].browse(shared("lot_id"))
        cause = self.env["crm.complaint.cause"].browse(shared("cause_id"))
        supplier = self.env["res.partner"].browse(shared("supplier_id"))
        subject = " / ".join(
            name
            for name in (cause.display_name, lot.display_name, supplier.display_name)
            if name
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Improvement Action"),
            "res_model": "mgmtsystem.action",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {
                "default_type_action": "correction",
                "default_name": self.env._("Improve: %(subject)s", subject=subject)
                if subject
                else False,
                "default_crm_cause_id": cause.id,
                "default_crm_category_id": shared("category_id"),
                "default_crm_product_id": shared("product_id"),
                "default_crm_lot_id": lot.id,
                "default_crm_supplier_id": supplier.id,
                "default_crm_ticket_ids": [
                    Command.set(
                        self.filtered(lambda r: r.source == "complaint").mapped(
                            "res_id"
                        )
                    )
                ],
                "default_crm_rma_ids": [
                    Command.set(
                        self.filtered(lambda r: r.source == "return").mapped("res_id")
                    )
                ],
            },
        }

    @property
    def _table_query(self):
        return SQL(
            "SELECT ROW_NUMBER() OVER (ORDER BY src.source, src.res_id) AS id, src.* "
            "FROM (%s) src",
            SQL(" UNION ALL ").join(self._source_queries()),
        )

    def _source_queries(self):
        """The queries whose rows make the report, each selecting the columns
        of ``_complaint_query`` in the same order. Extend to add a source."""
        return [self._complaint_query(), self._return_query()]

    def _supplier_join(self, product_alias, lot_alias):
        """Joins giving ``supplier.partner_id``: the supplier of the lot's
        first receipt, else the product's main vendor."""
        return SQL(
            """
            %(vendor)s
            LEFT JOIN LATERAL (
                SELECT rp.commercial_partner_id AS partner_id
                  FROM stock_move_line sml
                  JOIN stock_picking sp ON sp.id = sml.picking_id
                  JOIN stock_picking_type spt ON spt.id = sp.picking_type_id
                  JOIN res_partner rp ON rp.id = sp.partner_id
                 WHERE sml.lot_id = %(lot)s
                   AND sml.state = 'done'
                   AND spt.code = 'incoming'
              ORDER BY sml.date, sml.id
                 LIMIT 1
            ) lot_supplier ON TRUE
            CROSS JOIN LATERAL (
                SELECT COALESCE(lot_supplier.partner_id, vendor.partner_id)
                       AS partner_id
            ) supplier
            """,
            vendor=self._main_vendor_join(product_alias),
            lot=SQL.identifier(*lot_alias.split(".")),
        )

    def _main_vendor_join(self, product_alias):
        """Lateral join giving ``vendor.partner_id``: the product's first
        vendor by sequence."""
        return SQL(
            """
            LEFT JOIN product_product vendor_pp ON vendor_pp.id = %(product)s
            LEFT JOIN LATERAL (
                SELECT si.partner_id
                  FROM product_supplierinfo si
                 WHERE si.product_tmpl_id = vendor_pp.product_tmpl_id
                   AND (si.product_id IS NULL OR si.product_id = vendor_pp.id)
              ORDER BY si.sequence, si.id
                 LIMIT 1
            ) vendor ON TRUE
            """,
            product=SQL.identifier(*product_alias.split(".")),
        )

    def _complaint_query(self):
        return SQL(
            """
            SELECT 'complaint' AS source,
                   t.id AS res_id,
                   t.number AS name,
                   t.crm_received_date AS date,
                   t.commercial_partner_id AS partner_id,
                   t.category_id AS category_id,
                   t.crm_cause_id AS cause_id,
                   NULL::integer AS reason_id,
                   NULL::varchar AS responsibility,
                   t.crm_product_id AS product_id,
                   t.crm_lot_id AS lot_id,
                   supplier.partner_id AS supplier_id,
                   t.company_id AS company_id,
                   1 AS count
              FROM helpdesk_ticket t
              %(supplier)s
             WHERE t.crm_is_complaint AND t.active
            """,
            supplier=self._supplier_join("t.crm_product_id", "t.crm_lot_id"),
        )

    def _return_query(self):
        return SQL(
            """
            SELECT 'return' AS source,
                   r.id AS res_id,
                   r.name AS name,
                   r.date AS date,
                   p.commercial_partner_id AS partner_id,
                   NULL::integer AS category_id,
                   NULL::integer AS cause_id,
                   r.reason_id AS reason_id,
                   r.inspection_responsibility AS responsibility,
                   r.product_id AS product_id,
                   r.lot_id AS lot_id,
                   supplier.partner_id AS supplier_id,
                   r.company_id AS company_id,
                   1 AS count
              FROM rma r
              JOIN res_partner p ON p.id = r.partner_id
              %(supplier)s
             WHERE r.state != 'cancelled'
            """,
            supplier=self._supplier_join("r.product_id", "r.lot_id"),
        )
