# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from .res_partner_privacy import mask_contact_address, mask_email

# Context keys that make a customer's display name show personal data
# (``res.partner._compute_display_name``).
DISPLAY_CONTEXT_KEYS = ("show_email", "show_address")


class ResPartner(models.Model):
    """Display names with the email or the address (``show_email``,
    ``show_address``, also in their formatted variant) are masked like the
    email and street themselves.

    Odoo computes display names in sudo wherever it shows a record by name
    (many2one values of ``read`` and ``web_read``, ``name_search``): there,
    the names are masked on their way out, for the user of the request (see
    ``base.py`` and ``name_search`` below). Business code in sudo, like the
    address block of printed documents, keeps the full names.
    """

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _crm_display_shows_personal_data(self):
        return any(self.env.context.get(key) for key in DISPLAY_CONTEXT_KEYS)

    def _crm_mask_display_name(self, name):
        """``name``, a display name of this partner, with its email and
        street masked."""
        self.ensure_one()
        # sudo: the name of a partner may be shown to a user who may not read
        # it (a many2one value); only its own email and street are replaced
        partner_sudo = self.sudo()
        if partner_sudo.email:
            name = name.replace(partner_sudo.email, mask_email(partner_sudo.email))
        return mask_contact_address(partner_sudo, name)

    @api.model
    def _crm_mask_display_names(self, names):
        """``names`` ({partner id: display name}) with the names of the
        partners the user reads masked, masked."""
        if not (self._crm_display_shows_personal_data() and names):
            return names
        partners = self.browse(names).with_env(self.env(su=False))
        if not partners._crm_personal_data_applies():
            return names
        masked_ids = set((partners - partners._crm_personal_data_unmasked())._ids)
        return {
            partner_id: (
                self.browse(partner_id)._crm_mask_display_name(name)
                if partner_id in masked_ids
                else name
            )
            for partner_id, name in names.items()
        }

    @api.depends_context("uid", "company")
    def _compute_display_name(self):
        super()._compute_display_name()
        if not self._crm_display_shows_personal_data():
            return
        for partner in self - self._crm_personal_data_unmasked():
            partner.display_name = partner._crm_mask_display_name(partner.display_name)

    @api.model
    @api.readonly
    def name_search(self, name="", domain=None, operator="ilike", limit=100):
        pairs = super().name_search(name, domain=domain, operator=operator, limit=limit)
        masked = self._crm_mask_display_names(dict(pairs))
        return [(partner_id, masked[partner_id]) for partner_id, _name in pairs]
