# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import math

from odoo import http
from odoo.exceptions import AccessError, MissingError, ValidationError
from odoo.http import request
from odoo.tools import float_compare, plaintext2html
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.portal.controllers.portal import CustomerPortal

_logger = logging.getLogger(__name__)

#: photos a customer may attach to a return request, and their size
MAX_PHOTOS = 5
MAX_PHOTO_SIZE = 10 * 1024 * 1024
PHOTO_MIMETYPES = {"image/jpeg", "image/png", "image/gif", "image/webp"}


def _posted_id(value):
    """The record id a form posted, or 0 for anything else."""
    try:
        record_id = int(value or 0)
    except ValueError:
        return 0
    # beyond PostgreSQL's integer, no record has that id
    return record_id if 0 < record_id < 2**31 else 0


class RmaRequestPortal(CustomerPortal):
    """Customers ask for the return of a delivered line of their own orders."""

    @http.route(
        ["/my/orders/<int:order_id>/return"],
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_order_return(self, order_id, access_token=None, **post):
        try:
            order_sudo = self._document_check_access(
                "sale.order", order_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        # A shared link (access token) shows an order; only its customer
        # asks for a refund of it.
        customer = request.env.user.partner_id.commercial_partner_id
        if order_sudo.partner_id.commercial_partner_id != customer:
            return request.redirect("/my")
        lines = order_sudo.order_line.filtered(
            lambda line: not line.display_type and line.qty_delivered > 0
        )
        values = {
            "page_name": "rma_request",
            "sale_order": order_sudo,
            "lines": lines,
            "reasons": request.env["rma.reason"].search([]),
            "access_token": access_token,
            "error": False,
            "post": post,
        }
        if request.httprequest.method == "POST":
            rma_sudo, values["error"] = self._create_return_request(
                order_sudo, lines, post
            )
            if rma_sudo:
                return request.redirect(rma_sudo.get_portal_url())
        return request.render("crm_aftersales.portal_rma_request", values)

    def _create_return_request(self, order_sudo, lines, post):
        """A draft return of one of the lines; (return, False) or (False, error)."""
        env = request.env
        line = lines.filtered(
            lambda sale_line: sale_line.id == _posted_id(post.get("sale_line_id"))
        )
        if not line:
            return False, env._("Product: choose the product to return.")
        reason = env["rma.reason"].browse(_posted_id(post.get("reason_id"))).exists()
        if not reason:
            return False, env._("Reason: choose why you return the product.")
        try:
            qty = float(post.get("product_uom_qty") or "")
        except ValueError:
            qty = math.nan
        if not math.isfinite(qty) or qty <= 0:
            return False, env._(
                "Quantity: enter how much you want to return, as a number above 0."
            )
        # Said here in the customer's words: the return's own check names
        # the return, which the customer does not have yet.
        returned = env["rma"].sudo()._crm_returned_qty("sale_line_id", line)[line]
        returnable = max(line.qty_delivered - returned, 0.0)
        if (
            float_compare(
                qty, returnable, precision_rounding=line.product_uom_id.rounding
            )
            > 0
        ):
            return False, env._(
                "Quantity: you can return at most %(qty)s %(uom)s of %(product)s.",
                qty=returnable,
                uom=line.product_uom_id.name,
                product=line.product_id.display_name,
            )
        photos, error = self._read_return_photos()
        if error:
            return False, error
        description = (post.get("description") or "").strip()
        try:
            with env.cr.savepoint():
                # sudo: the customer's access to the order was checked above.
                rma_sudo = (
                    env["rma"]
                    .sudo()
                    .with_context(from_portal=True)
                    .create(
                        {
                            "partner_id": order_sudo.partner_id.id,
                            "company_id": order_sudo.company_id.id,
                            "order_id": order_sudo.id,
                            "sale_line_id": line.id,
                            "product_uom_qty": qty,
                            "reason_id": reason.id,
                            "origin": order_sudo.name,
                            "description": plaintext2html(description),
                        }
                    )
                )
        except ValidationError as error:
            _logger.info("Portal return request refused: %s", error.args[0])
            return False, env._(
                "We could not record your request: check the product and the "
                "quantity, or contact us."
            )
        rma_sudo.message_subscribe(partner_ids=order_sudo.partner_id.ids)
        if photos:
            # The customer's own message, so the photos show on the return's page.
            rma_sudo.message_post(
                body=env._("Photos of what happened"),
                author_id=request.env.user.partner_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                attachments=photos,
            )
        return rma_sudo, False

    def _read_return_photos(self):
        """The posted photos as ``[(name, bytes)]``, or ``([], error)``."""
        env = request.env
        files = [
            upload
            for upload in request.httprequest.files.getlist("photos")
            if upload.filename
        ]
        if len(files) > MAX_PHOTOS:
            return [], env._(
                "Photos: attach at most %(count)s photos.", count=MAX_PHOTOS
            )
        photos = []
        for upload in files:
            data = upload.read()
            if len(data) > MAX_PHOTO_SIZE:
                return [], env._(
                    "Photos: %(name)s is larger than 10 MB; attach a smaller photo.",
                    name=upload.filename,
                )
            if guess_mimetype(data) not in PHOTO_MIMETYPES:
                return [], env._(
                    "Photos: %(name)s is not a photo; attach JPEG or PNG pictures.",
                    name=upload.filename,
                )
            photos.append((upload.filename, data))
        return photos, False
