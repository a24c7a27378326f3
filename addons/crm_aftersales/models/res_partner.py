# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

OPEN_RMA_STATES = (
    "draft",
    "confirmed",
    "received",
    "waiting_return",
    "waiting_replacement",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------------
    # Compensations and satisfaction
    # ------------------------------------------------------------------

    crm_compensation_ids = fields.One2many(
        "crm.complaint.compensation", "partner_id", string="Compensations"
    )
    crm_compensation_count = fields.Integer(
        string="Compensation Count", compute="_compute_crm_complaint_counts"
    )
    crm_rating_count = fields.Integer(
        string="Satisfaction", compute="_compute_crm_complaint_counts"
    )

    def _compute_crm_complaint_counts(self):
        counts = self._crm_count_by_partner(
            {
                "compensations": (
                    "crm.complaint.compensation",
                    [("partner_id", "in", self.commercial_partner_id.ids)],
                ),
                "ratings": ("rating.rating", self._crm_rating_domain()),
            }
        )
        for partner in self:
            partner.crm_compensation_count = counts["compensations"].get(
                partner.commercial_partner_id.id, 0
            )
            partner.crm_rating_count = counts["ratings"].get(partner.id, 0)

    def _crm_rating_domain(self):
        return [
            ("res_model", "=", "helpdesk.ticket"),
            ("partner_id", "in", self.ids),
            ("consumed", "=", True),
        ]

    def action_crm_view_compensations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_aftersales.crm_complaint_compensation_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {}
        return action

    def action_crm_view_ratings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt_rating.helpdesk_ticket_rating_action"
        )
        action["domain"] = self._crm_rating_domain()
        action["context"] = {}
        return action

    # ------------------------------------------------------------------
    # Tickets (the counters are declared by helpdesk_mgmt)
    # ------------------------------------------------------------------

    def _compute_helpdesk_ticket_count(self):
        """Tickets of each partner and its contacts, all and still open.

        One grouped count for the whole recordset: helpdesk_mgmt searches and
        reads every ticket of each partner in turn, so the customer form took
        more queries and memory the more complaints the customer had filed.
        """
        counts = defaultdict(lambda: [0, 0])  # partner id: [all, open]
        if self.ids:
            # the ancestors walked below, read with the records (the form has
            # them already), not once tickets are found
            self.fetch(["parent_id"])
            groups = self.env["helpdesk.ticket"]._read_group(
                [("partner_id", "child_of", self.ids)],
                ["partner_id", "stage_id.closed"],
                ["__count"],
            )
            for partner, closed, count in groups:
                # child_of: a ticket counts for its partner and every ancestor
                while partner:
                    counts[partner.id][0] += count
                    counts[partner.id][1] += 0 if closed else count
                    partner = partner.parent_id
        for record in self:
            total, active = counts[record.id]
            record.helpdesk_ticket_count = total
            record.helpdesk_ticket_active_count = active
            record.helpdesk_ticket_count_string = f"{active} / {total}"

    # ------------------------------------------------------------------
    # Counter card (crm_fresh_loyalty hook)
    # ------------------------------------------------------------------

    def _crm_counter_card(self):
        """The open complaints (with their SLA deadline) and returns: the
        reference, category or product and stage, no description."""
        card = super()._crm_counter_card()
        domains = self.commercial_partner_id._crm_open_aftersales_domains()
        # sudo: staff serving the customer see the references of their open
        # files, not their content (access to the customer checked by caller)
        tickets_sudo = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search_fetch(
                domains["helpdesk.ticket"],
                ["number", "category_id", "stage_id", "sla_deadline", "sla_expired"],
                order="create_date desc, id desc",
            )
        )
        returns_sudo = (
            self.env["rma"]
            .sudo()
            .search_fetch(
                domains["rma"],
                ["name", "product_id", "state"],
                order="date desc, id desc",
            )
        )
        rma_states = dict(
            self.env["rma"]._fields["state"]._description_selection(self.env)
        )
        card["complaints"] = [
            {
                "reference": ticket.number,
                "category": ticket.category_id.display_name or "",
                "stage": ticket.stage_id.display_name,
                "sla_deadline": ticket.sla_deadline
                and format_datetime(self.env, ticket.sla_deadline),
                "sla_expired": ticket.sla_expired,
            }
            for ticket in tickets_sudo
        ]
        card["returns"] = [
            {
                "reference": rma.name,
                "product": rma.product_id.display_name or "",
                "stage": rma_states.get(rma.state, ""),
            }
            for rma in returns_sudo
        ]
        return card

    # ------------------------------------------------------------------
    # Personal data: erasure guard and export (crm_customer_privacy hooks)
    # ------------------------------------------------------------------

    def _crm_open_aftersales_domains(self):
        return {
            "helpdesk.ticket": [
                ("partner_id", "child_of", self.ids),
                ("stage_id.closed", "=", False),
            ],
            "rma": [
                ("partner_id", "child_of", self.ids),
                ("state", "in", OPEN_RMA_STATES),
            ],
        }

    def _crm_check_erasable(self):
        res = super()._crm_check_erasable()
        for model, domain in self._crm_open_aftersales_domains().items():
            # sudo: counting open files only, whatever the user may read
            records_sudo = self.env[model].sudo().search(domain, limit=1)
            if records_sudo:
                raise UserError(
                    self.env._(
                        "Customer: %(partner)s still has an open %(kind)s "
                        "(%(record)s); close or cancel it before anonymising "
                        "the customer.",
                        partner=records_sudo.partner_id.display_name,
                        kind=self.env["ir.model"]._get(model).name,
                        record=records_sudo.display_name,
                    )
                )
        return res

    def _crm_personal_data(self):
        data = super()._crm_personal_data()
        _ = self.env._
        data[_("Tickets")] = self._crm_export_rows(
            self.env["helpdesk.ticket"].search(
                [("partner_id", "child_of", self.id)], order="create_date, id"
            ),
            ["number", "create_date", "name", "category_id", "stage_id", "description"],
        )
        data[_("Returns")] = self._crm_export_rows(
            self.env["rma"].search(
                [("partner_id", "child_of", self.id)], order="date, id"
            ),
            ["name", "date", "state", "product_id", "product_uom_qty", "reason_id"],
        )
        data[_("Compensations")] = self._crm_export_rows(
            self.env["crm.complaint.compensation"].search(
                [("partner_id", "=", self.id)], order="id"
            ),
            ["ticket_id", "compensation_type", "amount", "state", "issued_date"],
        )
        return data
