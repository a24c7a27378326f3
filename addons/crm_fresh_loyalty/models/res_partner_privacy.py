# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# Kept apart from res_partner.py: masking is a concern of its own.
# pylint: disable=consider-merging-classes-inherited
import re
from collections import defaultdict

from odoo import models
from odoo.exceptions import UserError

EMAIL_RE = re.compile(r"[^\s<>\"',;]+@[^\s<>\"',;]+")


def mask_phone(value):
    """13812345678 -> 138****5678: the operator prefix and the last four
    digits, enough to confirm a number with the customer."""
    value = value.strip()
    if len(value) <= 7:
        return "*" * len(value)
    return f"{value[:3]}****{value[-4:]}"


def _mask_one_email(match):
    local, _at, domain = match.group().rpartition("@")
    return f"{local[:1]}***@{domain}"


def mask_email(value):
    """zhang.wei@example.com -> z***@example.com, also inside a formatted
    address ("Zhang Wei" <z***@example.com>)."""
    return EMAIL_RE.sub(_mask_one_email, value)


def mask_street(value):
    """The first third of the street (district, road), not the number."""
    value = value.strip()
    return f"{value[: len(value) // 3]}****"


def mask_contact_address(partner, value):
    """A composed address with the partner's street lines masked."""
    if partner.street2:
        value = value.replace(partner.street2, "****")
    if partner.street:
        value = value.replace(partner.street, mask_street(partner.street))
    return value


class ResPartner(models.Model):
    """Personal data masking (脱敏) for care users without the Personal Data
    group.

    Masking happens where values leave the ORM for a user: ``_read_format``
    (behind ``read``, ``search_read``, ``web_read`` and ``web_search_read``,
    so forms, lists and RPC alike) and ``_export_rows`` (exports, also of the
    customer of another record, e.g. an order's customer phone). Record
    attributes stay unmasked, so business code (mail, SMS, duplicates) works
    unchanged, and so do superuser reads and users outside the Customer Care
    privilege.
    """

    _inherit = "res.partner"

    def _crm_personal_data_maskers(self):
        """Masked field name -> function(partner, value) giving the masked
        text of a set value. Bridges may add their own address fields."""
        maskers = {
            "phone": lambda partner, value: mask_phone(value),
            "phone_sanitized": lambda partner, value: mask_phone(value),
            "email": lambda partner, value: mask_email(value),
            "email_normalized": lambda partner, value: mask_email(value),
            "email_formatted": lambda partner, value: mask_email(value),
            "street": lambda partner, value: mask_street(value),
            "street2": lambda partner, value: "****",
            "contact_address": mask_contact_address,
            "birthdate_date": lambda partner, value: f"****-**-{value.day:02d}",
            "age": lambda partner, value: "**",
        }
        return {
            fname: masker for fname, masker in maskers.items() if fname in self._fields
        }

    def _crm_personal_data_masked_groups(self):
        """Groups whose users get personal data masked, unless they have the
        Personal Data group. Bridges add theirs (the POS cashiers)."""
        return ["crm_fresh_loyalty.group_customer_care_user"]

    def _crm_personal_data_applies(self):
        """Masking and logging concern care staff (and the groups bridges
        add) only: Odoo's own users and the superuser keep reading as
        before."""
        return not self.env.su and any(
            self.env.user.has_group(group)
            for group in self._crm_personal_data_masked_groups()
        )

    def _crm_personal_data_unmasked(self):
        """The partners of ``self`` whose personal data the user sees as is."""
        user = self.env.user
        if self.env.su or user.has_group("crm_fresh_loyalty.group_personal_data"):
            return self
        if not self._crm_personal_data_applies():
            return self
        if self.env.company.crm_personal_data_own_customers:
            # sudo: only the account manager is compared, also of customers
            # shown by name to a user who may not read them
            return self.filtered(lambda partner: partner.sudo().user_id == user)
        return self.browse()

    def _crm_masked_read_value(self, fname, masker):
        """A partial date or age cannot travel in a date or integer field:
        reads get no value there, exports the partial text."""
        if self._fields[fname].type in ("char", "text"):
            return masker(self, self[fname])
        return False

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        maskers = self._crm_personal_data_maskers()
        personal = [fname for fname in fnames if fname in maskers]
        if not (personal and result and self._crm_personal_data_applies()):
            return result
        # the records themselves, not browsed again by id: a new record (a
        # form's onchange) browsed by its id has lost its values
        partner_by_id = {partner.id: partner for partner in self}
        partners = self.browse().concat(*(partner_by_id[vals["id"]] for vals in result))
        unmasked = partners._crm_personal_data_unmasked()
        stored = unmasked.filtered(lambda partner: isinstance(partner.id, int))
        self.env["crm.personal.data.access.log"]._crm_log(stored, "read", personal)
        for vals in result:
            partner = partner_by_id[vals["id"]]
            if partner in unmasked:
                continue
            for fname in personal:
                if vals[fname] and partner._crm_shows_stored_value(fname):
                    vals[fname] = partner._crm_masked_read_value(fname, maskers[fname])
        return result

    def _crm_shows_stored_value(self, fname):
        """Whether the value of ``fname`` read from this partner is the
        customer's stored data, which a masked user must not see: always
        for a saved customer; for a customer being edited in a form, unless
        it is a value the user typed (a field they can write, changed); never
        for a new customer, whose values the user enters. A typed value
        returned masked would be saved back masked."""
        self.ensure_one()
        if isinstance(self.id, int):
            return True
        if not self._origin:
            return False
        return self._fields[fname].readonly or self[fname] == self._origin[fname]

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        maskers = self._crm_personal_data_maskers()
        columns = [
            (index, path[0])
            for index, path in enumerate(fields)
            if len(path) == 1 and path[0] in maskers
        ]
        if not (columns and self._crm_personal_data_applies()):
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        unmasked = self._crm_personal_data_unmasked()
        self.env["crm.personal.data.access.log"]._crm_log(
            unmasked, "export", {fname for _index, fname in columns}
        )
        masked = self - unmasked
        lines = super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        if not masked:
            return lines
        if len(lines) == len(self):
            main_lines = list(zip(self, lines, strict=True))
        else:
            # Exported x2many fields add lines after a record's main line:
            # export record by record to know which line is whose.
            lines, main_lines = [], []
            for partner in self:
                partner_lines = super(ResPartner, partner)._export_rows(
                    fields, _is_toplevel_call=_is_toplevel_call
                )
                main_lines.append((partner, partner_lines[0]))
                lines += partner_lines
        for partner, line in main_lines:
            if partner not in masked:
                continue
            for index, fname in columns:
                if partner[fname]:
                    line[index] = maskers[fname](partner, partner[fname])
        return lines

    def write(self, vals):
        maskers = self._crm_personal_data_maskers()
        personal = [fname for fname in vals if fname in maskers]
        if not (personal and self._crm_personal_data_applies()):
            return super().write(vals)
        masked = self - self._crm_personal_data_unmasked()
        if not masked:
            return super().write(vals)
        # A form or client that read masked values may send them back: a
        # masked value written back must not replace the real one.
        partners_by_ignored = defaultdict(lambda: self.browse())
        for partner in self:
            ignored = frozenset(
                fname
                for fname in personal
                if partner in masked
                and partner[fname]
                and vals[fname] == partner._crm_masked_read_value(fname, maskers[fname])
            )
            partners_by_ignored[ignored] |= partner
        for ignored, partners in partners_by_ignored.items():
            super(ResPartner, partners).write(
                {fname: value for fname, value in vals.items() if fname not in ignored}
            )
        return True

    def action_crm_reveal(self, field_name):
        """Return the full value of a masked field of this customer, and log
        who saw it, when, and which field."""
        self.ensure_one()
        maskers = self._crm_personal_data_maskers()
        if field_name not in maskers:
            raise UserError(
                self.env._(
                    "Field “%(field)s” is not masked personal data: reveal one of "
                    "%(fields)s.",
                    field=field_name,
                    fields=", ".join(sorted(maskers)),
                )
            )
        self.check_access("read")
        self.env["crm.personal.data.access.log"]._crm_log(self, "reveal", [field_name])
        field = self._fields[field_name]
        return field.convert_to_read(self[field_name], self, use_display_name=False)

    def action_crm_reveal_notify(self):
        """Form button: reveal the field named in the context in a notice."""
        field_name = self.env.context.get("crm_reveal_field")
        value = self.action_crm_reveal(field_name)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self._fields[field_name].get_description(self.env)["string"],
                "message": str(value),
                "sticky": True,
            },
        }
