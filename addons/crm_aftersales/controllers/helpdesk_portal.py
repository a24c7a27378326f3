# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.http import request

from odoo.addons.helpdesk_type.controllers.main import HelpdeskTicketControllerTypes


class HelpdeskTicketControllerComplaint(HelpdeskTicketControllerTypes):
    def _prepare_submit_ticket_vals(self, **kw):
        """A ticket a customer submits without a type is a complaint: it is
        then classified and routed like one taken on the phone."""
        vals = super()._prepare_submit_ticket_vals(**kw)
        if not vals.get("type_id"):
            complaint_type = request.env.ref(
                "crm_aftersales.helpdesk_ticket_type_complaint",
                raise_if_not_found=False,
            )
            vals["type_id"] = complaint_type.id if complaint_type else False
        return vals
