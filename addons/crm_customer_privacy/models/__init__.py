# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import auditlog_rule
from . import crm_encrypted_mixin
from . import crm_personal_data_access_log
from . import crm_personal_data_threshold
from . import crm_sensitive_attribute
from . import crm_sensitive_value
from . import ir_model_fields
from . import ir_qweb_fields
from . import mail_message
from . import mail_template
from . import res_company
from . import res_config_settings
from . import res_partner
from . import res_users
from . import base
