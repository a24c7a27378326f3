# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import res_company
from . import res_config_settings
from . import crm_customer_analytics
from . import crm_clv_model
from . import crm_rfm_history
from . import crm_retention_episode
from . import crm_product_association
from . import crm_product_recommendation
from . import crm_recommendation_log
from . import res_partner
from . import crm_kpi_snapshot
from . import crm_kpi_target
from . import crm_analytics_dashboard
from . import sale_order
