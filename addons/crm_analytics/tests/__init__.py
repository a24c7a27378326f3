# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_smoke
from . import test_rfm
from . import test_lifecycle
from . import test_value
from . import test_clv_maths
from . import test_clv
from . import test_cross_sell
from . import test_security
from . import test_kpi
from . import test_kpi_target
from . import test_dashboard_tour
from . import test_dashboard
from . import test_dashboard_unit
from . import test_kpi_trends
from . import test_demo_history
from . import test_recommendation_sale
