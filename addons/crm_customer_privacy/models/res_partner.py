# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from collections import defaultdict

from markupsafe import escape

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import SQL, html2plaintext

from .crm_sensitive_value import mask_identifier

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


# Copies of a customer's data that erasure wipes, by model: {field: the
# customer's many2one} (a ticket keeps the name and email it was filed with,
# an order of the till the email and phone of its receipt).
PERSONAL_DATA_ERASED_COPIES = {
    "helpdesk.ticket": {"partner_email": "partner_id", "partner_name": "partner_id"},
    "pos.order": {"email": "partner_id", "mobile": "partner_id"},
}


# Text columns where erasure replaces the customer's data, in the messages,
# tracking values and audit logs of the records linked to the customer.
MESSAGE_TEXT_COLUMNS = (
    "subject",
    "body",
    "email_from",
    "reply_to",
    "incoming_email_to",
    "incoming_email_cc",
    "outgoing_email_to",
)
TRACKING_TEXT_COLUMNS = (
    "old_value_char",
    "new_value_char",
    "old_value_text",
    "new_value_text",
)
AUDIT_TEXT_COLUMNS = ("old_value", "new_value", "old_value_text", "new_value_text")


def _erase_columns(columns, pattern):
    """SET clause replacing ``pattern`` (a regular expression) with ``***`` in
    ``columns``, case-insensitively."""
    return SQL(", ").join(
        SQL(
            "%s = regexp_replace(%s, %s, '***', 'gi')",
            SQL.identifier(column),
            SQL.identifier(column),
            pattern,
        )
        for column in columns
    )


# Context key of code in sudo whose values go to the user of the environment
# (the web client's store of the chatter, QWeb renderings): masking is decided
# on that user. It can only mask more, so a client may set it.
VIEWER_CONTEXT = "crm_personal_data_viewer"

# Context key, and its value, of documents rendered for their recipient (the
# reports attached to a mail, the invoice sent): they print the customer's
# data in clear. The value is a Python object, which no client can send in
# its context (JSON, XML-RPC): a masked user cannot ask for a clear print.
RECIPIENT_COPY_CONTEXT = "crm_personal_data_recipient_copy"
RECIPIENT_COPY = object()


def recipient_copy_context():
    """The context of a rendering for the recipient of a document."""
    return {RECIPIENT_COPY_CONTEXT: RECIPIENT_COPY}


# Context keys that make a customer's display name show personal data
# (``res.partner._compute_display_name``).
DISPLAY_CONTEXT_KEYS = ("show_email", "show_address")


class ResPartner(models.Model):
    """Personal data of the customer: masking (脱敏) on every read path, the
    reveal actions, sensitive values (the national ID among them), and the
    rights of the person (export, erasure).

    Masking is for every user (internal, portal, public) outside the groups
    the company lets see personal data (setting *Groups Seeing Personal
    Data*, the Personal Data group by default); the national ID only shows
    to the Personal Data group, whatever the setting. It happens where values leave the
    ORM for a user: ``_read_format`` (behind ``read``, ``search_read``,
    ``web_read`` and ``web_search_read``, so forms, lists and RPC alike) and
    ``_export_rows`` (exports, also of the customer of another record, e.g.
    an order's customer phone). Record attributes stay unmasked, so business
    code (mail, SMS, duplicates) works unchanged, and so do superuser reads.
    Copies of the data on other records, and groupings by it, are held in
    ``base.py``.

    Display names with the email or the address (``show_email``,
    ``show_address``) are masked like the email and street themselves. Odoo
    computes display names in sudo wherever it shows a record by name
    (many2one values of ``read`` and ``web_read``, ``name_search``): there,
    the names are masked on their way out, for the user of the request (see
    ``base.py`` and ``name_search`` below). Business code in sudo keeps the
    full names.

    Printed documents, QWeb pages and the chatter, which Odoo renders or
    builds in sudo, are masked for their real reader, the user of the
    request (``_crm_rendered_masked``, ``_to_store``, ``ir_qweb_fields.py``,
    ``mail_message.py``); documents rendered for their recipient stay in
    clear (``RECIPIENT_COPY``).

    Hooks the suite's other addons extend: ``_crm_personal_data_maskers``,
    ``_crm_personal_data_strict_fields``, ``_crm_personal_fields`` (also
    audited, see ``_crm_audited_fields``),
    ``_crm_personal_data`` (export sections), ``_crm_check_erasable`` and
    ``_crm_erase_traces`` (erasure).
    """

    _inherit = "res.partner"

    crm_sensitive_value_ids = fields.One2many(
        "crm.sensitive.value",
        "partner_id",
        string="Sensitive Data",
        groups="crm_customer_privacy.group_personal_data_masked",
    )
    # A convenience accessor of the national ID, a sensitive value like any
    # other (attribute ``crm_sensitive_attribute_national_id``): for imports,
    # the profile form and searches of an exact number.
    crm_national_id = fields.Char(
        string="National ID Number",
        compute="_compute_crm_national_id",
        inverse="_inverse_crm_national_id",
        search="_search_crm_national_id",
        copy=False,
        help="Stored encrypted (AES-256-GCM) with the key of the server "
        "configuration, as the customer's National ID Number sensitive value; "
        "only an exact number can be searched.",
    )

    @api.model
    def _crm_national_id_attribute(self):
        # the XML id resolved through its cache, not checked for existence in
        # the database as env.ref does: the customer form reads it each time
        attribute_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "crm_customer_privacy.crm_sensitive_attribute_national_id",
            raise_if_not_found=False,
        )
        return self.env["crm.sensitive.attribute"].browse(attribute_id)

    @api.depends("crm_sensitive_value_ids.value_encrypted")
    def _compute_crm_national_id(self):
        attribute = self._crm_national_id_attribute()
        # sudo: the value records are Personal Data, but the user reads the
        # partner; the value is masked on its way out (``_read_format``)
        values_sudo = (
            self.env["crm.sensitive.value"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.filtered("id").ids),
                    ("attribute_id", "=", attribute.id),
                ]
            )
        )
        value_by_partner = {value.partner_id.id: value for value in values_sudo}
        for partner in self:
            value_sudo = value_by_partner.get(partner.id)
            partner.crm_national_id = value_sudo.value if value_sudo else False

    def _inverse_crm_national_id(self):
        attribute = self._crm_national_id_attribute()
        # sudo: the user writes the partner (checked by the ORM before the
        # inverse runs); the value records are Personal Data
        Value = self.env["crm.sensitive.value"].sudo()
        for partner in self:
            text = (partner.crm_national_id or "").strip()
            value_sudo = Value.search(
                [("partner_id", "=", partner.id), ("attribute_id", "=", attribute.id)]
            )
            if not text:
                value_sudo.unlink()
            elif value_sudo:
                value_sudo.value = text
            else:
                Value.create(
                    {
                        "partner_id": partner.id,
                        "attribute_id": attribute.id,
                        "value": text,
                    }
                )

    def _search_crm_national_id(self, operator, value):
        if operator != "in":
            raise UserError(
                self.env._(
                    "National ID Number: it is stored encrypted, so it can only "
                    "be searched for an exact number (operator '=' or 'in'), "
                    "not with %(operator)s.",
                    operator=operator,
                )
            )
        attribute = self._crm_national_id_attribute()
        numbers = {str(v).strip() for v in value if v is not False} - {""}
        # sudo: the value records are Personal Data; the subquery only yields
        # partner ids, filtered afterwards by the user's own access rules
        Value = self.env["crm.sensitive.value"].sudo()
        in_attribute = Domain("attribute_id", "=", attribute.id)
        domain = Domain.FALSE
        if numbers:
            domain = Domain(
                "id",
                "in",
                Value._search(
                    in_attribute & Domain("value", "in", list(numbers))
                ).select("partner_id"),
            )
        if any(v is False or not str(v).strip() for v in value):
            # False or blank asked: the partners without a national ID
            domain |= Domain(
                "id", "not in", Value._search(in_attribute).select("partner_id")
            )
        return domain

    # Masking

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
            "contact_address_inline": mask_contact_address,
            "birthdate_date": lambda partner, value: f"****-**-{value.day:02d}",
            "age": lambda partner, value: "**",
            "crm_national_id": lambda partner, value: mask_identifier(value),
        }
        return {
            fname: masker for fname, masker in maskers.items() if fname in self._fields
        }

    @api.model
    def _crm_personal_data_strict_fields(self):
        """Masked fields no company setting unmasks: only users of the
        Personal Data group read them, and every clear read is logged."""
        return {"crm_national_id"}

    def _crm_personal_data_applies(self):
        """Masking and logging concern every user but the superuser: users
        outside the groups seeing personal data read it masked, the reads of
        the others are logged. Code in sudo reads as the superuser, unless
        its values go to the user of the environment (``VIEWER_CONTEXT``):
        masking is then decided on that user, the real one, whom sudo
        keeps (``env.uid``)."""
        if not self.env.su:
            return True
        return bool(
            self.env.context.get(VIEWER_CONTEXT) and self.env.uid != SUPERUSER_ID
        )

    @api.model
    def _crm_personal_data_clear_user(self, strict=False):
        """Whether the user reads every customer's personal data in clear:
        a user of the groups the company lets see it (setting *Groups Seeing
        Personal Data*), or with ``strict`` (the national ID, sensitive
        values), of the Personal Data group."""
        if not self._crm_personal_data_applies():
            return True
        if strict:
            return self.env.user.has_group("crm_customer_privacy.group_personal_data")
        clear_group_ids = self.env["res.company"]._crm_personal_data_clear_group_ids_of(
            self.env.company.id
        )
        return not clear_group_ids.isdisjoint(self.env.user._get_group_ids())

    def _crm_personal_data_unmasked(self, strict=False):
        """The partners of ``self`` whose personal data the user sees as is
        (with ``strict``, their national ID and sensitive values)."""
        if self._crm_personal_data_clear_user(strict=strict):
            return self
        if strict:
            return self.browse()
        user = self.env.user
        own_customers = self.env.company.crm_personal_data_own_customers
        # sudo: only the kind of partner and its account manager are
        # compared, also of customers shown by name to a user who may not
        # read them
        return self.filtered(
            lambda partner: (
                partner == user.partner_id
                # colleagues and companies of the database: not customers
                or not partner.sudo().partner_share
                or (own_customers and partner.sudo().user_id == user)
            )
        )

    def _crm_personal_data_unmasked_by_field(self, fnames):
        """{field name: the partners of ``self`` whose value of the field
        the user sees as is}."""
        strict_fields = self._crm_personal_data_strict_fields()
        unmasked = {}
        if any(fname not in strict_fields for fname in fnames):
            unmasked[False] = self._crm_personal_data_unmasked()
        if any(fname in strict_fields for fname in fnames):
            unmasked[True] = self._crm_personal_data_unmasked(strict=True)
        return {fname: unmasked[fname in strict_fields] for fname in fnames}

    def _crm_log_unmasked(self, access_type, unmasked_by_field):
        """Log the access of the user to the saved partners of ``self``
        through the fields they see as is (``unmasked_by_field``)."""
        strict_fields = self._crm_personal_data_strict_fields()
        fields_by_partner = defaultdict(set)
        for fname, unmasked in unmasked_by_field.items():
            for partner in unmasked & self:
                if isinstance(partner.id, int):
                    fields_by_partner[partner].add(fname)
        partners_by_fields = defaultdict(lambda: self.browse())
        for partner, fnames in fields_by_partner.items():
            partners_by_fields[frozenset(fnames)] |= partner
        Log = self.env["crm.personal.data.access.log"]
        for fnames, partners in partners_by_fields.items():
            # each clear read of the national ID is logged, not once an hour
            Log._crm_log(
                partners, access_type, fnames, always=bool(fnames & strict_fields)
            )

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
        unmasked_by_field = partners._crm_personal_data_unmasked_by_field(personal)
        partners._crm_log_unmasked(
            self.env.context.get("crm_personal_data_access", "read"),
            unmasked_by_field,
        )
        for vals in result:
            partner = partner_by_id[vals["id"]]
            for fname in personal:
                if (
                    vals[fname]
                    and partner not in unmasked_by_field[fname]
                    and partner._crm_shows_stored_value(fname)
                ):
                    vals[fname] = partner._crm_masked_read_value(fname, maskers[fname])
        return result

    @api.readonly
    def web_read(self, specification):
        # A form opens one customer: an access the person chose, counted
        # towards the unusual access limit (lists and kanbans are not).
        if len(self) == 1:
            partner = self.with_context(crm_personal_data_access="open")
            return super(ResPartner, partner).web_read(specification)
        return super().web_read(specification)

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
        unmasked_by_field = self._crm_personal_data_unmasked_by_field(
            {fname for _index, fname in columns}
        )
        self._crm_log_unmasked("export", unmasked_by_field)
        lines = super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        if all(unmasked == self for unmasked in unmasked_by_field.values()):
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
            for index, fname in columns:
                if partner not in unmasked_by_field[fname] and partner[fname]:
                    line[index] = maskers[fname](partner, partner[fname])
        return lines

    def write(self, vals):
        maskers = self._crm_personal_data_maskers()
        personal = [fname for fname in vals if fname in maskers]
        if not (personal and self._crm_personal_data_applies()):
            return super().write(vals)
        unmasked_by_field = self._crm_personal_data_unmasked_by_field(personal)
        if all(unmasked == self for unmasked in unmasked_by_field.values()):
            return super().write(vals)
        # A form or client that read masked values may send them back: a
        # masked value written back must not replace the real one.
        partners_by_ignored = defaultdict(lambda: self.browse())
        for partner in self:
            ignored = frozenset(
                fname
                for fname in personal
                if partner not in unmasked_by_field[fname]
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
        if field_name in self._crm_personal_data_strict_fields() and not (
            self._crm_personal_data_clear_user(strict=True)
        ):
            raise AccessError(
                self.env._(
                    "%(field)s: only users of the Personal Data group may see it. "
                    "Ask your Data Protection Officer.",
                    field=self._fields[field_name].get_description(self.env)["string"],
                )
            )
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

    # Display names

    @api.model
    def _crm_display_shows_personal_data(self):
        return any(self.env.context.get(key) for key in DISPLAY_CONTEXT_KEYS)

    def _crm_mask_display_name(self, name):
        """``name``, a display name of this partner, with its email and
        street masked."""
        self.ensure_one()
        # sudo: the name of a partner may be shown to a user who may not read
        # it (a many2one value); only its own email and street are replaced
        partner_sudo = self.sudo()
        if partner_sudo.email:
            name = name.replace(partner_sudo.email, mask_email(partner_sudo.email))
        return mask_contact_address(partner_sudo, name)

    @api.model
    def _crm_mask_display_names(self, names):
        """``names`` ({partner id: display name}) with the names of the
        partners the user reads masked, masked."""
        if not (self._crm_display_shows_personal_data() and names):
            return names
        partners = self.browse(names).with_env(self.env(su=False))
        if not partners._crm_personal_data_applies():
            return names
        masked_ids = set((partners - partners._crm_personal_data_unmasked())._ids)
        return {
            partner_id: (
                self.browse(partner_id)._crm_mask_display_name(name)
                if partner_id in masked_ids
                else name
            )
            for partner_id, name in names.items()
        }

    @api.depends_context("uid", "company")
    def _compute_display_name(self):
        super()._compute_display_name()
        if not self._crm_display_shows_personal_data():
            return
        for partner in self - self._crm_personal_data_unmasked():
            partner.display_name = partner._crm_mask_display_name(partner.display_name)

    @api.model
    @api.readonly
    def name_search(self, name="", domain=None, operator="ilike", limit=100):
        pairs = super().name_search(name, domain=domain, operator=operator, limit=limit)
        masked = self._crm_mask_display_names(dict(pairs))
        return [(partner_id, masked[partner_id]) for partner_id, _name in pairs]

    # Printed documents, QWeb pages and the web client's store

    def _crm_rendered_masked(self, strict=False):
        """The partners of ``self`` whose personal data a QWeb rendering
        (printed documents, previews, portal pages) shows masked.

        Odoo renders address blocks in sudo (the contact widget), and its
        controllers render documents in sudo once they checked the access:
        the reader is the real user of the environment, whom sudo keeps.
        Internal users outside the groups seeing personal data read it
        masked; a portal user reads the documents of their own account in
        clear, and so does the recipient of a document rendered to be sent
        (``RECIPIENT_COPY``: the reports attached to a mail, the invoice
        sent). With ``strict``, the partners whose national ID and sensitive
        values it shows masked."""
        if (
            self.env.context.get(RECIPIENT_COPY_CONTEXT) is RECIPIENT_COPY
            or self.env.user.share
        ):
            return self.browse()
        return self._crm_viewer_masked(strict=strict)

    def _crm_viewer_masked(self, strict=False):
        """The partners of ``self`` whose personal data the real user of the
        environment reads masked, in sudo or not (``VIEWER_CONTEXT``)."""
        partners = self.with_context(**{VIEWER_CONTEXT: True})
        if not partners._crm_personal_data_applies():
            return self.browse()
        return self - partners._crm_personal_data_unmasked(strict=strict)

    def _crm_mask_rendered_html(self, html):
        """``html``, a rendering showing the partners of ``self``, with their
        phone, email and street masked."""
        maskers = self._crm_personal_data_maskers()
        # sudo: the rendering already showed these values; they are replaced
        for partner_sudo in self.sudo():
            for fname in ("street2", "street", "phone", "email"):
                value = partner_sudo[fname] and partner_sudo[fname].strip()
                if value:
                    html = html.replace(
                        escape(value), escape(maskers[fname](partner_sudo, value))
                    )
        return html

    def _to_store(self, store, fields):
        """Partners in the web client's store (chatter authors, followers,
        recipients, mentions): Odoo adds them in sudo, their email goes to
        the user of the request, masked for the users who read it masked."""
        store.add_records_fields(self.with_context(**{VIEWER_CONTEXT: True}), fields)

    # Sensitive values

    def action_crm_open_sensitive_data(self):
        """The customer's sensitive values, in a list of their own."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Sensitive Data of %(customer)s", customer=self.name),
            "res_model": "crm.sensitive.value",
            "view_mode": "list",
            "domain": [("partner_id", "=", self.id)],
            "context": {"default_partner_id": self.id},
        }

    # Export

    def _crm_personal_fields(self):
        """Fields of the profile that are personal data, exported and erased.
        crm_fresh_loyalty adds the fields of its profile."""
        fnames = [
            "name",
            "email",
            "phone",
            "street",
            "street2",
            "zip",
            "city",
            "state_id",
            "country_id",
            "birthdate_date",
            "crm_national_id",
            "comment",
        ]
        return [fname for fname in fnames if fname in self._fields]

    @api.model
    def _crm_audited_fields(self):
        """Fields whose changes the customers' auditlog rule logs: the stored
        personal fields. The national ID and the other sensitive values are
        logged as ciphertext by the rule of their own model."""
        return {
            fname for fname in self._crm_personal_fields() if self._fields[fname].store
        }

    def _crm_export_rows(self, records, field_names):
        """Rows of ``records`` as {field label: printable value}."""
        labels = {
            name: records._fields[name]._description_string(self.env)
            for name in field_names
        }
        rows = []
        for record in records:
            row = {}
            for name in field_names:
                field, value = records._fields[name], record[name]
                if field.type in ("many2one", "many2many", "one2many"):
                    value = ", ".join(value.mapped("display_name"))
                elif field.type == "selection":
                    value = dict(field._description_selection(self.env)).get(value)
                elif field.type == "html":
                    value = html2plaintext(value or "")
                elif field.type in ("date", "datetime"):
                    value = value and field.to_string(value)
                row[labels[name]] = value if value is not False else None
            rows.append(row)
        return rows

    def _crm_personal_data(self):
        """The data of this customer, by section: {section title: [rows]}.

        Extended by the suite's other addons (orders, points and tiers in
        crm_fresh_loyalty, tickets and returns in crm_aftersales) to add
        their own sections. The national ID is in the profile.
        """
        self.ensure_one()
        _ = self.env._
        values = self.crm_sensitive_value_ids.filtered(
            lambda value: value.attribute_id != self._crm_national_id_attribute()
        )
        return {
            _("Profile"): self._crm_export_rows(self, self._crm_personal_fields()),
            _("Sensitive data"): self._crm_export_rows(
                values, ["attribute_id", "value"]
            ),
        }

    def action_crm_export_personal_data(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Export personal data"),
            "res_model": "crm.partner.data.export",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": self.id},
        }

    # Erasure

    def _crm_check_erasable(self):
        """Raise a UserError naming why this customer cannot be erased yet.

        The suite's addons extend it: crm_aftersales refuses while a ticket
        or a return of the customer is open.
        """
        # sudo: an employee's account may not be readable by the caller
        employees_sudo = self.sudo().with_context(active_test=False).user_ids
        employees_sudo = employees_sudo.filtered(lambda user: not user.share)
        if employees_sudo:
            raise UserError(
                self.env._(
                    "Customer: %(partner)s is the contact of the user %(user)s; "
                    "an administrator archives the user before the contact can "
                    "be anonymised.",
                    partner=employees_sudo.partner_id[:1].display_name,
                    user=employees_sudo[:1].name,
                )
            )
        companies = (
            self.env["res.company"].sudo().search([("partner_id", "in", self.ids)])
        )
        if companies:
            raise UserError(
                self.env._(
                    "Customer: %(partner)s is the contact of the company "
                    "%(company)s and cannot be anonymised.",
                    partner=companies.partner_id[:1].display_name,
                    company=companies[:1].name,
                )
            )

    def _anonymize_user(self, anonymized_email=False):
        # sudo: the caller may anonymise this customer (checked before), whose
        # portal account is the administrators' record; internal users'
        # partners are refused by ``_crm_check_erasable``
        return super(
            ResPartner, self.sudo().with_context(crm_erasing=True)
        )._anonymize_user(anonymized_email)

    def _get_partner_initials(self):
        # the initials of a name are personal data too: never keep them
        return "X"

    def _prepare_partner_anonymized_vals(self, anonymized_name, anonymized_email):
        vals = super()._prepare_partner_anonymized_vals(
            anonymized_name, anonymized_email
        )
        # OCA's wording ("XX Anonymized"), with the customer's number in
        # place of the initials (personal data): erased customers stay apart
        vals["name"] = self.env._("Anonymized customer #%(id)s", id=self.id)
        for name in self._crm_personal_fields():
            vals.setdefault(name, False)
        return vals

    def _crm_erased_values(self):
        """The texts erasure hunts down in free text: the customer's names,
        contact details and sensitive values, of four characters or more."""
        # sudo: the caller may anonymise this customer; sensitive values are
        # decrypted to be found, never shown
        partner_sudo = self.sudo()
        texts = {
            partner_sudo.name,
            partner_sudo.display_name,
            partner_sudo.complete_name,
            partner_sudo.email,
            partner_sudo.email_normalized,
            partner_sudo.phone,
            partner_sudo.phone_sanitized,
            partner_sudo.street,
            partner_sudo.street2,
            *partner_sudo.crm_sensitive_value_ids.mapped("value"),
        }
        return {text.strip() for text in texts if text and len(text.strip()) >= 4}

    def anonymize_partner_data(self):
        self._crm_check_erasable()
        names = {self.name, self.display_name, self.complete_name} - {False}
        texts = self._crm_erased_values()
        # sudo: the caller may anonymise this customer (checked above); the
        # values and their change logs are Personal Data and audit records
        value_ids = self.sudo().crm_sensitive_value_ids.ids
        res = super().anonymize_partner_data()
        self._crm_erase_traces(names)
        self._crm_erase_texts(texts)
        self.env["crm.sensitive.value"].sudo().browse(value_ids).exists().unlink()
        self.env["auditlog.log"].sudo().search(
            [("model_model", "=", "crm.sensitive.value"), ("res_id", "in", value_ids)]
        ).unlink()
        return res

    def _crm_erase_traces(self, names):
        """Wipe what the OCA module leaves behind: change logs of the
        customer, the former ``names`` of the customer in the change logs
        and tracking values of other records (orders, cards), and the SMS
        sent to it. Orders, ledger lines and statistics stay."""
        self.ensure_one()
        # sudo: the caller is allowed to anonymise this customer; the traces
        # belong to technical models (audit, tracking, SMS) it cannot edit
        self.env["auditlog.log"].sudo().search(
            [("model_model", "=", "res.partner"), ("res_id", "=", self.id)]
        ).unlink()
        partner_fields = (
            self.env["ir.model.fields"]
            .sudo()
            .search([("ttype", "=", "many2one"), ("relation", "=", "res.partner")])
        )
        texts = {
            "mail.tracking.value": ["old_value_char", "new_value_char"],
            "auditlog.log.line": [
                "old_value",
                "new_value",
                "old_value_text",
                "new_value_text",
            ],
        }
        for model, columns in texts.items():
            lines_sudo = (
                self.env[model]
                .sudo()
                .search(
                    Domain("field_id", "in", partner_fields.ids)
                    & Domain.OR(
                        Domain(column, "ilike", name)
                        for column in columns
                        for name in names
                    )
                )
            )
            for line_sudo in lines_sudo:
                vals = {}
                for column in columns:
                    text = line_sudo[column] or ""
                    for name in names:
                        text = text.replace(name, self.name)
                    vals[column] = text or False
                line_sudo.write(vals)
        self._crm_erase_copies()
        self.env["sms.sms"].sudo().search([("partner_id", "=", self.id)]).unlink()
        self.env["mail.notification"].sudo().search(
            [("res_partner_id", "=", self.id), ("sms_number", "!=", False)]
        ).write({"sms_number": False})
        return True

    def _crm_erase_texts(self, texts):
        """Replace ``texts`` (``_crm_erased_values``) with ``***`` in the free
        text of every record linked to this customer (a many2one to it, or
        ``res_model``/``res_id`` on it: tickets, returns, orders, activities,
        messages, audit logs of these records, transient wizards), delete
        the mails still queued to it, and the mail composers that wrote to
        it. In SQL, table by table: written through the ORM each text would
        be tracked, its old value kept in a tracking value or an audit log."""
        self.ensure_one()
        if not texts:
            return
        self.env.flush_all()
        pattern = "|".join(re.escape(text) for text in sorted(texts, key=len)[::-1])
        linked = defaultdict(set)
        for model_name, model in self.env.registry.items():
            if model._abstract or not model._auto or model._name == "res.partner":
                continue
            columns = [
                field.name
                for field in model._fields.values()
                if field.store
                and field.type in ("char", "text", "html")
                and not field.translate
            ]
            links = [
                SQL("%s = %s", SQL.identifier(field.name), self.id)
                for field in model._fields.values()
                if field.store
                and field.type == "many2one"
                and field.comodel_name == "res.partner"
            ]
            if all(
                fname in model._fields and model._fields[fname].store
                for fname in ("res_model", "res_id")
            ):
                links.append(SQL("res_model = 'res.partner' AND res_id = %s", self.id))
            if not links:
                continue
            where = SQL(" OR ").join(links)
            if columns:
                query = SQL(
                    "UPDATE %s SET %s WHERE (%s) RETURNING id",
                    SQL.identifier(model._table),
                    _erase_columns(columns, pattern),
                    where,
                )
            else:
                # no text of its own, but messages and change logs
                query = SQL(
                    "SELECT id FROM %s WHERE %s", SQL.identifier(model._table), where
                )
            self.env.cr.execute(query)
            linked[model_name].update(row[0] for row in self.env.cr.fetchall())
        # the messages, tracking values and audit logs of the linked records
        for model_name, ids in linked.items():
            if not ids:
                continue
            messages = SQL(
                "SELECT id FROM mail_message WHERE model = %s AND res_id = ANY(%s)",
                model_name,
                list(ids),
            )
            logs = SQL(
                "SELECT id FROM auditlog_log WHERE model_model = %s "
                "AND res_id = ANY(%s)",
                model_name,
                list(ids),
            )
            for table, columns, where in (
                (
                    "mail_message",
                    MESSAGE_TEXT_COLUMNS,
                    SQL("id IN (%s)", messages),
                ),
                (
                    "mail_tracking_value",
                    TRACKING_TEXT_COLUMNS,
                    SQL("mail_message_id IN (%s)", messages),
                ),
                ("auditlog_log_line", AUDIT_TEXT_COLUMNS, SQL("log_id IN (%s)", logs)),
                ("auditlog_log", ("name",), SQL("id IN (%s)", logs)),
            ):
                self.env.cr.execute(
                    SQL(
                        "UPDATE %s SET %s WHERE %s",
                        SQL.identifier(table),
                        _erase_columns(columns, pattern),
                        where,
                    )
                )
        self.env.invalidate_all()
        # sudo: mails queued to the customer and the composers that wrote to
        # them are technical records the caller cannot see
        self.env["mail.mail"].sudo().search(
            Domain("recipient_ids", "in", self.ids)
            | Domain.OR(
                Domain("email_to", "ilike", text) for text in texts if "@" in text
            )
        ).unlink()
        self.env["mail.compose.message"].sudo().search(
            Domain.OR(
                Domain(fname, "ilike", text)
                for fname in ("subject", "body")
                for text in texts
            )
        ).unlink()

    def _crm_erase_copies(self):
        """Wipe the copies of this customer's data kept on other records
        (``PERSONAL_DATA_ERASED_COPIES``)."""
        self.ensure_one()
        for model, fields_by_name in PERSONAL_DATA_ERASED_COPIES.items():
            if model not in self.env:
                continue
            for fname, partner_fname in fields_by_name.items():
                # sudo: the caller may anonymise this customer; the copies
                # are on records (tickets, orders) they may not edit
                self.env[model].sudo().with_context(
                    active_test=False, tracking_disable=True
                ).search([(partner_fname, "=", self.id), (fname, "!=", False)]).write(
                    {fname: False}
                )

    def action_crm_erase_personal_data(self):
        """Anonymise this customer (Customer Care managers)."""
        if not self.env.user.has_group(
            "crm_customer_privacy.group_personal_data_manager"
        ):
            raise UserError(
                self.env._("Only Customer Care managers can anonymise a customer.")
            )
        for partner in self:
            partner._crm_check_erasable()
        for partner in self:
            partner.anonymize_partner_data()
        return True
