# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, tagged

from .common_rma import ReturnCase

# The configuration models of rma and the helpdesk this addon adds fields to,
# and the settings.
CONFIGURATION_MODELS = (
    "rma.operation",
    "helpdesk.ticket.category",
    "helpdesk.ticket.type",
    "res.config.settings",
)


@tagged("post_install", "-at_install")
class TestRmaOperationConfig(ReturnCase):
    """A customer care manager configures the return operations that take
    photos as evidence in the operation's own form; every return of such an
    operation then waits for an inspection with photos."""

    def test_manager_requires_photos_in_operation_form(self):
        with Form(self.env["rma.operation"].with_user(self.care_manager)) as form:
            form.name = "Compensate without return"
            form.action_create_receipt = False
            form.action_create_delivery = False
            form.action_create_refund = "manual_on_confirm"
            form.photo_evidence_required = True
        operation = form.record
        rma = self._create_return(2.0, operation=operation)
        rma.action_confirm()
        rma.write(
            {"inspection_result": "pass", "inspection_responsibility": "delivery"}
        )
        with self.assertRefused("Inspection Photos"):
            rma.action_inspection_done()
        self.assertFalse(rma.inspection_date)
        self.assertFalse(rma.can_be_refunded)

    def test_photo_evidence_is_inspected_whatever_the_reason(self):
        no_inspection = self.env["rma.reason"].create(
            {"name": "Changed my mind", "inspection_required": False}
        )
        rma = self._create_return(
            2.0, operation=self.op_refund_no_return, reason_id=no_inspection.id
        )
        rma.action_confirm()
        self.assertFalse(rma.can_be_refunded)
        rma.write(
            {"inspection_result": "pass", "inspection_responsibility": "delivery"}
        )
        with self.assertRefused("Inspection Photos"):
            rma.action_inspection_done()
        self._attach_photo(rma)
        rma.action_inspection_done()
        self.assertTrue(rma.can_be_refunded)

    def test_operation_list_shows_photo_evidence(self):
        arch = self.env["rma.operation"].get_views([(False, "list")])["views"]["list"][
            "arch"
        ]
        self.assertIn('name="photo_evidence_required"', arch)

    def test_configuration_fields_are_in_their_forms(self):
        field_ids = (
            self.env["ir.model.data"]
            .search(
                [("module", "=", "crm_aftersales"), ("model", "=", "ir.model.fields")]
            )
            .mapped("res_id")
        )
        added = (
            self.env["ir.model.fields"]
            .browse(field_ids)
            .filtered(
                lambda field: field.model in CONFIGURATION_MODELS and not field.readonly
            )
        )
        self.assertIn("photo_evidence_required", added.mapped("name"))
        missing = []
        for model in CONFIGURATION_MODELS:
            arch = self.env[model].get_views([(False, "form")])["views"]["form"]["arch"]
            missing += [
                f"{model}.{field.name}"
                for field in added.filtered(
                    lambda field, model=model: field.model == model
                )
                if f'name="{field.name}"' not in arch
            ]
        self.assertEqual(missing, [])
