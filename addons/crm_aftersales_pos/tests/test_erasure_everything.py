# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date
from unittest.mock import patch

from odoo import Command, fields
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL, config

from odoo.addons.crm_customer_privacy.tests.test_encryption import KEY_A
from odoo.addons.point_of_sale.tests.common import CommonPosTest

NAME = "Ouyang Xiaoming"
PHONE = "+8613911112222"
EMAIL = "ouyang.xm@example.com"
STREET = "127 Huaihai Middle Road"
NATIONAL_ID = "31010419850505123X"
PASSPORT = "PX73918465"
OLD_EMAIL = "ouyang.old@example.com"


def columns_holding(cr, value):
    """table.column of every text, varchar, html (text) and jsonb column of
    the database holding ``value``."""
    cr.execute(
        """
        SELECT c.table_name, c.column_name
          FROM information_schema.columns c
          JOIN information_schema.tables t
            ON t.table_schema = c.table_schema AND t.table_name = c.table_name
         WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
           AND c.data_type IN ('text', 'character varying', 'jsonb')
        """
    )
    found = []
    for table, column in cr.fetchall():
        cr.execute(
            SQL(
                "SELECT 1 FROM %s WHERE %s::text ILIKE %s LIMIT 1",
                SQL.identifier(table),
                SQL.identifier(column),
                f"%{value}%",
            )
        )
        if cr.fetchone():
            found.append(f"{table}.{column}")
    return found


@tagged("post_install", "-at_install")
class TestErasureLeavesNothing(CommonPosTest):
    """A customer with every kind of record is erased: no text column of the
    database keeps their name, phone, email, street or national ID; orders
    and ledger lines stay, anonymised."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.startClassPatcher(patch.dict(config.options, {"crm_encryption_key": KEY_A}))
        # the records of every department, made in sudo
        cls.env = cls.env(su=True)
        cls.care_manager = new_test_user(
            cls.env,
            login="erasure_manager",
            groups="crm_fresh_loyalty.group_customer_care_manager",
            company_id=cls.env.company.id,
            company_ids=[Command.set(cls.env.company.ids)],
        )
        today = fields.Date.context_today(cls.env["res.partner"])
        cls.customer = cls.env["res.partner"].create(
            {
                "name": NAME,
                "phone": PHONE,
                "email": EMAIL,
                "street": STREET,
                "city": "Shanghai",
                "birthdate_date": date(1985, today.month, today.day),
                "crm_national_id": NATIONAL_ID,
                "customer_rank": 1,
            }
        )
        passport = cls.env["crm.sensitive.attribute"].create({"name": "Passport"})
        cls.env["crm.sensitive.value"].create(
            {
                "partner_id": cls.customer.id,
                "attribute_id": passport.id,
                "value": PASSPORT,
            }
        )
        cls._merge_duplicate()
        cls.portal_user = cls.env["res.users"].create(
            {
                "login": EMAIL,
                "partner_id": cls.customer.id,
                "group_ids": [Command.set(cls.env.ref("base.group_portal").ids)],
            }
        )
        cls.program = cls.env["loyalty.program"].create(
            {
                "name": "Erasure Club",
                "program_type": "loyalty",
                "applies_on": "both",
                "trigger": "auto",
                "rule_ids": [
                    Command.create(
                        {"reward_point_mode": "money", "reward_point_amount": 1}
                    )
                ],
            }
        )
        cls.card = cls.env["loyalty.card"].create(
            {"program_id": cls.program.id, "partner_id": cls.customer.id}
        )
        cls.product = cls.twenty_dollars_no_tax.product_variant_id
        cls.sale_order = cls._sell()
        # an e-commerce order, where the shop is installed
        web_vals = {}
        if "website_id" in cls.env["sale.order"]._fields:
            web_vals["website_id"] = cls.env["website"].search([], limit=1).id
        cls.web_order = cls._sell(**web_vals)
        cls.pos_order = cls._pos_order()
        cls._complaint_compensation_and_return()
        cls._interaction_greeting_and_sms()
        cls.ledger = cls.card.history_ids

    @classmethod
    def _merge_duplicate(cls):
        duplicate = cls.env["res.partner"].create(
            {"name": NAME, "email": OLD_EMAIL, "phone": PHONE, "street": STREET}
        )
        duplicate.message_post(body=f"Walk-in {NAME}, {OLD_EMAIL}")
        wizard = cls.env["base.partner.merge.automatic.wizard"].create(
            {
                "partner_ids": [Command.set((duplicate | cls.customer).ids)],
                "dst_partner_id": cls.customer.id,
            }
        )
        wizard.action_merge()

    @classmethod
    def _sell(cls, **vals):
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "order_line": [
                    Command.create({"product_id": cls.product.id, "product_uom_qty": 2})
                ],
                **vals,
            }
        )
        order.action_confirm()
        return order

    @classmethod
    def _pos_order(cls):
        order, _refund = cls.create_backend_pos_order(
            cls,
            {
                "order_data": {"partner_id": cls.customer.id},
                "line_data": [{"product_id": cls.product.id, "qty": 1}],
                "payment_data": [
                    {"payment_method_id": cls.cash_payment_method.id, "amount": 20}
                ],
            },
        )
        return order

    @classmethod
    def _complaint_compensation_and_return(cls):
        # filed on the portal: the ticket keeps the name and email it came with
        ticket = (
            cls.env["helpdesk.ticket"]
            .with_user(cls.portal_user)
            .sudo()
            .create(
                {
                    "name": f"Mouldy strawberries for {NAME}",
                    "description": f"<p>Call me on {PHONE}, {STREET}</p>",
                    "partner_id": cls.customer.id,
                    "partner_name": NAME,
                    "partner_email": EMAIL,
                }
            )
        )
        ticket.message_post(
            body=f"Dear {NAME}, we will call {PHONE}.", message_type="comment"
        )
        cls.env["crm.complaint.compensation"].create(
            {
                "ticket_id": ticket.id,
                "partner_id": cls.customer.id,
                "compensation_type": "points",
                "amount": 10,
            }
        )
        ticket.stage_id = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        rma = cls.env["rma"].create(
            {
                "partner_id": cls.customer.id,
                "pos_order_id": cls.pos_order.id,
                "pos_order_line_id": cls.pos_order.lines.id,
                "product_uom_qty": 1,
                "reason_id": cls.env.ref("crm_aftersales.rma_reason_spoiled").id,
                "operation_id": cls.env.ref(
                    "crm_aftersales.rma_operation_refund_without_return"
                ).id,
                "description": f"<p>{NAME} brought it back</p>",
            }
        )
        rma.action_cancel()

    @classmethod
    def _interaction_greeting_and_sms(cls):
        call_type = cls.env["mail.activity.type"].search(
            [("crm_is_interaction", "=", True)], limit=1
        )
        cls.env["crm.interaction.log.wizard"].create(
            {
                "partner_id": cls.customer.id,
                "activity_type_id": call_type.id,
                "summary": f"Called {NAME}",
                "outcome": "reached",
                "feedback": f"Prefers {EMAIL}",
            }
        ).action_log()
        cls.env["res.partner"]._crm_send_birthday_greetings()
        cls.customer._message_sms(f"Hello {NAME}", partner_ids=cls.customer.ids)

    def test_erasure_leaves_nothing(self):
        for value in (NAME, PHONE, EMAIL, STREET, OLD_EMAIL):
            self.assertTrue(columns_holding(self.env.cr, value), value)
        self.customer.with_user(self.care_manager).action_crm_erase_personal_data()
        self.env.flush_all()
        leftovers = {
            value: columns_holding(self.env.cr, value)
            for value in (NAME, PHONE, EMAIL, STREET, NATIONAL_ID, PASSPORT, OLD_EMAIL)
        }
        self.assertEqual(leftovers, {value: [] for value in leftovers})
        orders = self.sale_order | self.web_order
        self.assertEqual(orders.exists().partner_id, self.customer)
        self.assertEqual(self.pos_order.exists().partner_id, self.customer)
        self.assertEqual(self.card.history_ids, self.ledger)
        self.assertTrue(self.ledger)
