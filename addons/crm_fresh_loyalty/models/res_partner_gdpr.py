# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import html2plaintext


class ResPartner(models.Model):
    """Rights of the person: export of one customer's data, and erasure on
    top of OCA ``privacy_partner_to_be_forgotten`` (which wipes the contact,
    its chatter and attachments, and archives it)."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    # Export

    def _crm_personal_fields(self):
        """Fields of the profile that are personal data, exported and erased."""
        return [
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
            "crm_gender",
            "crm_national_id",
            "crm_customer_type",
            "crm_source_channel",
            "crm_preferred_channel",
            "crm_preferred_categ_ids",
            "comment",
        ]

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

        Extended by the suite's other addons (tickets and returns in
        crm_aftersales) to add their own sections.
        """
        self.ensure_one()
        cards = self.env["loyalty.card"].search([("partner_id", "=", self.id)])
        interaction_types = self.env["mail.activity.type"].search(
            [("crm_is_interaction", "=", True)]
        )
        interactions = self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", self.id),
                ("mail_activity_type_id", "in", interaction_types.ids),
            ],
            order="date",
        )
        _ = self.env._
        return {
            _("Profile"): self._crm_export_rows(self, self._crm_personal_fields()),
            _("Orders"): self._crm_export_rows(
                self.env["sale.order"].search(
                    [("partner_id", "child_of", self.id)], order="date_order"
                ),
                ["name", "date_order", "state", "amount_total", "currency_id"],
            ),
            _("Points ledger"): self._crm_export_rows(
                self.env["loyalty.history"].search(
                    [("card_id", "in", cards.ids)], order="create_date, id"
                ),
                ["create_date", "card_id", "crm_move_type", "description"]
                + ["issued", "used", "crm_expiration_date"],
            ),
            _("Tier history"): self._crm_export_rows(
                self.env["crm.membership.tier.history"].search(
                    [("card_id", "in", cards.ids)], order="date, id"
                ),
                ["date", "card_id", "from_tier_id", "to_tier_id", "reason", "note"],
            ),
            _("Interactions"): self._crm_export_rows(
                interactions, ["date", "mail_activity_type_id", "subject", "body"]
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

    def _get_partner_initials(self):
        # the initials of a name are personal data too: never keep them
        return "X"

    def _prepare_partner_anonymized_vals(self, anonymized_name, anonymized_email):
        vals = super()._prepare_partner_anonymized_vals(
            anonymized_name, anonymized_email
        )
        vals["name"] = self.env._("Anonymised customer #%(id)s", id=self.id)
        for name in self._crm_personal_fields():
            vals.setdefault(name, False)
        return vals

    def anonymize_partner_data(self):
        self._crm_check_erasable()
        names = {self.name, self.display_name, self.complete_name} - {False}
        res = super().anonymize_partner_data()
        self._crm_erase_traces(names)
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
        self.env["sms.sms"].sudo().search([("partner_id", "=", self.id)]).unlink()
        self.env["mail.notification"].sudo().search(
            [("res_partner_id", "=", self.id), ("sms_number", "!=", False)]
        ).write({"sms_number": False})
        return True

    def action_crm_erase_personal_data(self):
        """Anonymise this customer (Customer Care managers)."""
        if not self.env.user.has_group("crm_fresh_loyalty.group_customer_care_manager"):
            raise UserError(
                self.env._("Only Customer Care managers can anonymise a customer.")
            )
        for partner in self:
            partner._crm_check_erasable()
        for partner in self:
            partner.anonymize_partner_data()
        return True
