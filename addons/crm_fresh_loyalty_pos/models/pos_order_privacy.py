# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from odoo.addons.crm_fresh_loyalty.models.res_partner_privacy import (
    mask_email,
    mask_phone,
)

ORDER_MASKERS = {"email": mask_email, "mobile": mask_phone}


class PosOrder(models.Model):
    """The order keeps a copy of its customer's email and phone (for the
    receipt): they are masked like the customer's own for the users who see
    the customer's masked, and a masked value sent back by the till (order
    sync, receipt by email) stands for the real one."""

    _inherit = "pos.order"  # pylint: disable=consider-merging-classes-inherited

    def _crm_masked_orders(self):
        """The orders of ``self`` whose contact details the user reads
        masked: those of customers they read masked, and those without a
        customer (an address typed at the till)."""
        Partner = self.env["res.partner"]
        if not Partner._crm_personal_data_applies():
            return self.browse()
        unmasked = self.partner_id._crm_personal_data_unmasked()
        return self.filtered(lambda order: order.partner_id not in unmasked)

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        personal = [fname for fname in fnames if fname in ORDER_MASKERS]
        if not (personal and result):
            return result
        masked_ids = set(
            self.browse(vals["id"] for vals in result)._crm_masked_orders()._ids
        )
        for vals in result:
            if vals["id"] in masked_ids:
                for fname in personal:
                    if vals[fname]:
                        vals[fname] = ORDER_MASKERS[fname](vals[fname])
        return result

    def _crm_unmask(self, fname, value):
        """The stored value when ``value`` is its masked form, else value."""
        self.ensure_one()
        stored = self[fname]
        if stored and value and value == ORDER_MASKERS[fname](stored):
            return stored
        return value

    def write(self, vals):
        personal = [fname for fname in vals if fname in ORDER_MASKERS]
        masked = self._crm_masked_orders() if personal else self.browse()
        if not masked:
            return super().write(vals)
        for order in self:
            order_vals = dict(vals)
            if order in masked:
                for fname in personal:
                    order_vals[fname] = order._crm_unmask(fname, vals[fname])
            super(PosOrder, order).write(order_vals)
        return True

    def action_send_receipt(self, email, ticket_image, basic_image):
        # the till offers the customer's address as it reads it: masked
        if self in self._crm_masked_orders():
            addresses = {
                self.email,
                self.partner_id.email,
                self.partner_id.invoice_emails,
            } - {False, ""}
            email = {mask_email(address): address for address in addresses}.get(
                email, email
            )
        return super().action_send_receipt(email, ticket_image, basic_image)
