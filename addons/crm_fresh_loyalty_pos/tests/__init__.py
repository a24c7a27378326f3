# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_pos_membership
from . import test_pos_privacy
from . import test_pos_points
from . import test_pos_tour
from . import test_pos_partner_editor
from . import test_pos_tier_pricelist
from . import test_pos_cashier_masking
from . import test_pos_order_fact
from . import test_pos_company_card
from . import test_pos_points_mall
from . import test_pos_birthday_coupon
