# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

MAIL = "crm_customer_message.mail_template_test_greeting"
SMS = "crm_customer_message.sms_template_test_greeting"


def load_test_templates(env):
    """A mail and an SMS template of a greeting on res.partner, under the
    XML ids MAIL and SMS: ``_crm_notify`` takes the XML ids of the event's
    templates, which belong to the addon owning the event."""
    partner_model = env.ref("base.model_res_partner").id
    env["mail.template"]._load_records(
        [
            {
                "xml_id": MAIL,
                "noupdate": True,
                "values": {
                    "name": "Test: greeting",
                    "model_id": partner_model,
                    "subject": "Happy birthday, {{ object.name }}!",
                    "partner_to": "{{ object.id }}",
                    "body_html": "<p>Happy birthday, <t t-out='object.name'/>!</p>",
                },
            }
        ]
    )
    env["sms.template"]._load_records(
        [
            {
                "xml_id": SMS,
                "noupdate": True,
                "values": {
                    "name": "Test: greeting",
                    "model_id": partner_model,
                    "body": "{{ user.company_id.name }}: happy birthday, "
                    "{{ object.name }}!",
                },
            }
        ]
    )


class CustomerMessageCase(BaseCommon):
    """A message user, and the test greeting templates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.care_user = new_test_user(
            cls.env,
            login="message_user",
            groups="crm_customer_message.group_crm_message_user",
        )
        load_test_templates(cls.env)
