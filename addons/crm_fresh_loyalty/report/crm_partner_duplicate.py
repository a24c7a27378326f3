# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, frozendict

MATCH_TYPES = [
    ("phone", "Same phone"),
    ("email", "Same email"),
    ("name_city", "Same name and city"),
]


class CrmPartnerDuplicate(models.Model):
    """Possible duplicate customers: one line per customer and shared key.

    Customers (partners without a parent) sharing a normalised phone
    (``phone_sanitized``), a normalised email (``email_normalized``) or a
    name and city (case-insensitive) form a group; the list, grouped by key,
    feeds Odoo's partner merge wizard.
    """

    _name = "crm.partner.duplicate"
    _description = "Possible Duplicate Customer"
    _auto = False
    _order = "match_key, partner_id"
    _rec_name = "partner_id"
    _depends = frozendict(
        {
            "res.partner": [
                "active",
                "city",
                "email_normalized",
                "name",
                "parent_id",
                "phone_sanitized",
            ]
        }
    )

    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    match_type = fields.Selection(MATCH_TYPES, string="Match", readonly=True)
    match_key = fields.Char(string="Shared Value", readonly=True)
    group_size = fields.Integer(string="Customers in Group", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    email = fields.Char(related="partner_id.email")
    phone = fields.Char(related="partner_id.phone")
    city = fields.Char(related="partner_id.city")
    create_date = fields.Datetime(related="partner_id.create_date")

    @property
    def _table_query(self):
        return SQL(
            """
            WITH customers AS (
                SELECT id, company_id, phone_sanitized, email_normalized,
                       lower(btrim(name)) AS name, lower(btrim(city)) AS city
                  FROM res_partner
                 WHERE active AND parent_id IS NULL
            ), keys AS (
                SELECT id, company_id, 0 AS rank, 'phone' AS match_type,
                       phone_sanitized AS match_key
                  FROM customers
                 WHERE phone_sanitized IS NOT NULL
                 UNION ALL
                SELECT id, company_id, 1, 'email', email_normalized
                  FROM customers
                 WHERE email_normalized IS NOT NULL
                 UNION ALL
                SELECT id, company_id, 2, 'name_city', name || ' / ' || city
                  FROM customers
                 WHERE name <> '' AND city <> ''
            )
            SELECT id * 3 + rank AS id, id AS partner_id, company_id, match_type,
                   match_key, group_size
              FROM (
                    SELECT keys.*,
                           COUNT(*) OVER (PARTITION BY match_type, match_key)
                               AS group_size
                      FROM keys
                   ) grouped
             WHERE group_size > 1
            """
        )

    def action_merge(self):
        """Open Odoo's merge wizard on the customers of the selected lines."""
        partners = self.partner_id
        if len(partners) < 2:
            raise UserError(
                self.env._(
                    "Customers: select the lines of at least two different "
                    "customers to merge."
                )
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "base.action_partner_merge"
        )
        action["context"] = {
            "active_model": "res.partner",
            "active_ids": partners.ids,
        }
        return action
