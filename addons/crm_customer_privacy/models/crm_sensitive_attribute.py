# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class CrmSensitiveAttribute(models.Model):
    """A sensitive customer attribute an administrator lists (passport
    number, social security number, bank account...).

    Its values are ``crm.sensitive.value`` records, stored encrypted like the
    national ID. Customer Care managers and Data Protection Officers keep the
    list; an attribute with values can be archived, not deleted.
    """

    _name = "crm.sensitive.attribute"
    _description = "Sensitive Customer Attribute"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(
        translate=True, help="What the attribute holds, shown to the care staff."
    )
    value_count = fields.Integer(string="Customers", compute="_compute_value_count")

    @api.constrains("name")
    def _check_name(self):
        if any(not attribute.name.strip() for attribute in self):
            raise ValidationError(
                self.env._("Name: give the sensitive attribute a name.")
            )

    def _compute_value_count(self):
        counts = dict(
            self.env["crm.sensitive.value"]._read_group(
                [("attribute_id", "in", self.ids)], ["attribute_id"], ["__count"]
            )
        )
        for attribute in self:
            attribute.value_count = counts.get(attribute, 0)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_values(self):
        # sudo: values of customers of every company count, not only those
        # the user may read
        used = (
            self.env["crm.sensitive.value"]
            .sudo()
            .search([("attribute_id", "in", self.ids)], limit=1)
            .attribute_id
        )
        if used:
            raise UserError(
                self.env._(
                    "Sensitive attribute %(attribute)s: customers have a value "
                    "for it; archive it instead of deleting it.",
                    attribute=used.name,
                )
            )
