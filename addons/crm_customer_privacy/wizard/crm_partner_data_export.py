# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
import json

import xlsxwriter

from odoo import fields, models
from odoo.exceptions import UserError


class CrmPartnerDataExport(models.TransientModel):
    _name = "crm.partner.data.export"
    _description = "Export of a customer's personal data"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    file_format = fields.Selection(
        [("json", "JSON"), ("xlsx", "Excel (XLSX)")],
        string="Format",
        required=True,
        default="json",
    )
    data = fields.Binary(string="File", readonly=True, attachment=False)
    filename = fields.Char(readonly=True)

    def action_export(self):
        self.ensure_one()
        if not self.env.user.has_group(
            "crm_customer_privacy.group_personal_data_manager"
        ):
            raise UserError(
                self.env._(
                    "Customer: only Customer Care managers can export the "
                    "personal data of a customer."
                )
            )
        self.partner_id.check_access("read")
        # sudo: the manager may read this customer (checked above) and must
        # get all of its data, orders and ledger included, which the Customer
        # Care groups alone do not open
        sections = self.partner_id.sudo()._crm_personal_data()
        if self.file_format == "json":
            content = json.dumps(
                {"customer_id": self.partner_id.id, "sections": sections},
                ensure_ascii=False,
                indent=2,
                default=str,
            ).encode()
        else:
            content = self._crm_xlsx(sections)
        self.write(
            {
                "data": base64.b64encode(content),
                "filename": f"customer-{self.partner_id.id}.{self.file_format}",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/data/{self.filename}"
            "?download=true",
            "target": "download",
        }

    def _crm_xlsx(self, sections):
        """One worksheet per section, a header row of field labels."""
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        bold = workbook.add_format({"bold": True})
        for title, rows in sections.items():
            sheet = workbook.add_worksheet(title[:31])
            headers = list(rows[0]) if rows else []
            sheet.write_row(0, 0, headers, bold)
            for index, row in enumerate(rows, start=1):
                sheet.write_row(
                    index,
                    0,
                    [value if value is None else str(value) for value in row.values()],
                )
        workbook.close()
        return output.getvalue()
