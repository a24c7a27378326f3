# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_kpi_aftersales
from . import test_dashboard_aftersales
from . import test_value_at_risk
from . import test_json2_api
from . import test_refund_analytics
from . import test_dashboard_numbers
from . import test_zh_cn_screens
