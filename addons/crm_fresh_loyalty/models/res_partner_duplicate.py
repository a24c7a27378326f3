# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL


class ResPartner(models.Model):
    """Duplicate detection (去重) on Odoo's own normalised keys.

    The phone key is ``phone_sanitized`` of phone_validation (E.164 when the
    ``phonenumbers`` library is installed), the email key ``email_normalized``
    of mail; both are stored by Odoo, this addon only indexes them. The third
    key, name and city, is matched case-insensitively through an expression
    index. Only customers (partners without a parent company) are compared.
    """

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    phone_sanitized = fields.Char(index="btree_not_null")
    email_normalized = fields.Char(index="btree_not_null")
    crm_duplicate_ids = fields.Many2many(
        "res.partner",
        string="Possible Duplicates",
        compute="_compute_crm_duplicate_ids",
        groups="crm_fresh_loyalty.group_customer_care_user",
    )
    crm_duplicate_warning = fields.Char(
        string="Duplicate Warning",
        compute="_compute_crm_duplicate_ids",
        groups="crm_fresh_loyalty.group_customer_care_user",
    )

    _crm_name_city_index = models.Index(
        "(lower(btrim(name)), lower(btrim(city)))"
        " WHERE active AND parent_id IS NULL AND city IS NOT NULL"
    )

    @api.depends("phone_sanitized", "email_normalized", "name", "city", "parent_id")
    def _compute_crm_duplicate_ids(self):
        matches = self._crm_find_duplicates()
        labels = self._crm_duplicate_reason_labels()
        for partner in self:
            found = matches.get(partner, {})
            partner.crm_duplicate_ids = self.browse().concat(*found)
            partner.crm_duplicate_warning = bool(found) and self.env._(
                "Possible duplicate of %(partners)s.",
                partners=", ".join(
                    self.env._(
                        "%(name)s (%(reasons)s)",
                        name=other.display_name,
                        reasons=", ".join(labels[reason] for reason in sorted(reasons)),
                    )
                    for other, reasons in found.items()
                ),
            )

    def _crm_duplicate_reason_labels(self):
        return {
            "email": self.env._("same email"),
            "name_city": self.env._("same name and city"),
            "phone": self.env._("same phone"),
        }

    def _crm_duplicate_keys(self):
        """The normalised keys of these partners, customers only, as rows
        (partner, phone, email, name, city)."""
        return [
            (
                partner,
                partner.phone_sanitized or None,
                partner.email_normalized or None,
                (partner.name or "").strip() or None,
                (partner.city or "").strip() or None,
            )
            for partner in self
            if not partner.parent_id
        ]

    def _crm_find_duplicates(self):
        """Other active customers sharing a normalised key with these partners.

        One statement for the whole recordset, each branch on its own index.
        Returns {partner: {other partner: {reasons}}}, others the user may read.
        """
        keys = self._crm_duplicate_keys()
        if not keys:
            return {}
        phones = sorted({phone for _p, phone, _e, _n, _c in keys if phone})
        emails = sorted({email for _p, _ph, email, _n, _c in keys if email})
        with_city = [(name, city) for _p, _ph, _e, name, city in keys if name and city]
        excluded = [
            pid
            for partner in self
            for pid in (partner.id, partner._origin.id)
            if pid and isinstance(pid, int)
        ]
        self.flush_model(["phone_sanitized", "email_normalized", "name", "city"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT p.id, 'phone', p.phone_sanitized
                  FROM res_partner p
                 WHERE p.phone_sanitized = ANY(%(phones)s)
                   AND p.active AND p.parent_id IS NULL AND p.id != ALL(%(excluded)s)
                 UNION ALL
                SELECT p.id, 'email', p.email_normalized
                  FROM res_partner p
                 WHERE p.email_normalized = ANY(%(emails)s)
                   AND p.active AND p.parent_id IS NULL AND p.id != ALL(%(excluded)s)
                 UNION ALL
                SELECT p.id, 'name_city', k.name || '|' || k.city
                  FROM unnest(%(names)s::varchar[], %(cities)s::varchar[])
                       AS k(name, city)
                  JOIN res_partner p
                    ON lower(btrim(p.name)) = lower(k.name)
                   AND lower(btrim(p.city)) = lower(k.city)
                 WHERE p.active AND p.parent_id IS NULL AND p.city IS NOT NULL
                   AND p.id != ALL(%(excluded)s)
                 LIMIT 1000
                """,
                phones=phones,
                emails=emails,
                names=[name for name, _city in with_city],
                cities=[city for _name, city in with_city],
                excluded=excluded or [0],
            )
        )
        if not rows:
            return {}
        readable = self.browse({row[0] for row in rows})._filtered_access("read")
        readable_ids = set(readable.ids)
        by_key = defaultdict(set)
        for partner_id, reason, key in rows:
            if partner_id in readable_ids:
                by_key[reason, key].add(self.browse(partner_id))
        result = {}
        for partner, phone, email, name, city in keys:
            found = defaultdict(set)
            partner_keys = [("phone", phone), ("email", email)]
            if name and city:
                partner_keys.append(("name_city", f"{name}|{city}"))
            for reason, key in partner_keys:
                for other in by_key.get((reason, key), ()):
                    if other != partner._origin:
                        found[other.with_prefetch(readable._prefetch_ids)].add(reason)
            if found:
                result[partner] = found
        return result

    @api.model
    def _search_phone_mobile_search(self, operator, value):
        """Also find customers by their normalised phone: "138 0013 8000" and
        "+86 138 0013 8000" both find the customer whose phone normalises to
        +8613800138000."""
        domain = super()._search_phone_mobile_search(operator, value)
        if operator not in ("=", "ilike", "=ilike", "like", "=like"):
            return domain
        if not isinstance(value, str) or not value.strip():
            return domain
        sanitized = self._phone_format(
            number=value.strip(), country=self.env.company.country_id
        )
        if not sanitized:
            return domain
        return Domain(domain) | Domain("phone_sanitized", "=", sanitized)
