# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    """Sensitive values follow the merged customers.

    A customer has one value per attribute: Odoo's merge would delete every
    value of the merged customers as soon as one attribute is set on both.
    The kept customer's values stay; each attribute it lacks takes the value
    of the first merged customer holding one (the ciphertext is bound to the
    attribute, not the customer, so it moves as it is).

    The change logs of the merged customers follow the kept one too, so that
    erasing it erases them (they hold the merged customers' data).
    """

    _inherit = "base.partner.merge.automatic.wizard"

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        partners = self.env["res.partner"].browse(partner_ids)
        res = super()._merge(
            partner_ids, dst_partner=dst_partner, extra_checks=extra_checks
        )
        kept = partners.exists()
        merged_ids = set(partners.ids) - set(kept.ids)
        if len(kept) == 1 and merged_ids:
            # sudo: the merge rights were checked by the wizard; change logs
            # are the administrators' records
            self.env["auditlog.log"].sudo().search(
                [
                    ("model_model", "=", "res.partner"),
                    ("res_id", "in", list(merged_ids)),
                ]
            ).write({"res_id": kept.id})
        return res

    def _update_foreign_keys(self, src_partners, dst_partner):
        self._crm_merge_sensitive_values(src_partners, dst_partner)
        return super()._update_foreign_keys(src_partners, dst_partner)

    def _crm_merge_sensitive_values(self, src_partners, dst_partner):
        # sudo: the merge rights were checked by the wizard; values are
        # Personal Data records the merging user may not write
        values_sudo = (
            self.env["crm.sensitive.value"]
            .sudo()
            .search(
                [("partner_id", "in", (src_partners | dst_partner).ids)],
                order="id",
            )
        )
        src_values = values_sudo.filtered(lambda value: value.partner_id != dst_partner)
        held = set((values_sudo - src_values).attribute_id.ids)
        moved = values_sudo.browse()
        for value in src_values:
            if value.attribute_id.id not in held:
                held.add(value.attribute_id.id)
                moved |= value
        (src_values - moved).unlink()
        moved.write({"partner_id": dst_partner.id})
