# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError

OPEN_RMA_STATES = (
    "draft",
    "confirmed",
    "received",
    "waiting_return",
    "waiting_replacement",
)


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _crm_open_aftersales_domains(self):
        return {
            "helpdesk.ticket": [
                ("partner_id", "child_of", self.ids),
                ("stage_id.closed", "=", False),
            ],
            "rma": [
                ("partner_id", "child_of", self.ids),
                ("state", "in", OPEN_RMA_STATES),
            ],
        }

    def _crm_check_erasable(self):
        res = super()._crm_check_erasable()
        for model, domain in self._crm_open_aftersales_domains().items():
            # sudo: counting open files only, whatever the user may read
            records_sudo = self.env[model].sudo().search(domain, limit=1)
            if records_sudo:
                raise UserError(
                    self.env._(
                        "Customer: %(partner)s still has an open %(kind)s "
                        "(%(record)s); close or cancel it before anonymising "
                        "the customer.",
                        partner=records_sudo.partner_id.display_name,
                        kind=self.env["ir.model"]._get(model).name,
                        record=records_sudo.display_name,
                    )
                )
        return res

    def _crm_personal_data(self):
        data = super()._crm_personal_data()
        _ = self.env._
        data[_("Tickets")] = self._crm_export_rows(
            self.env["helpdesk.ticket"].search(
                [("partner_id", "child_of", self.id)], order="create_date, id"
            ),
            ["number", "create_date", "name", "category_id", "stage_id", "description"],
        )
        data[_("Returns")] = self._crm_export_rows(
            self.env["rma"].search(
                [("partner_id", "child_of", self.id)], order="date, id"
            ),
            ["name", "date", "state", "product_id", "product_uom_qty", "reason_id"],
        )
        data[_("Compensations")] = self._crm_export_rows(
            self.env["crm.complaint.compensation"].search(
                [("partner_id", "=", self.id)], order="id"
            ),
            ["ticket_id", "compensation_type", "amount", "state", "issued_date"],
        )
        return data
