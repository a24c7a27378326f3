# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import crm_message_provider
from . import crm_customer_message
from . import mail_thread
from . import res_company
from . import res_config_settings
from . import res_partner
