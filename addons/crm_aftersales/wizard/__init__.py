# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import crm_interaction_log_wizard
from . import crm_aftersales_request
from . import crm_quality_override
from . import crm_satisfaction_callback
from . import crm_improvement_report
