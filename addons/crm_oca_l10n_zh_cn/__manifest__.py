# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Care: Simplified Chinese of the OCA after-sales addons",
    "summary": "zh_CN of helpdesk_mgmt (SLA, rating, type), rma, mgmtsystem_action and "
    "the contact's Personal Information tab, "
    "and corrections of the till receipt's Chinese",
    "version": "19.0.1.1.0",
    "category": "Localization",
    "website": "https://github.com/fresh-crm/crm-suite",
    "author": "Fresh CRM Suite contributors, Odoo Community Association (OCA)",
    "maintainers": ["fresh-crm"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": [
        "helpdesk_mgmt_sla",
        "helpdesk_mgmt_rating",
        "helpdesk_type",
        "rma",
        "mgmtsystem_action",
        # the Personal Information tab of the customer form
        "partner_contact_personal_information_page",
    ],
    "post_load": "post_load",
    "post_init_hook": "post_init_hook",
    "auto_install": True,
    "installable": True,
}
