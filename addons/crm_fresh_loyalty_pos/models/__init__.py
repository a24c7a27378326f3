# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import crm_purchase_fact
from . import pos_order
from . import crm_membership_tier
from . import pos_session
from . import res_partner
from . import pos_config
from . import loyalty_card
from . import loyalty_reward
