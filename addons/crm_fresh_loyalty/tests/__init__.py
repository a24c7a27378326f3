# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_smoke
from . import test_points_ledger
from . import test_points_concurrency
from . import test_membership_tier
from . import test_profile
from . import test_partner_duplicate
from . import test_partner_merge
from . import test_partner_overview
from . import test_interaction
from . import test_birthday
from . import test_import
from . import test_tag_rule
from . import test_value_category
from . import test_care_cadence
from . import test_customer_message
from . import test_customer_message_concurrency
from . import test_privacy_masking
from . import test_privacy_rpc
from . import test_privacy_access_matrix
from . import test_privacy_concurrency
from . import test_staff_tour
from . import test_encryption
from . import test_audit
from . import test_property_based
from . import test_erasure
from . import test_ledger_install
