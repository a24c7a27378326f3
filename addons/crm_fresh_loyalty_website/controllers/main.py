# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.http import request

from odoo.addons.crm_fresh_loyalty.models.res_partner import BLOCKING_DUPLICATE_KEYS
from odoo.addons.website_sale.controllers.main import WebsiteSale


class CrmWebsiteSale(WebsiteSale):
    """A guest checking out: the customer Odoo creates from the address form
    comes from the online shop.

    When the guest types the phone or email of an existing customer, the
    order still goes through, on the new customer: nothing proves that the
    guest is that customer, so the existing customer's points, addresses and
    orders stay out of the anonymous cart. The new customer is kept as an
    accepted duplicate, whatever the company's duplicate policy: its
    *Duplicate Accepted Because* and chatter say it was a guest checkout, and
    it is listed in *Possible Duplicates*, where staff merge it into the
    existing customer once they have checked it is the same person (the
    merge moves the order and the points it earned).
    """

    def _complete_address_values(
        self, address_values, *args, order_sudo=False, **kwargs
    ):
        super()._complete_address_values(
            address_values, *args, order_sudo=order_sudo, **kwargs
        )
        if not order_sudo or not order_sudo._is_anonymous_cart():
            return
        address_values["crm_source_channel"] = "online_shop"
        if self._crm_shares_a_customer_key(address_values):
            address_values["crm_duplicate_reason"] = request.env._(
                "Guest checkout on the online shop with the phone or email of an "
                "existing customer: merge them once the customer confirms it is "
                "them."
            )
            # The address is created as superuser: ask for the duplicate check
            # of the model, which notes the accepted duplicate in the chatter.
            request.update_context(crm_duplicate_check=True)

    def _crm_shares_a_customer_key(self, address_values):
        """Whether the new customer of these address values shares a phone or
        an email with an existing customer."""
        new_partner_sudo = (
            request.env["res.partner"]
            .sudo()
            .new(
                {
                    fname: address_values[fname]
                    for fname in ("name", "phone", "email", "country_id")
                    if fname in address_values
                }
            )
        )
        found = new_partner_sudo._crm_find_duplicates().get(new_partner_sudo, {})
        return any(reasons & BLOCKING_DUPLICATE_KEYS for reasons in found.values())
