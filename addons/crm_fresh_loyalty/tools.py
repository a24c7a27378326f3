# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Constants shared by the suite's addons."""

# Records handled per batch of scheduled work (customers, cards, tickets):
# each batch is written, then the cron commits and reports its progress.
BATCH_SIZE = 1000
