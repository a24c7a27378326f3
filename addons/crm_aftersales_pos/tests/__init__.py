# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_pos_rma
from . import test_erasure_everything
from . import test_privacy_door_matrix
from . import test_pos_quality_alert
from . import test_pos_quality_alert_tour
from . import test_pos_customer_card
