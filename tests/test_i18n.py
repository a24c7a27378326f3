# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every translatable term of the suite ships in its .pot and in zh_CN.

The terms are read from the installed code and data by Odoo's own exporter
(the one ``odoo i18n export`` uses), so a string added without regenerating
the template (``bin/i18n``) or without translating it fails here, naming it.
"""

from pathlib import Path

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader, polib

ADDONS_DIR = Path(__file__).resolve().parent.parent / "addons"
SUITE_ADDONS = (
    "crm_customer_privacy",
    "crm_customer_message",
    "crm_fresh_loyalty",
    "crm_aftersales",
    "crm_analytics",
    "crm_fresh_loyalty_pos",
    "crm_aftersales_pos",
    "crm_analytics_aftersales",
    "crm_analytics_pos",
    "crm_analytics_website",
    "crm_fresh_loyalty_website",
    "crm_campaign",
)
# OCA addons that ship no zh_CN: crm_oca_l10n_zh_cn translates their terms
OCA_ADDONS = (
    "helpdesk_mgmt",
    "helpdesk_mgmt_sla",
    "helpdesk_mgmt_rating",
    "helpdesk_type",
    "rma",
    "mgmtsystem_action",
    "partner_contact_personal_information_page",
)


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.terms = {addon: set() for addon in SUITE_ADDONS}
        reader = TranslationModuleReader(cls.env.cr, modules=list(SUITE_ADDONS))
        for module, _type, _name, _res_id, source, _value, _comments in reader:
            if module in cls.terms:
                cls.terms[module].add(source)

    def _po(self, addon, filename):
        return polib.pofile(str(ADDONS_DIR / addon / "i18n" / filename))

    def test_templates_hold_every_term(self):
        for addon in SUITE_ADDONS:
            with self.subTest(addon=addon):
                self.assertTrue(self.terms[addon], f"{addon} exports no term")
                template = {entry.msgid for entry in self._po(addon, f"{addon}.pot")}
                missing = sorted(self.terms[addon] - template)
                if missing:
                    self.fail(
                        f"{addon}/i18n/{addon}.pot lacks {len(missing)} terms; "
                        f"run bin/i18n: {missing}"
                    )

    def test_zh_cn_translates_every_term(self):
        for addon in SUITE_ADDONS:
            with self.subTest(addon=addon):
                translated = {
                    entry.msgid
                    for entry in self._po(addon, "zh_CN.po")
                    if entry.msgstr.strip() and not entry.fuzzy and not entry.obsolete
                }
                untranslated = sorted(self.terms[addon] - translated)
                if untranslated:
                    self.fail(
                        f"{addon}/i18n/zh_CN.po does not translate "
                        f"{len(untranslated)} terms: {untranslated}"
                    )

    def test_zh_cn_translates_the_oca_addons(self):
        terms = {addon: set() for addon in OCA_ADDONS}
        reader = TranslationModuleReader(self.env.cr, modules=list(OCA_ADDONS))
        for module, _type, _name, _res_id, source, _value, _comments in reader:
            if module in terms:
                terms[module].add(source)
        translated = {
            entry.msgid
            for entry in self._po("crm_oca_l10n_zh_cn", "zh_CN.po")
            if entry.msgstr.strip() and not entry.fuzzy and not entry.obsolete
        }
        for addon in OCA_ADDONS:
            with self.subTest(addon=addon):
                self.assertTrue(terms[addon], f"{addon} exports no term")
                untranslated = sorted(terms[addon] - translated)
                if untranslated:
                    self.fail(
                        f"crm_oca_l10n_zh_cn/i18n/zh_CN.po does not translate "
                        f"{len(untranslated)} terms of {addon}: {untranslated}"
                    )
