# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools


class ResCompany(models.Model):
    _inherit = "res.company"

    def _default_crm_personal_data_clear_group_ids(self):
        return self.env.ref(
            "crm_customer_privacy.group_personal_data", raise_if_not_found=False
        )

    crm_personal_data_clear_group_ids = fields.Many2many(
        "res.groups",
        "res_company_crm_personal_data_clear_group_rel",
        "company_id",
        "group_id",
        string="Groups Seeing Personal Data",
        default=_default_crm_personal_data_clear_group_ids,
        help="Users of these groups read customers' phone, email, birthday and "
        "street in clear (every read logged); every other user, internal or "
        "not, reads them masked. The national ID and the other sensitive "
        "values stay masked for users without the Personal Data group.",
    )

    crm_personal_data_own_customers = fields.Boolean(
        string="Care Users See Own Customers' Personal Data",
        help="Users outside the groups seeing personal data see unmasked the "
        "personal data of the customers they manage (account manager), masked "
        "that of the others.",
    )
    crm_personal_data_threshold_ids = fields.One2many(
        "crm.personal.data.threshold",
        "company_id",
        string="Unusual Access Limits by Role",
    )
    crm_personal_data_alert_threshold = fields.Integer(
        string="Unusual Access Limit (customers per hour)",
        default=50,
        help="A user who opens, exports or reveals the personal data of more "
        "customers than this within an hour raises an alert to the Data "
        "Protection Officers, unless a limit of one of their groups says "
        "otherwise. Lists and kanbans do not count.",
    )

    _crm_personal_data_alert_threshold_positive = models.Constraint(
        "CHECK(crm_personal_data_alert_threshold > 0)",
        "Unusual access limit: enter at least one customer per hour.",
    )

    @api.model
    def _crm_set_default_clear_groups(self):
        """Give the companies without a choice the default groups seeing
        personal data: a new many2many gets no default on existing rows, so
        the companies that exist when the addon is installed or upgraded need
        it set."""
        self.with_context(active_test=False).search(
            [("crm_personal_data_clear_group_ids", "=", False)]
        ).crm_personal_data_clear_group_ids = (
            self._default_crm_personal_data_clear_group_ids()
        )

    @api.model
    @tools.ormcache("company_id")
    def _crm_personal_data_clear_group_ids_of(self, company_id):
        """The ids of the groups seeing personal data in ``company_id``, read
        on every masked read: cached until the setting changes."""
        # sudo: the setting names groups a user may not be allowed to read
        company_sudo = self.sudo().browse(company_id)
        return frozenset(company_sudo.crm_personal_data_clear_group_ids.ids)

    def write(self, vals):
        res = super().write(vals)
        if "crm_personal_data_clear_group_ids" in vals:
            self.env.registry.clear_cache()
        return res
