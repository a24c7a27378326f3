# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from psycopg2 import IntegrityError
from psycopg2.errors import ReadOnlySqlTransaction

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import mute_logger

ACCESS_TYPES = [
    ("read", "Read"),
    ("open", "Opened"),
    ("export", "Export"),
    ("reveal", "Reveal"),
]
# What a person chooses to see, counted towards the unusual access limit:
# reads come with every list, kanban and chatter, and are only logged.
COUNTED_ACCESS_TYPES = ("open", "export", "reveal")


class CrmPersonalDataAccessLog(models.Model):
    """Who saw which customer's personal data, when, and how.

    Rows are written by the ORM overrides of ``res.partner`` (in sudo, the
    reader does not need to write the log) and read by the Data Protection
    Officer. Unmasked reads and opened forms are logged once per user,
    customer and hour (those of the national ID every time), exports and
    reveals every time. Only opened forms, exports and reveals count towards
    the unusual access limit.
    """

    _name = "crm.personal.data.access.log"
    _inherit = ("mail.thread", "mail.activity.mixin")
    _description = "Personal Data Access Log"
    _order = "create_date desc, id desc"
    _rec_name = "partner_id"

    user_id = fields.Many2one("res.users", required=True, readonly=True, index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    access_type = fields.Selection(ACCESS_TYPES, required=True, readonly=True)
    field_names = fields.Char(
        string="Fields Seen", readonly=True, help="Technical names of the fields seen."
    )
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    is_alert = fields.Boolean(
        string="Unusual Access",
        readonly=True,
        help="This access took the user over the hourly customer limit of "
        "their role; the "
        "Data Protection Officers got an activity on it.",
    )

    alert_hour = fields.Datetime(
        readonly=True, help="The hour of the alert: one alert per user and hour."
    )

    _user_date_idx = models.Index("(user_id, create_date)")
    _alert_hour_unique = models.UniqueIndex(
        "(user_id, alert_hour)", "A user gets one unusual access alert per hour."
    )

    @api.model
    def _crm_log(self, partners, access_type, field_names, always=False):
        """Log an access of the current user to ``partners`` and raise the
        unusual access alert when it takes them over the hourly limit.
        Reads and opened forms are logged once per customer and hour,
        unless ``always``."""
        if not partners:
            return self.browse()
        log_sudo = self.sudo().with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True
        )
        since = fields.Datetime.now() - timedelta(hours=1)
        # customers not yet seen this way this hour: they count
        unseen = partners
        if access_type in ("read", "open"):
            # Reads come with every screen, the chatter's included: log the
            # customers (not colleagues), once per customer and hour; opened
            # forms too, the limit counting customers, not visits. A read of
            # the national ID is logged each time all the same.
            partners = partners.filtered("partner_share")
            logged = log_sudo.search_fetch(
                [
                    ("user_id", "=", self.env.uid),
                    ("create_date", ">=", since),
                    ("partner_id", "in", partners.ids),
                    ("access_type", "=", access_type),
                ],
                ["partner_id"],
            )
            unseen = partners - logged.partner_id
            if not always:
                partners = unseen
        if not partners:
            return self.browse()
        if self.env.cr.readonly:
            # A read-only request (a web read) cannot log: have Odoo replay it
            # on a read/write cursor, as it does for any write in such a
            # request, without sending PostgreSQL a write it must refuse.
            raise ReadOnlySqlTransaction("Logging a personal data access")
        logs = log_sudo.create(
            [
                {
                    "user_id": self.env.uid,
                    "partner_id": partner.id,
                    "access_type": access_type,
                    "field_names": ",".join(sorted(field_names)),
                    "company_id": self.env.company.id,
                }
                for partner in partners
            ]
        )
        if access_type in COUNTED_ACCESS_TYPES and unseen:
            logs._crm_check_unusual_access(since)
        return logs

    def _crm_check_unusual_access(self, since):
        """Alert the Data Protection Officers, once per user and hour, when the
        user of these new logs opened, exported or revealed more customers in
        the hour than their role allows."""
        if not self:
            return
        limit = self.env["crm.personal.data.threshold"]._crm_limit(
            self.env.user, self.env.company
        )
        user_domain = (
            Domain("user_id", "=", self.env.uid)
            & Domain("create_date", ">=", since)
            & Domain("access_type", "in", COUNTED_ACCESS_TYPES)
        )
        [(customers,)] = self._read_group(
            user_domain, aggregates=["partner_id:count_distinct"]
        )
        if customers <= limit:
            return
        if self.search_count(user_domain & Domain("is_alert", "=", True), limit=1):
            return
        alert = self[-1]
        hour = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
        try:
            # Two requests of the same user crossing the limit together: the
            # unique index lets one of them raise the alert.
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                alert.write({"is_alert": True, "alert_hour": hour})
                alert.flush_recordset()
        except IntegrityError:
            alert.invalidate_recordset(["is_alert", "alert_hour"])
            return
        officers = self.env.ref(
            "crm_customer_privacy.group_data_protection_officer"
        ).all_user_ids.filtered(lambda user: not user.share and user.active)
        for officer in officers:
            alert.activity_schedule(
                "mail.mail_activity_data_warning",
                summary=self.env._("Unusual access to personal data"),
                note=self.env._(
                    "%(user)s opened, exported or revealed the personal data of "
                    "%(count)s customers within an hour (limit: %(limit)s).",
                    user=self.env.user.name,
                    count=customers,
                    limit=limit,
                ),
                user_id=officer.id,
            )
