# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import res_company
from . import res_config_settings
from . import rma_reason
from . import rma_operation
from . import rma_notification
from . import rma
from . import crm_rma_order_mixin
from . import sale_order
from . import crm_complaint_cause
from . import crm_complaint_keyword
from . import crm_complaint_route
from . import helpdesk_ticket
from . import helpdesk_ticket_category
from . import helpdesk_ticket_type
from . import crm_membership_tier
from . import crm_complaint_compensation_rule
from . import crm_complaint_compensation
from . import rating_rating
from . import res_partner
from . import stock_lot
from . import stock_picking
