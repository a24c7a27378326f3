# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.crm_analytics.tests.common import AnalyticsCase
from odoo.addons.sms.tests.common import MockSMS


class CampaignCase(AnalyticsCase, MockSMS):
    """A churn-warning segment of 20 customers (the suite's segment filter),
    two customers outside it, and a marketer running the campaigns."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.marketer = new_test_user(
            cls.env,
            login="campaign_marketer",
            groups="mass_mailing.group_mass_mailing_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.company.write(
            {
                "crm_message_daily_cap": 2,
                "crm_message_quiet_start": 0.0,
                "crm_message_quiet_end": 0.0,
            }
        )
        # The SMS queue sends per company: leave it to the test's.
        cls.env["sms.sms"].sudo().search([("state", "=", "outgoing")]).unlink()
        cls.segment = cls.env["res.partner"]
        for index in range(20):
            cls.segment |= cls._segment_customer(index, "churn_warning")
        cls.outsiders = cls._segment_customer(20, "active") | cls._segment_customer(
            21, "loyal"
        )

    @classmethod
    def _segment_customer(cls, index, stage):
        # Every third customer prefers SMS, the others email (the default).
        partner = cls._customer(
            f"Customer {index:02d}",
            email=f"customer{index:02d}@example.com",
            phone=f"+86 138 0000 {index:04d}",
            crm_preferred_channel="sms" if index % 3 == 0 else "email",
        )
        cls.env["crm.customer.analytics"].create(
            {
                "partner_id": partner.id,
                "company_id": cls.company.id,
                "lifecycle_stage": stage,
            }
        )
        return partner

    def _campaign(self, **values):
        return (
            self.env["mailing.mailing"]
            .with_user(self.marketer)
            .with_context(default_mailing_type="crm_message")
            .create(
                {
                    "subject": "Spring Festival",
                    "crm_company_id": self.company.id,
                    "mailing_filter_id": self.env.ref(
                        "crm_campaign.mailing_filter_churn_warning"
                    ).id,
                    "crm_mail_template_id": self.env.ref(
                        "crm_campaign.mail_template_spring_festival"
                    ).id,
                    "sms_template_id": self.env.ref(
                        "crm_campaign.sms_template_spring_festival"
                    ).id,
                    **values,
                }
            )
        )

    def _run_mailing_queue(self):
        """One run of Odoo's mass mailing cron, then of the SMS queue (the
        gateway mocked as in Odoo's tests)."""
        self.env.ref("mass_mailing.ir_cron_mass_mailing_queue").method_direct_trigger()
        with self.mockSMSGateway():
            self.env.ref("sms.ir_cron_sms_scheduler_action").method_direct_trigger()
        return self._sms
