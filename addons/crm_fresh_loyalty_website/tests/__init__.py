# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_membership_portal
from . import test_tier_pricelist
from . import test_portal_tour
from . import test_points_mall_portal
from . import test_tier_benefits_shop
from . import test_purchase_fact_channel
from . import test_signup
from . import test_guest_checkout
