# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import res_company
from . import res_config_settings
from . import rma_reason
from . import rma_operation
from . import rma_notification
from . import rma
from . import sale_order
