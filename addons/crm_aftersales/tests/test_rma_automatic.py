# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from .common_rma import ReturnCase


@tagged("post_install", "-at_install")
class TestRmaAutomatic(ReturnCase):
    """Operations that refund or replace automatically wait for the
    inspection and the approval, then go on by themselves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.op_auto_refund = cls.env["rma.operation"].create(
            {
                "name": "Refund automatically after receipt",
                "action_create_receipt": "automatic_on_confirm",
                "action_create_delivery": False,
                "action_create_refund": "automatic_after_receipt",
            }
        )
        cls.op_auto_replace_no_return = cls.env["rma.operation"].create(
            {
                "name": "Replace automatically without return",
                "action_create_receipt": False,
                "action_create_delivery": "automatic_on_confirm",
                "action_create_refund": False,
                "photo_evidence_required": True,
            }
        )

    def test_automatic_refund_waits_for_the_inspection(self):
        rma = self._create_return(2.0, operation=self.op_auto_refund)
        self._confirm_and_receive(rma)
        self.assertEqual(rma.state, "received")
        self.assertFalse(rma.refund_id)
        self._inspect(rma)
        self.assertEqual(rma.state, "refunded")
        self.assertEqual(rma.refund_id.amount_total, 20.0)

    def test_automatic_refund_waits_for_the_approval(self):
        rma = self._create_return(8.0, operation=self.op_auto_refund)
        self._confirm_and_receive(rma)
        self._inspect(rma)
        self.assertFalse(rma.refund_id)
        rma.with_user(self.care_manager).action_approve()
        self.assertEqual(rma.state, "refunded")
        self.assertEqual(rma.refund_id.amount_total, 80.0)

    def test_automatic_replacement_waits_for_the_photos(self):
        rma = self._create_return(2.0, operation=self.op_auto_replace_no_return)
        rma.action_confirm()
        self.assertEqual(rma.state, "confirmed")
        self.assertFalse(rma.delivery_move_ids)
        self._attach_photo(rma)
        self._inspect(rma, responsibility="delivery")
        self.assertEqual(rma.state, "waiting_replacement")
        self.assertEqual(rma.delivery_move_ids.product_uom_qty, 2.0)

    def test_inspection_photos_are_images(self):
        rma = self._create_return(2.0, operation=self.op_refund_no_return)
        text = self.env["ir.attachment"].create(
            {"name": "notes.txt", "raw": b"spoiled", "mimetype": "text/plain"}
        )
        with self.assertRefused("notes.txt"):
            rma.inspection_photo_ids = [Command.link(text.id)]
