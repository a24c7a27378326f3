# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from odoo.addons.crm_campaign.models import mailing_mailing

from .common import CampaignCase


@tagged("post_install", "-at_install")
class TestCampaignSend(CampaignCase):
    def _messages(self, mailing):
        return self.env["crm.customer.message"].search(
            [("mailing_id", "=", mailing.id)]
        )

    def test_send_to_segment_on_preferred_channels(self):
        """The segment gets the campaign on each customer's channel;
        opted-out and capped customers get nothing."""
        blacklisted, capped = self.segment[1], self.segment[2]
        self.env["mail.blacklist"].sudo()._add(blacklisted.email)
        blacklisted.phone = False
        # The capped customer already had two marketing messages today.
        self.env["crm.customer.message"].sudo()._queue(
            [
                {
                    "partner_id": capped.id,
                    "company_id": self.company.id,
                    "res_model": "res.partner",
                    "res_id": capped.id,
                    "event": f"earlier:{index}",
                    "kind": "marketing",
                    "mail_template_id": self.env.ref(
                        "crm_campaign.mail_template_new_products"
                    ).id,
                    "sms_template_id": False,
                }
                for index in range(2)
            ]
        )._send()
        mailing = self._campaign(crm_control_share=0.0)
        mailing.with_user(self.marketer).action_put_in_queue()
        sent_sms = self._run_mailing_queue()

        self.assertEqual(mailing.state, "done")
        messages = self._messages(mailing)
        self.assertEqual(messages.partner_id, self.segment)
        self.assertEqual(
            messages.filtered(lambda m: m.partner_id == blacklisted).state, "skipped"
        )
        capped_message = messages.filtered(lambda m: m.partner_id == capped)
        self.assertEqual(
            (capped_message.state, capped_message.error),
            ("skipped", "Daily message cap of the customer reached."),
        )
        sent = messages.filtered(lambda m: m.state == "sent")
        self.assertEqual(sent.partner_id, self.segment - blacklisted - capped)
        by_sms = sent.filtered(lambda m: m.channel == "sms").partner_id
        self.assertEqual(
            by_sms, sent.partner_id.filtered(lambda p: p.crm_preferred_channel == "sms")
        )
        self.assertEqual(
            sorted(sms["number"] for sms in sent_sms),
            sorted(by_sms.mapped("phone_sanitized")),
        )
        self.assertIn("happy Spring Festival", sent_sms[0]["body"])
        mails = self.env["mail.mail"].search(
            [
                ("recipient_ids", "in", (self.segment | self.outsiders).ids),
                ("subject", "ilike", "Happy Spring Festival"),
            ]
        )
        self.assertEqual(mails.recipient_ids, sent.partner_id - by_sms)

    def test_outside_segment_and_control_group_get_nothing(self):
        mailing = self._campaign(crm_control_share=25.0)
        mailing.action_put_in_queue()
        self._run_mailing_queue()
        self.assertEqual(len(mailing.crm_control_partner_ids), 5)
        messaged = self._messages(mailing).partner_id
        self.assertFalse(messaged & (self.outsiders | mailing.crm_control_partner_ids))
        self.assertEqual(len(messaged), 15)

    def test_control_group_drawn_once_reproducibly(self):
        """The draw is seeded by the campaign: sending again keeps it."""
        mailing = self._campaign()
        mailing.action_put_in_queue()
        self._run_mailing_queue()
        control = mailing.crm_control_partner_ids
        mailing.action_put_in_queue()
        self._run_mailing_queue()
        self.assertEqual(mailing.crm_control_partner_ids, control)

    def test_large_campaign_sent_in_batches_of_the_queue(self):
        """Each run of the mass mailing cron queues one batch and commits;
        the campaign stays sending, the cron triggered, until all are done."""
        mailing = self._campaign(crm_control_share=0.0)
        mailing.action_put_in_queue()
        cron = self.env.ref("mass_mailing.ir_cron_mass_mailing_queue")
        with patch.object(mailing_mailing, "CAMPAIGN_BATCH_SIZE", 8):
            self._run_mailing_queue()
            self.assertEqual(mailing.state, "sending")
            self.assertEqual(len(self._messages(mailing)), 8)
            self.assertTrue(
                self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]),
                "the next batch is scheduled",
            )
            self._run_mailing_queue()
            self._run_mailing_queue()
        self.assertEqual(mailing.state, "done")
        messages = self._messages(mailing)
        self.assertEqual(len(messages), 20)
        self.assertEqual(messages.partner_id, self.segment)

    def test_quiet_hours_hold_marketing_until_morning(self):
        """Sent at 22:00 Shanghai time with quiet hours 21:00-08:00, the
        campaign waits for 08:00, then the message cron sends it."""
        self.company.write(
            {"crm_message_quiet_start": 21.0, "crm_message_quiet_end": 8.0}
        )
        self.segment.tz = "Asia/Shanghai"
        mailing = self._campaign(crm_control_share=0.0)
        with freeze_time(datetime(2027, 2, 10, 14, 0)):  # 22:00 in Shanghai
            mailing.action_put_in_queue()
            self._run_mailing_queue()
        messages = self._messages(mailing)
        self.assertEqual(set(messages.mapped("state")), {"queued"})
        self.assertEqual(
            set(messages.mapped("next_attempt_date")), {datetime(2027, 2, 11, 0, 0)}
        )
        message_cron = self.env.ref(
            "crm_customer_message.ir_cron_retry_customer_messages"
        )
        with freeze_time(datetime(2027, 2, 10, 23, 0)):  # 07:00 in Shanghai
            message_cron.method_direct_trigger()
        self.assertEqual(set(messages.mapped("state")), {"queued"})
        with freeze_time(datetime(2027, 2, 11, 0, 5)):  # 08:05 in Shanghai
            message_cron.method_direct_trigger()
        self.assertEqual(set(messages.mapped("state")), {"sent"})

    def test_care_manager_runs_campaigns_user_reads_their_effect(self):
        menus = self.assertMenusOpen(self.care_manager, "crm_campaign.menu_campaigns")
        self.assertEqual(
            set(menus.mapped("action")),
            {
                self.env.ref("crm_campaign.mailing_mailing_action_campaign"),
                self.env.ref("crm_campaign.crm_campaign_effect_action"),
            },
        )
        menus = self.assertMenusOpen(self.care_user, "crm_campaign.menu_campaigns")
        self.assertEqual(menus, self.env.ref("crm_campaign.crm_campaign_effect_menu"))

    def test_campaign_goes_to_customers_with_something_to_send(self):
        with self.assertRaisesRegex(ValidationError, "choose Contact"):
            self._campaign(
                mailing_model_id=self.env["ir.model"]._get_id("mailing.list"),
                mailing_filter_id=False,
            )
        mailing = self._campaign(crm_mail_template_id=False, sms_template_id=False)
        with self.assertRaisesRegex(UserError, "nothing to send"):
            mailing.action_put_in_queue()
        with self.assertRaisesRegex(ValidationError, "choose a template for"):
            mailing.crm_mail_template_id = self.env.ref(
                "crm_campaign.mail_template_coupon_offer"
            )


@tagged("post_install", "-at_install")
class TestCampaignCoupons(CampaignCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program = cls.env["loyalty.program"].create(
            {
                "name": "Spring coupon",
                "program_type": "coupons",
                "company_id": cls.company.id,
                "reward_ids": [
                    Command.create(
                        {
                            "reward_type": "discount",
                            "discount_mode": "percent",
                            "discount": 10,
                            "discount_applicability": "order",
                        }
                    )
                ],
            }
        )

    def _coupon_campaign(self, **values):
        return self._campaign(
            crm_coupon_program_id=self.program.id,
            crm_mail_template_id=self.env.ref(
                "crm_campaign.mail_template_coupon_offer"
            ).id,
            sms_template_id=self.env.ref("crm_campaign.sms_template_coupon_offer").id,
            crm_coupon_valid_until=fields.Date.today() + timedelta(days=30),
            **values,
        )

    def _coupons(self, mailing):
        return self.env["loyalty.card"].search([("crm_mailing_id", "=", mailing.id)])

    def test_one_coupon_per_recipient_sent_with_it(self):
        mailing = self._coupon_campaign()
        mailing.action_put_in_queue()
        sent_sms = self._run_mailing_queue()
        coupons = self._coupons(mailing)
        recipients = self.segment - mailing.crm_control_partner_ids
        self.assertEqual(coupons.partner_id, recipients)
        self.assertEqual(len(coupons), len(recipients))
        self.assertEqual(set(coupons.mapped("points")), {1.0})
        messages = self.env["crm.customer.message"].search(
            [("mailing_id", "=", mailing.id)]
        )
        self.assertEqual(messages.mapped("res_model"), ["loyalty.card"] * 18)
        by_sms = coupons.filtered(lambda c: c.partner_id.crm_preferred_channel == "sms")
        self.assertEqual(
            sorted(sms["body"].split(": ", 1)[1] for sms in sent_sms),
            sorted(
                f"dear {c.partner_id.name}, your coupon {c.code} of Spring "
                "coupon is waiting for you."
                for c in by_sms
            ),
        )
        mail = self.env["mail.mail"].search(
            [("recipient_ids", "=", (coupons - by_sms)[0].partner_id.id)]
        )
        self.assertIn((coupons - by_sms)[0].code, mail.body_html)

    def test_coupons_generated_once_when_send_retried(self):
        """A send interrupted after a batch, then run again, and a campaign
        put back in the queue, give no customer a second coupon."""
        mailing = self._coupon_campaign(crm_control_share=0.0)
        mailing.action_put_in_queue()
        with patch.object(mailing_mailing, "CAMPAIGN_BATCH_SIZE", 12):
            self._run_mailing_queue()
            first = self._coupons(mailing)
            self.assertEqual(len(first), 12)
            # The batch is generated again, as after a crash between the
            # coupons and the messages.
            self.assertEqual(mailing._crm_generate_coupons(first.partner_id), first)
            self._run_mailing_queue()
        mailing.action_put_in_queue()
        self._run_mailing_queue()
        coupons = self._coupons(mailing)
        self.assertEqual(len(coupons), 20)
        self.assertEqual(coupons.partner_id, self.segment)
        self.assertLessEqual(first, coupons)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env["loyalty.generate.wizard"].create(
                {
                    "program_id": self.program.id,
                    "mode": "selected",
                    "customer_ids": [Command.set(self.segment[:1].ids)],
                    "crm_mailing_id": mailing.id,
                }
            ).generate_coupons()
            self.env.flush_all()


@tagged("post_install", "-at_install")
class TestCampaignEffect(CampaignCase):
    """Sent five days ago with an effect window of two days: the orders of
    days 5 to 3 ago count, earlier and later ones do not."""

    def test_uplift_on_orders_against_control_group(self):
        mailing = self._campaign(crm_control_share=25.0, crm_effect_days=2)
        mailing.action_put_in_queue()
        start = fields.Datetime.now() - timedelta(days=5)
        with freeze_time(start):
            self._run_mailing_queue()
        self.assertEqual(mailing.crm_start_date, start.replace(microsecond=0))
        control = mailing.crm_control_partner_ids
        recipients = self.segment - control
        self.assertEqual((len(control), len(recipients)), (5, 15))
        # 9 of 15 recipients bought in the window (one twice), 1 of 5 of the
        # control group; orders before the start or after the window, and
        # customers outside the segment, do not count.
        self._orders(
            [(partner, 4, 100.0) for partner in recipients[:9]]
            + [(recipients[0], 4, 50.0), (control[0], 4, 80.0)]
            + [(recipients[9], 1, 500.0), (recipients[10], 6, 500.0)]
            + [(control[1], 1, 500.0), (self.outsiders[0], 4, 500.0)]
        )
        mailing.invalidate_recordset()
        self.assertEqual(
            (
                mailing.crm_recipient_count,
                mailing.crm_recipient_buyer_count,
                mailing.crm_recipient_revenue,
                mailing.crm_control_count,
                mailing.crm_control_buyer_count,
                mailing.crm_control_revenue,
            ),
            (15, 9, 950.0, 5, 1, 80.0),
        )
        self.assertAlmostEqual(mailing.crm_recipient_conversion, 60.0)
        self.assertAlmostEqual(mailing.crm_control_conversion, 20.0)
        self.assertAlmostEqual(mailing.crm_uplift, 40.0)
        # The marketer who sent it reads its results.
        self.assertEqual(
            mailing.with_user(self.marketer).read(["crm_uplift"])[0]["crm_uplift"],
            mailing.crm_uplift,
        )

        # The dashboard's KPI and its drill-down count the same rows.
        self.env["crm.kpi.snapshot"]._crm_snapshot(self.company, self.today)
        snapshot = self.env["crm.kpi.snapshot"].search(
            [("company_id", "=", self.company.id), ("kpi", "=", "campaign_uplift")]
        )
        self.assertAlmostEqual(snapshot.value, 40.0)
        action = self.env["crm.analytics.dashboard"].action_open_kpi(
            "campaign_uplift", self.company.id, "all", fields.Date.to_string(self.today)
        )
        self.assertEqual(action["res_model"], "crm.campaign.effect")
        rows = (
            self.env["crm.campaign.effect"]
            .with_context(**action["context"])
            .search(action["domain"])
        )
        recipient_rows = rows.filtered(lambda r: r.target_group == "recipient")
        control_rows = rows - recipient_rows
        self.assertAlmostEqual(
            100.0 * sum(recipient_rows.mapped("buyer_count")) / len(recipient_rows)
            - 100.0 * sum(control_rows.mapped("buyer_count")) / len(control_rows),
            snapshot.value,
        )

    def test_coupons_used_counted_for_program(self):
        program = self.env["loyalty.program"].create(
            {
                "name": "Spring coupon",
                "program_type": "coupons",
                "company_id": self.company.id,
                "reward_ids": [
                    Command.create(
                        {
                            "reward_type": "discount",
                            "discount_mode": "percent",
                            "discount": 10,
                            "discount_applicability": "order",
                        }
                    )
                ],
            }
        )
        mailing = self._campaign(
            crm_coupon_program_id=program.id,
            crm_mail_template_id=self.env.ref(
                "crm_campaign.mail_template_coupon_offer"
            ).id,
            sms_template_id=False,
        )
        mailing.action_put_in_queue()
        self._run_mailing_queue()
        coupon = self.env["loyalty.card"].search(
            [("crm_mailing_id", "=", mailing.id)], limit=1
        )
        order = (
            self.env["sale.order"]
            .with_company(self.company)
            .create(
                {
                    "partner_id": coupon.partner_id.id,
                    "company_id": self.company.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.apples.id,
                                "price_unit": 100.0,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        status = order._try_apply_code(coupon.code)
        order._apply_program_reward(status[coupon], coupon)
        order.action_confirm()
        mailing.invalidate_recordset()
        self.assertEqual(mailing.crm_coupon_used_count, 1)
        self.assertEqual(mailing.crm_recipient_buyer_count, 1)
        effect = program.action_view_crm_effect()
        rows = self.env["crm.campaign.effect"].search(effect["domain"])
        self.assertEqual(sum(rows.mapped("coupon_used")), 1)
        self.assertEqual(rows.mailing_id, mailing)
