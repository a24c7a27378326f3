# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import base_partner_merge_automatic_wizard
from . import crm_partner_data_export
