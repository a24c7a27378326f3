# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.http import request

from odoo.addons.helpdesk_type.controllers.main import HelpdeskTicketControllerTypes


class HelpdeskTicketControllerComplaint(HelpdeskTicketControllerTypes):
    def _prepare_submit_ticket_vals(self, **kw):
        """A ticket a customer submits without a type is a complaint as the
        company decides (``crm_untyped_ticket_policy``): it is then classified
        and routed like one taken on the phone."""
        vals = super()._prepare_submit_ticket_vals(**kw)
        if kw.get("sale_order_id"):
            vals.update(self._crm_order_complaint_vals(**kw))
        if not vals.get("type_id"):
            # sudo: the portal customer cannot read the classifier
            vals["type_id"] = (
                request.env["helpdesk.ticket"].sudo()._crm_untyped_ticket_type(vals).id
            )
        return vals

    def _get_create_new_ticket_values(self, **kw):
        """The complaint form opened from an order shows the order and lets
        the customer point at one of its products."""
        values = super()._get_create_new_ticket_values(**kw)
        if kw.get("sale_order_id"):
            order_sudo = self._crm_customer_order(kw["sale_order_id"])
            values.update(
                crm_sale_order=order_sudo,
                crm_order_products=order_sudo.order_line.filtered(
                    lambda line: not line.display_type
                ).product_id,
            )
        return values

    def _crm_customer_order(self, order_id):
        """The customer's own sale order ``order_id``, as superuser.

        Only its customer complains about an order: the order of anyone else
        (shared with an access link or not) is not found.
        """
        try:
            order_id = int(order_id)
        except ValueError:
            raise request.not_found() from None
        order_sudo = request.env["sale.order"].sudo().browse(order_id).exists()
        customer = request.env.user.partner_id.commercial_partner_id
        if not order_sudo or order_sudo.partner_id.commercial_partner_id != customer:
            raise request.not_found()
        return order_sudo

    def _crm_order_complaint_vals(self, **kw):
        order_sudo = self._crm_customer_order(kw["sale_order_id"])
        vals = {
            "crm_sale_order_id": order_sudo.id,
            "company_id": order_sudo.company_id.id,
        }
        if not kw.get("type"):
            # filed from the order's "complain" button: a complaint
            complaint_type = request.env.ref(
                "crm_aftersales.helpdesk_ticket_type_complaint",
                raise_if_not_found=False,
            )
            vals["type_id"] = complaint_type.id if complaint_type else False
        if kw.get("product_id"):
            product = order_sudo.order_line.product_id.filtered(
                lambda product: str(product.id) == kw["product_id"]
            )
            if not product:
                raise request.not_found()
            vals["crm_product_id"] = product.id
        return vals
