# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import res_company
from . import res_config_settings
from . import crm_membership_tier
from . import crm_membership_tier_history
from . import loyalty_program
from . import loyalty_reward
from . import loyalty_history
from . import loyalty_card
from . import res_partner
from . import sale_order
from . import account_move
from . import account_move_send
from . import mail_activity_type
from . import mail_activity
from . import crm_customer_criteria_mixin
from . import crm_tag_rule
from . import crm_value_category
from . import product_pricelist
from . import product_pricelist_item
from . import sale_order_line
