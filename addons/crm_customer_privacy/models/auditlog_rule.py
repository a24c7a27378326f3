# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.fields import Command

# What the suite switches on in a site's rule it adopts
LOGGED_OPERATIONS = ("log_write", "log_unlink")
# The customers' rule and its "View logs" action when they were data
LEGACY_XMLIDS = ("auditlog_rule_res_partner", "auditlog_log_action_res_partner")


class AuditlogRule(models.Model):
    """Audit rules that share their model with the site's.

    auditlog allows one rule per model and can only exclude fields. The
    suite audits the fields its addons name (``_crm_audited_fields``, the
    personal and sensitive fields of ``res.partner``) on the model's one rule:

    - where the site has no rule, the suite creates one that excludes every
      other field of the model, and every field that appears later (an addon
      installed, a custom field) unless the suite audits it; the site may
      edit it like any rule, e.g. stop excluding a field it wants logged;
    - where the site has a rule, the suite adopts it: it stops excluding the
      fields it audits and switches on the logging of writes and deletions,
      and remembers what it changed;
    - uninstalling the suite removes the rule it created and puts back what
      it changed on the site's rule.
    """

    _inherit = "auditlog.rule"

    crm_ownership = fields.Selection(
        [("created", "Created by the suite"), ("adopted", "Adopted by the suite")],
        string="Customer Care Suite",
        readonly=True,
        copy=False,
        help="Created: the suite removes this rule when it is uninstalled. "
        "Adopted: the site's rule, where the suite logs the fields it audits; "
        "uninstalling the suite puts back what it changed.",
    )
    crm_field_watermark = fields.Integer(
        string="Fields Seen by the Suite",
        readonly=True,
        copy=False,
        help="Highest id of the model's fields when the suite last looked: "
        "on a rule it created, the fields created since are excluded unless "
        "the suite audits them.",
    )
    crm_site_values = fields.Json(
        string="Site's Settings before the Suite",
        readonly=True,
        copy=False,
        help="What the suite changed on the site's rule when adopting it, "
        "put back when the suite is uninstalled.",
    )

    @api.model
    def _crm_audited_fields(self):
        """{model name: names of the fields the suite audits}."""
        return {"res.partner": self.env["res.partner"]._crm_audited_fields()}

    @api.model
    def _crm_set_up_rules(self):
        """Give every audited model its rule: the site's, adopted, or a new
        one. Called at installation and by the migration to 19.0.1.2.0."""
        self._crm_own_legacy_rule()
        for model_name, fnames in self._crm_audited_fields().items():
            model = self.env["ir.model"]._get(model_name)
            rule = self.search([("model_id", "=", model.id)])
            if not rule:
                rule = self.create(
                    {
                        "name": self.env._(
                            "%(model)s: personal and sensitive fields",
                            model=model.name,
                        ),
                        "model_id": model.id,
                        "log_type": "fast",
                        "log_create": False,
                        "log_write": True,
                        "log_unlink": True,
                        "log_export_data": False,
                        "crm_ownership": "created",
                    }
                )
                rule._crm_exclude_all_but(fnames)
                rule.set_to_confirmed()
            elif rule.crm_ownership == "created":
                rule._crm_exclude_all_but(fnames)
            else:
                rule._crm_adopt(fnames)

    @api.model
    def _crm_own_legacy_rule(self):
        """The customers' rule was data of this addon before 19.0.1.2.0 (of
        crm_fresh_loyalty before): it becomes an ordinary record, the suite's."""
        legacy = self.env.ref(
            "crm_customer_privacy.auditlog_rule_res_partner", raise_if_not_found=False
        )
        self.env["ir.model.data"].search(
            [("module", "=", "crm_customer_privacy"), ("name", "in", LEGACY_XMLIDS)]
        ).unlink()
        if legacy:
            legacy.crm_ownership = "created"

    def _crm_exclude_all_but(self, fnames):
        """Log only ``fnames`` on this rule of the suite."""
        self.ensure_one()
        model_fields = self.env["ir.model.fields"].search(
            [("model_id", "=", self.model_id.id)]
        )
        self.write(
            {
                "fields_to_exclude_ids": [
                    Command.set(
                        model_fields.filtered(lambda f: f.name not in fnames).ids
                    )
                ],
                "crm_field_watermark": max(model_fields.ids, default=0),
            }
        )

    def _crm_adopt(self, fnames):
        """Log ``fnames`` on this rule of the site, remembering what changes."""
        self.ensure_one()
        site_values = dict(self.crm_site_values or {})
        vals = {op: True for op in LOGGED_OPERATIONS if not self[op]}
        for op in vals:
            site_values.setdefault(op, False)
        readmitted = self.fields_to_exclude_ids.filtered(lambda f: f.name in fnames)
        if readmitted:
            site_values["fields_to_exclude_ids"] = sorted(
                set(site_values.get("fields_to_exclude_ids", [])) | set(readmitted.ids)
            )
            vals["fields_to_exclude_ids"] = [Command.unlink(f.id) for f in readmitted]
        if self.state != "confirmed":
            site_values.setdefault("state", self.state)
        if vals or site_values != (self.crm_site_values or {}):
            self.write(
                {**vals, "crm_ownership": "adopted", "crm_site_values": site_values}
            )
        elif self.crm_ownership != "adopted":
            self.crm_ownership = "adopted"
        if self.state != "confirmed":
            self.set_to_confirmed()

    @api.model
    def _crm_sync_rules(self, model_names):
        """Keep the suite's rules on ``model_names`` right after their fields
        change: the fields the suite audits are logged; on a rule the suite
        created, the fields created since it last looked are excluded unless
        the suite audits them."""
        rules = self.search(
            [("crm_ownership", "!=", False), ("model_model", "in", list(model_names))]
        )
        audited = self._crm_audited_fields() if rules else {}
        for rule in rules:
            fnames = audited.get(rule.model_model, set())
            if rule.crm_ownership == "adopted":
                rule._crm_adopt(fnames)
                continue
            excluded = rule.fields_to_exclude_ids
            new_fields = self.env["ir.model.fields"].search(
                [
                    ("model_id", "=", rule.model_id.id),
                    ("id", ">", rule.crm_field_watermark),
                ]
            )
            commands = [Command.unlink(f.id) for f in excluded if f.name in fnames]
            commands += [Command.link(f.id) for f in new_fields if f.name not in fnames]
            if commands or new_fields:
                rule.write(
                    {
                        "fields_to_exclude_ids": commands,
                        "crm_field_watermark": max(
                            new_fields.ids, default=rule.crm_field_watermark
                        ),
                    }
                )

    @api.model
    def _crm_restore_site_rules(self):
        """Remove the rules the suite created, put back what it changed on the
        site's rules. Called when the suite is uninstalled."""
        self.search([("crm_ownership", "=", "created")]).unlink()
        for rule in self.search([("crm_ownership", "=", "adopted")]):
            site_values = dict(rule.crm_site_values or {})
            state = site_values.pop("state", None)
            excluded = self.env["ir.model.fields"].browse(
                site_values.pop("fields_to_exclude_ids", [])
            )
            site_values["fields_to_exclude_ids"] = [
                Command.link(field.id) for field in excluded.exists()
            ]
            rule.write(
                {**site_values, "crm_ownership": False, "crm_site_values": False}
            )
            if state == "draft":
                rule.set_to_draft()
