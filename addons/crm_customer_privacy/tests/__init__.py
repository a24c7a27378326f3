# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_encryption
from . import test_rekey_command
from . import test_audit_rules
from . import test_privacy_chatter
