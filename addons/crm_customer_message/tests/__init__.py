# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_customer_message
from . import test_customer_message_concurrency
from . import test_upgrade_hook
