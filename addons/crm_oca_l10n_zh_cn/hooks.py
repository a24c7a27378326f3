# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Ship the translations of other modules.

Odoo loads the *model* terms of a .po file by the external id in each
reference (``model:ir.ui.view,arch_db:helpdesk_mgmt.portal_ticket_page``), so
this addon's ``i18n/zh_CN.po`` translates the fields, views, menus, stages
and mail templates of helpdesk_mgmt and rma like their own file would.

*Code* terms (Python ``_()`` and the web client's JavaScript and QWeb) are
read at run time from the .po files of the module that owns the string only
(``odoo.tools.translate.CodeTranslations``), so the ``post_load`` hook lets
that reader also take the code terms this addon carries for the module,
those of ``i18n/`` (OCA addons) and ``i18n_extra/`` (corrections of Odoo's
own Chinese), which take precedence over the module's own.
"""

import functools

from odoo.tools.misc import file_open
from odoo.tools.translate import (
    CodeTranslations,
    TranslationImporter,
    code_translations,
    get_po_paths,
    translation_file_reader,
)

MODULE = "crm_oca_l10n_zh_cn"


@functools.cache
def _code_terms(lang):
    """{module: [row]} of the code terms this addon translates into ``lang``."""
    terms = {}
    for po_path in get_po_paths(MODULE, lang):
        with file_open(po_path, mode="rb") as po_file:
            for row in translation_file_reader(po_file, fileformat="po"):
                if row.get("type") == "code" and row.get("src") and row.get("value"):
                    # the module owning the code ("addons/rma/..."): Odoo's reader
                    # takes it from the comment, which a term shared by several
                    # modules cannot give for each
                    path = row["name"].split("/")
                    module = path[1] if path[0] == "addons" else row["module"]
                    terms.setdefault(module, []).append(row)
    return terms


def post_load():
    get_module_terms = CodeTranslations._get_code_translations
    if getattr(get_module_terms, "_crm_oca_l10n_zh_cn", False):
        return

    def _get_code_translations(module_name, lang, filter_func):
        translations = get_module_terms(module_name, lang, filter_func)
        for row in _code_terms(lang).get(module_name, ()):
            if filter_func(row):
                translations[row["src"]] = row["value"]
        return translations

    _get_code_translations._crm_oca_l10n_zh_cn = True
    CodeTranslations._get_code_translations = staticmethod(_get_code_translations)
    # terms read before this hook ran are read again, with ours
    code_translations.python_translations.clear()
    code_translations.web_translations.clear()


def post_init_hook(env):
    """Replace the wrong terms the OCA modules ship (rma's zh_CN says 退货,
    "return goods", for Refund) in the languages already installed: the
    standard load after installation keeps existing translations."""
    langs = [code for code, _name in env["res.lang"].get_installed() if code != "en_US"]
    importer = TranslationImporter(env.cr, verbose=False)
    for lang in langs:
        for po_path in get_po_paths(MODULE, lang):
            importer.load_file(po_path, lang)
    importer.save(overwrite=True, force_overwrite=True)
