# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import crm_membership_tier
from . import crm_purchase_fact
from . import delivery_carrier
from . import res_users
