# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The birthday greeting names the birthday coupon.

Since 19.0.1.4.0, a tier can give its members a coupon on their birthday and
the greeting (email and SMS) names it. The greeting templates are ``noupdate``
data: the file holding them (with the birthday gift activity type) is
reloaded, and their translations with it.
"""

from odoo import SUPERUSER_ID, api
from odoo.tools.convert import convert_file
from odoo.tools.translate import TranslationImporter, get_po_paths

TEMPLATES = [
    "crm_fresh_loyalty.mail_template_birthday_greeting",
    "crm_fresh_loyalty.sms_template_birthday_greeting",
]


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    # "init" mode rewrites the file's noupdate records
    convert_file(env, "crm_fresh_loyalty", "data/crm_care_data.xml", {}, mode="init")
    importer = TranslationImporter(cr, verbose=False)
    for lang, __ in env["res.lang"].get_installed():
        for po_path in get_po_paths("crm_fresh_loyalty", lang):
            importer.load_file(po_path, lang, xmlids=TEMPLATES)
    importer.save(overwrite=True)
