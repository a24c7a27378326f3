# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

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
