# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models, tools
from odoo.exceptions import UserError

from .res_partner import mask_email, mask_phone


def mask_duplicate_key(record, value):
    """The shared value of a possible duplicate: a phone or an email."""
    if record.match_type == "phone":
        return mask_phone(value)
    if record.match_type == "email":
        return mask_email(value)
    return value


def mask_portal_login(user, value):
    """The login of a customer's portal account, their email most often:
    masked unless the reader manages users (who edit logins)."""
    if not user.share or user.env.user.has_group("base.group_erp_manager"):
        return value
    return mask_email(value)


# Copies of a customer's personal data kept on records of other models, by
# model: {field: (the customer's many2one, the customer's field it copies, or
# a masker(record, value))}. Related fields to a masked field of a customer
# (``email = fields.Char(related="partner_id.email")``) are found without
# being listed.
PERSONAL_DATA_COPIES = {
    "crm.partner.duplicate": {"match_key": ("partner_id", mask_duplicate_key)},
    "helpdesk.ticket": {
        "partner_email": ("partner_id", "email"),
        "email_cc": ("partner_id", "email"),
    },
    "mail.message": {
        "email_from": ("author_id", "email"),
        "reply_to": ("author_id", "email"),
        "incoming_email_to": ("author_id", "email"),
        "incoming_email_cc": ("author_id", "email"),
        "outgoing_email_to": ("author_id", "email"),
    },
    "payment.transaction": {
        "partner_email": ("partner_id", "email"),
        "partner_phone": ("partner_id", "phone"),
        "partner_address": ("partner_id", "street"),
    },
    "pos.order": {
        "email": ("partner_id", "email"),
        "mobile": ("partner_id", "phone"),
    },
    "res.users": {"login": ("partner_id", mask_portal_login)},
    # the respondent's email on a survey answer (satisfaction surveys)
    "survey.user_input": {"email": ("partner_id", "email")},
    "website.visitor": {
        "email": ("partner_id", "email"),
        "mobile": ("partner_id", "phone"),
    },
}


class Base(models.AbstractModel):
    """Personal data of customers shown on any record: the many2one values
    that Odoo names in sudo are masked when the name shows the email or the
    address (``res_partner.py``); the copies of a customer's personal data
    on other records (a ticket's email, a duplicate's shared value) are
    masked like the customer's own; grouping by personal data, or
    aggregating it, is refused to users who read it masked."""

    _inherit = "base"

    def _crm_partner_many2one(self, fname):
        field = self._fields.get(fname)
        return (
            field is not None
            and field.type == "many2one"
            and field.comodel_name == "res.partner"
        )

    @tools.ormcache()
    def _crm_personal_data_copies(self):
        """{field name: (customer many2one, masker(record, value))} of the
        fields of this model that copy a customer's personal data."""
        if self._name in ("res.partner", "res.company"):
            # the customer's own fields; the company's own contact details
            return {}
        maskers = self.env["res.partner"]._crm_personal_data_maskers()
        copies = {}
        for fname, (partner_fname, masked) in PERSONAL_DATA_COPIES.get(
            self._name, {}
        ).items():
            if fname in self._fields and self._crm_partner_many2one(partner_fname):
                copies[fname] = (partner_fname, masked)
        for fname, field in self._fields.items():
            path = (field.related or "").split(".")
            if (
                len(path) == 2
                and self._crm_partner_many2one(path[0])
                and path[1] in maskers
            ):
                copies[fname] = (path[0], path[1])
        return copies

    def _crm_mask_personal_data_copies(self, result, fnames):
        """Mask in ``result`` (read values of ``self``) the copies of the
        personal data of customers the user reads masked."""
        copies = self._crm_personal_data_copies()
        personal = [fname for fname in fnames if fname in copies]
        Partner = self.env["res.partner"]
        if not (personal and Partner._crm_personal_data_applies()):
            return
        maskers = Partner._crm_personal_data_maskers()
        strict_fields = Partner._crm_personal_data_strict_fields()
        # sudo: the customer of the record is compared, not shown
        records_sudo = self.sudo().browse(vals["id"] for vals in result)
        for fname in personal:
            partner_fname, masked = copies[fname]
            # a copy of the national ID is as strict as the national ID
            strict = masked in strict_fields
            if Partner._crm_personal_data_clear_user(strict=strict):
                continue
            partners = records_sudo[partner_fname].with_env(self.env)
            unmasked = partners._crm_personal_data_unmasked(strict=strict)
            for record_sudo, vals in zip(records_sudo, result, strict=True):
                partner_sudo = record_sudo[partner_fname]
                if not vals[fname] or partner_sudo in unmasked:
                    continue
                if self._fields[fname].type not in ("char", "text", "html"):
                    # a partial date or age cannot travel in a date or number
                    vals[fname] = False
                elif callable(masked):
                    vals[fname] = masked(record_sudo, vals[fname])
                else:
                    vals[fname] = maskers[masked](partner_sudo, vals[fname])

    def _crm_rendered_personal_value(self, fname):
        """The text a QWeb rendering shows of ``fname`` of this record when
        it is a customer's personal data the reader sees masked
        (``res.partner._crm_rendered_masked``), else None."""
        self.ensure_one()
        Partner = self.env["res.partner"]
        if self._name == "res.partner":
            partner_fname, masked = "id", fname
            maskers = Partner._crm_personal_data_maskers()
            if fname not in maskers:
                return None
        elif fname in self._crm_personal_data_copies():
            partner_fname, masked = self._crm_personal_data_copies()[fname]
            maskers = Partner._crm_personal_data_maskers()
        else:
            return None
        # sudo: the rendering already reads the record; its customer is
        # compared, not shown
        record_sudo = self.sudo()
        value = record_sudo[fname]
        partner_sudo = (
            record_sudo if partner_fname == "id" else record_sudo[partner_fname]
        )
        strict = masked in Partner._crm_personal_data_strict_fields()
        if not (value and partner_sudo.with_env(self.env)._crm_rendered_masked(strict)):
            return None
        if callable(masked):
            return masked(record_sudo, value)
        return maskers[masked](partner_sudo, value)

    def _crm_personal_data_copy_value(self, fname):
        """The value of ``fname`` of this record, masked if it copies the
        personal data of a customer the user reads masked."""
        self.ensure_one()
        values = [{"id": self.id, fname: self[fname]}]
        self._crm_mask_personal_data_copies(values, [fname])
        return values[0][fname]

    def _message_get_suggested_recipients(
        self,
        reply_discussion=False,
        reply_message=None,
        no_create=True,
        primary_email=False,
        additional_partners=None,
    ):
        # The chatter's suggested recipients, shown to the user of the
        # request: a customer's email masked for users who read it masked
        # (the partner, not the email, is what the composer sends to).
        recipients = super()._message_get_suggested_recipients(
            reply_discussion=reply_discussion,
            reply_message=reply_message,
            no_create=no_create,
            primary_email=primary_email,
            additional_partners=additional_partners,
        )
        masked = (
            self.env["res.partner"]
            .browse(
                recipient["partner_id"]
                for recipient in recipients
                if recipient["partner_id"]
            )
            ._crm_viewer_masked()
        )
        for recipient in recipients:
            if recipient["partner_id"] in masked.ids and recipient["email"]:
                recipient["email"] = mask_email(recipient["email"])
        return recipients

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        if result and all(isinstance(vals["id"], int) for vals in result):
            self._crm_mask_personal_data_copies(result, fnames)
        Partner = self.env["res.partner"]
        if not (
            load == "_classic_read"
            and result
            and Partner._crm_display_shows_personal_data()
        ):
            return result
        for fname in filter(self._crm_partner_many2one, fnames):
            names = Partner._crm_mask_display_names(
                dict(vals[fname] for vals in result if vals[fname])
            )
            for vals in result:
                if vals[fname]:
                    vals[fname] = (vals[fname][0], names[vals[fname][0]])
        return result

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        copies = self._crm_personal_data_copies()
        columns = {
            index: path[0]
            for index, path in enumerate(fields)
            if len(path) == 1 and path[0] in copies
        }
        lines = super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        if not columns:
            return lines
        if len(lines) != len(self):
            # Exported x2many fields add lines after a record's main line:
            # export record by record to know which line is whose.
            return [
                line
                for record in self
                for line in record._export_rows(
                    fields, _is_toplevel_call=_is_toplevel_call
                )
            ]
        values = [
            {
                "id": record.id,
                **{fname: line[index] for index, fname in columns.items()},
            }
            for record, line in zip(self, lines, strict=True)
        ]
        self._crm_mask_personal_data_copies(values, list(columns.values()))
        for line, vals in zip(lines, values, strict=True):
            for index, fname in columns.items():
                line[index] = vals[fname]
        return lines

    @api.model
    def _crm_check_personal_data_grouping(self, specs):
        """Refuse grouping by, or aggregating, personal data (group headers
        and aggregates would show it) to users who read it masked. Counts
        stay allowed."""
        Partner = self.env["res.partner"]
        if not Partner._crm_personal_data_applies():
            return
        maskers = Partner._crm_personal_data_maskers()
        copies = self._crm_personal_data_copies()
        strict_fields = Partner._crm_personal_data_strict_fields()
        for spec in specs:
            path, _sep, function = spec.partition(":")
            if function in ("count", "count_distinct") or path == "__count":
                continue
            fnames = path.split(".")
            if len(fnames) > 1 and self._crm_partner_many2one(fnames[0]):
                # a customer's field through a many2one (partner_id.email)
                fname = fnames[1]
            elif self._name == "res.partner":
                fname = fnames[0]
            else:
                fname = None
            if fname in maskers:
                strict = fname in strict_fields
            elif fnames[0] in copies:
                strict = False
            else:
                continue
            if not Partner._crm_personal_data_clear_user(strict=strict):
                field = self._fields[fnames[0]]
                raise UserError(
                    self.env._(
                        "%(field)s: grouping by personal data, or totalling it, "
                        "would show it, and you see it masked. Search for a value "
                        "instead, or ask for the Personal Data group.",
                        field=field.get_description(self.env)["string"],
                    )
                )

    @api.model
    @api.readonly
    def formatted_read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        self._crm_check_personal_data_grouping([*groupby, *aggregates])
        return super().formatted_read_group(
            domain,
            groupby=groupby,
            aggregates=aggregates,
            having=having,
            offset=offset,
            limit=limit,
            order=order,
        )

    @api.model
    @api.readonly
    def formatted_read_grouping_sets(
        self, domain, grouping_sets, aggregates=(), *, order=None
    ):
        self._crm_check_personal_data_grouping(
            [spec for grouping_set in grouping_sets for spec in grouping_set]
            + list(aggregates)
        )
        return super().formatted_read_grouping_sets(
            domain, grouping_sets, aggregates=aggregates, order=order
        )

    @api.model
    def read_group(
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        groupby_list = [groupby] if isinstance(groupby, str) else list(groupby)
        self._crm_check_personal_data_grouping(
            groupby_list + [spec for spec in fields if ":" in spec]
        )
        return super().read_group(
            domain,
            fields,
            groupby,
            offset=offset,
            limit=limit,
            orderby=orderby,
            lazy=lazy,
        )

    @api.readonly
    def web_read(self, specification):
        result = super().web_read(specification)
        for fname, spec in specification.items():
            if not (
                result
                and self._crm_partner_many2one(fname)
                and "display_name" in spec.get("fields", {})
            ):
                continue
            Partner = self.env["res.partner"].with_context(**spec.get("context", {}))
            values = [vals[fname] for vals in result if vals[fname]]
            names = Partner._crm_mask_display_names(
                {value["id"]: value["display_name"] for value in values}
            )
            for value in values:
                value["display_name"] = names[value["id"]]
        return result
