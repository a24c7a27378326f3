# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_smoke
from . import test_rma_flow
from . import test_rma_input
from . import test_rma_reprocessing
from . import test_rma_portal
from . import test_rma_concurrency
from . import test_rma_automatic
from . import test_complaint_classification
from . import test_complaint_routing
from . import test_complaint_sla
from . import test_complaint_repeat
from . import test_complaint_compensation
from . import test_compensation_concurrency
from . import test_complaint_closing
from . import test_complaint_portal
from . import test_escalation_concurrency
from . import test_complaint_message
from . import test_rma_message
from . import test_personal_data
from . import test_compensation_audit
from . import test_complaint_priority_service
from . import test_order_complaint
from . import test_property_based_aftersales
from . import test_partner_tickets
from . import test_rma_operation_config
from . import test_quality_alert_delivery
