# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class Base(models.AbstractModel):
    """Customers shown by name in any record: the many2one values that Odoo
    names in sudo are masked for the user reading them, when the name shows
    the email or the address (``res_partner.py``)."""

    _inherit = "base"

    def _crm_partner_many2one(self, fname):
        field = self._fields.get(fname)
        return (
            field is not None
            and field.type == "many2one"
            and field.comodel_name == "res.partner"
        )

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        Partner = self.env["res.partner"]
        if not (
            load == "_classic_read"
            and result
            and Partner._crm_display_shows_personal_data()
        ):
            return result
        for fname in filter(self._crm_partner_many2one, fnames):
            names = Partner._crm_mask_display_names(
                dict(vals[fname] for vals in result if vals[fname])
            )
            for vals in result:
                if vals[fname]:
                    vals[fname] = (vals[fname][0], names[vals[fname][0]])
        return result

    @api.readonly
    def web_read(self, specification):
        result = super().web_read(specification)
        for fname, spec in specification.items():
            if not (
                result
                and self._crm_partner_many2one(fname)
                and "display_name" in spec.get("fields", {})
            ):
                continue
            Partner = self.env["res.partner"].with_context(**spec.get("context", {}))
            values = [vals[fname] for vals in result if vals[fname]]
            names = Partner._crm_mask_display_names(
                {value["id"]: value["display_name"] for value in values}
            )
            for value in values:
                value["display_name"] = names[value["id"]]
        return result
