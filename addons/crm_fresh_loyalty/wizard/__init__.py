# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import crm_points_adjust_wizard
from . import crm_tier_set_wizard
from . import base_partner_merge_automatic_wizard
from . import crm_interaction_log_wizard
from . import loyalty_card_update_balance
