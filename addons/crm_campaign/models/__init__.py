# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import crm_customer_message
from . import crm_kpi_snapshot
from . import loyalty_card
from . import loyalty_program
from . import mailing_mailing
