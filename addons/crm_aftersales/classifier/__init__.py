# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Complaint classification without Odoo: Chinese text handling, a logistic
regression stored as JSON, and its evaluation on the shipped examples.

Nothing here touches the database, so it can be unit-tested and benchmarked
on its own; ``models/crm_complaint_classifier.py`` stores and serves it.
"""

from .model import NOT_COMPLAINT, CompiledModel, Prediction, train
from .text import Analysis, analyse

__all__ = [
    "NOT_COMPLAINT",
    "Analysis",
    "CompiledModel",
    "Prediction",
    "analyse",
    "train",
]
