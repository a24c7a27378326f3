# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class PosOrder(models.Model):
    _name = "pos.order"
    _inherit = ("pos.order", "crm.rma.order.mixin")
    _crm_rma_order_field = "pos_order_id"

    rma_ids = fields.One2many(
        "rma", "pos_order_id", string="Returns", groups="rma.rma_group_user_own"
    )

    @api.depends("rma_ids")
    def _compute_rma_count(self):
        return super()._compute_rma_count()

    def action_pos_order_paid(self):
        res = super().action_pos_order_paid()
        # the lots sold under quality alert by a manager's override, once sold
        self.lines.pack_lot_ids._crm_log_quality_overrides()
        return res

    def _crm_rung_up_by_pos_manager(self):
        """The order was rung up by a manager of its point of sale, as the
        till knows one: with employees (pos_hr), one of the config's advanced
        employees or an employee whose user is a POS manager; else a user of
        the config's manager group."""
        self.ensure_one()
        manager_group = self.config_id.group_pos_manager_id
        employee = self.employee_id if "employee_id" in self._fields else None
        if employee:
            return (
                employee in self.config_id.advanced_employee_ids
                or manager_group in employee.user_id.all_group_ids
            )
        return manager_group in self.user_id.all_group_ids

    def _crm_pos_cashier_name(self):
        self.ensure_one()
        employee = self.employee_id if "employee_id" in self._fields else None
        return (employee or self.user_id).name
