# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Constants shared by the suite's addons."""

# Records handled per batch of scheduled work (customers, cards, tickets):
# each batch is written, then the cron commits and reports its progress.
BATCH_SIZE = 1000


class _PointsFlow:
    """Marks an environment running a flow allowed to move loyalty points.

    Its instance is a context value no RPC call can send (JSON has no such
    object), so ``with_context`` from a client cannot open the door.
    """

    __slots__ = ()

    def __repr__(self):
        return "<sanctioned points flow>"


POINTS_FLOW_KEY = "crm_points_flow"
_POINTS_FLOW = _PointsFlow()


def points_flow(records):
    """``records`` in an environment allowed to move loyalty points: the
    suite's and Odoo's own points flows (orders, the till, adjustments,
    expiry, merges, compensations) run their work through it."""
    return records.with_context(**{POINTS_FLOW_KEY: _POINTS_FLOW})


def in_points_flow(env):
    """Whether ``env`` runs a sanctioned points flow (see :func:`points_flow`)."""
    return env.context.get(POINTS_FLOW_KEY) is _POINTS_FLOW
