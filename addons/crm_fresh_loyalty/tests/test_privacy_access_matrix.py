# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon

SUITE_MODULES = [
    "crm_fresh_loyalty",
    "crm_campaign",
    "crm_aftersales",
    "crm_analytics",
    "crm_fresh_loyalty_pos",
    "crm_aftersales_pos",
    "crm_analytics_aftersales",
    "crm_analytics_pos",
    "crm_analytics_website",
    "crm_fresh_loyalty_website",
]
OPERATIONS = {"r": "read", "w": "write", "c": "create", "u": "unlink"}
# Model -> allowed operations (r, w, c, u = unlink) per role.
ACCESS_MATRIX = {
    "account.move": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "",
        "pos_user": "r",
    },
    "base.partner.merge.automatic.wizard": {
        "care_user": "rwc",
        "care_manager": "rwc",
        "dpo": "rwc",
        "employee": "",
        "pos_user": "",
    },
    "crm.aftersales.request": {
        "care_user": "rwc",
        "care_manager": "rwc",
        "dpo": "rwc",
        "employee": "",
        "pos_user": "",
    },
    "crm.campaign.effect": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.clv.model": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.complaint.cause": {
        "care_user": "r",
        "care_manager": "rwcu",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.complaint.cause.report": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.complaint.classifier": {
        "care_user": "r",
        "care_manager": "rwcu",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.complaint.compensation": {
        "care_user": "rwc",
        "care_manager": "rwcu",
        "dpo": "rwc",
        "employee": "",
        "pos_user": "",
    },
    "crm.complaint.compensation.rule": {
        "care_user": "r",
        "care_manager": "rwcu",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.complaint.keyword": {
        "care_user": "r",
        "care_manager": "rwcu",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.complaint.route": {
        "care_user": "r",
        "care_manager": "rwcu",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.customer.analytics": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.customer.message": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.improvement.report": {
        "care_user": "rwc",
        "care_manager": "rwc",
        "dpo": "rwc",
        "employee": "",
        "pos_user": "",
    },
    "crm.interaction.log.wizard": {
        "care_user": "rwc",
        "care_manager": "rwc",
        "dpo": "rwc",
        "employee": "",
        "pos_user": "",
    },
    "crm.kpi.snapshot": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.kpi.target": {
        "care_user": "r",
        "care_manager": "rwcu",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.kpi.target.line": {
        "care_user": "r",
        "care_manager": "rwcu",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.membership.tier": {
        "care_user": "r",
        "care_manager": "rwcu",
        "dpo": "r",
        "employee": "r",
        "pos_user": "r",
    },
    "crm.membership.tier.history": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.message.provider": {
        "care_user": "r",
        "care_manager": "rwcu",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.partner.data.export": {
        "care_user": "",
        "care_manager": "rwc",
        "dpo": "",
        "employee": "",
        "pos_user": "",
    },
    "crm.partner.duplicate": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.personal.data.access.log": {
        "care_user": "",
        "care_manager": "",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.points.adjust.wizard": {
        "care_user": "",
        "care_manager": "rwc",
        "dpo": "",
        "employee": "",
        "pos_user": "",
    },
    "crm.product.association": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.product.recommendation": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.recommendation.log": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.purchase.fact": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.quality.override": {
        "care_user": "",
        "care_manager": "rwc",
        "dpo": "",
        "employee": "",
        "pos_user": "",
    },
    "crm.retention.episode": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.rfm.history": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.satisfaction.callback": {
        "care_user": "rwc",
        "care_manager": "rwc",
        "dpo": "rwc",
        "employee": "",
        "pos_user": "",
    },
    "crm.satisfaction.report": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.segment.migration": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.sensitive.attribute": {
        "care_user": "r",
        "care_manager": "rwcu",
        "dpo": "rwcu",
        "employee": "",
        "pos_user": "",
    },
    "crm.sensitive.value": {
        "care_user": "r",
        "care_manager": "rwcu",
        "dpo": "rwcu",
        "employee": "",
        "pos_user": "",
    },
    "crm.tag.rule": {
        "care_user": "r",
        "care_manager": "rwcu",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "crm.tier.set.wizard": {
        "care_user": "",
        "care_manager": "rwc",
        "dpo": "",
        "employee": "",
        "pos_user": "",
    },
    "crm.value.category": {
        "care_user": "r",
        "care_manager": "rwcu",
        "dpo": "r",
        "employee": "r",
        "pos_user": "r",
    },
    "delivery.carrier": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "helpdesk.ticket": {
        "care_user": "rwc",
        "care_manager": "rwcu",
        "dpo": "rwc",
        "employee": "r",
        "pos_user": "r",
    },
    "helpdesk.ticket.category": {
        "care_user": "r",
        "care_manager": "rwcu",
        "dpo": "r",
        "employee": "r",
        "pos_user": "r",
    },
    "helpdesk.ticket.type": {
        "care_user": "r",
        "care_manager": "rwcu",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "loyalty.card": {
        "care_user": "r",
        "care_manager": "rwc",
        "dpo": "r",
        "employee": "",
        "pos_user": "rw",
    },
    # Odoo's Balance dialog, which a loyalty card turns into the managers'
    # adjustment (the till's users keep Odoo's rights for gift cards).
    "loyalty.card.update.balance": {
        "care_user": "",
        "care_manager": "",
        "dpo": "",
        "employee": "",
        "pos_user": "rwc",
    },
    "loyalty.generate.wizard": {
        "care_user": "",
        "care_manager": "",
        "dpo": "",
        "employee": "",
        "pos_user": "rwc",
    },
    "loyalty.history": {
        "care_user": "r",
        "care_manager": "rc",
        "dpo": "r",
        "employee": "",
        "pos_user": "rwc",
    },
    "loyalty.program": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "",
        "pos_user": "r",
    },
    # The points mall's settings on a program's rewards.
    "loyalty.reward": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "",
        "pos_user": "r",
    },
    "mail.activity": {
        "care_user": "rwcu",
        "care_manager": "rwcu",
        "dpo": "rwcu",
        "employee": "rwcu",
        "pos_user": "rwcu",
    },
    "mail.activity.type": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "r",
        "pos_user": "r",
    },
    "mailing.mailing": {
        "care_user": "",
        "care_manager": "rwcu",
        "dpo": "",
        "employee": "",
        "pos_user": "",
    },
    "mgmtsystem.action": {
        "care_user": "rwc",
        "care_manager": "rwc",
        "dpo": "rwc",
        "employee": "",
        "pos_user": "",
    },
    "pos.config": {
        "care_user": "",
        "care_manager": "",
        "dpo": "",
        "employee": "",
        "pos_user": "rw",
    },
    "pos.order": {
        "care_user": "",
        "care_manager": "",
        "dpo": "",
        "employee": "",
        "pos_user": "rwcu",
    },
    "pos.order.line": {
        "care_user": "",
        "care_manager": "",
        "dpo": "",
        "employee": "",
        "pos_user": "rwcu",
    },
    "pos.pack.operation.lot": {
        "care_user": "",
        "care_manager": "",
        "dpo": "",
        "employee": "",
        "pos_user": "rwcu",
    },
    "pos.session": {
        "care_user": "",
        "care_manager": "",
        "dpo": "",
        "employee": "",
        "pos_user": "rwc",
    },
    "product.pricelist": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "r",
        "pos_user": "r",
    },
    "product.pricelist.item": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "r",
        "pos_user": "r",
    },
    "rating.rating": {
        "care_user": "rwc",
        "care_manager": "rwc",
        "dpo": "rwc",
        "employee": "rwc",
        "pos_user": "rwc",
    },
    "res.company": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "r",
        "pos_user": "r",
    },
    "res.config.settings": {
        "care_user": "",
        "care_manager": "",
        "dpo": "",
        "employee": "",
        "pos_user": "",
    },
    "res.partner": {
        "care_user": "rwcu",
        "care_manager": "rwcu",
        "dpo": "rwcu",
        "employee": "r",
        "pos_user": "r",
    },
    "res.users": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "r",
        "pos_user": "r",
    },
    "rma": {
        "care_user": "rwc",
        "care_manager": "rwcu",
        "dpo": "rwc",
        "employee": "",
        "pos_user": "",
    },
    "rma.notification": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "rma.operation": {
        "care_user": "r",
        "care_manager": "rwcu",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "rma.reason": {
        "care_user": "r",
        "care_manager": "rwcu",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "sale.order": {
        "care_user": "",
        "care_manager": "",
        "dpo": "",
        "employee": "",
        "pos_user": "",
    },
    "sale.order.line": {
        "care_user": "",
        "care_manager": "",
        "dpo": "",
        "employee": "",
        "pos_user": "",
    },
    "stock.picking": {
        "care_user": "",
        "care_manager": "",
        "dpo": "",
        "employee": "",
        "pos_user": "rwcu",
    },
    "stock.lot": {
        "care_user": "r",
        "care_manager": "r",
        "dpo": "r",
        "employee": "",
        "pos_user": "",
    },
    "survey.question": {
        "care_user": "rwcu",
        "care_manager": "rwcu",
        "dpo": "rwcu",
        "employee": "",
        "pos_user": "",
    },
    "survey.user_input": {
        "care_user": "rwcu",
        "care_manager": "rwcu",
        "dpo": "rwcu",
        "employee": "",
        "pos_user": "",
    },
}
# crm_aftersales lets customer care staff read the orders they take returns of.
WITH_AFTERSALES = {
    "pos.order": {"care_user": "r", "care_manager": "r", "dpo": "r"},
    "pos.order.line": {"care_user": "r", "care_manager": "r", "dpo": "r"},
    "sale.order": {"care_user": "r", "care_manager": "r", "dpo": "r"},
    "sale.order.line": {"care_user": "r", "care_manager": "r", "dpo": "r"},
}
ROLE_GROUPS = {
    "care_user": "crm_fresh_loyalty.group_customer_care_user",
    "care_manager": "crm_fresh_loyalty.group_customer_care_manager",
    "dpo": "crm_customer_privacy.group_data_protection_officer",
    "employee": "base.group_user",
}


class AccessMatrixCase(BaseCommon):
    """Every model of the installed suite modules, for every role: the
    operations allowed by access rights match ``ACCESS_MATRIX``."""

    def _suite_model_names(self):
        model_ids = (
            self.env["ir.model.data"]
            .search([("module", "in", SUITE_MODULES), ("model", "=", "ir.model")])
            .mapped("res_id")
        )
        return {
            model.model
            for model in self.env["ir.model"].browse(model_ids)
            if not self.env[model.model]._abstract
        }

    def assertRoleAccess(self, role, user):
        for model_name in sorted(self._suite_model_names()):
            self.assertIn(
                model_name,
                ACCESS_MATRIX,
                f"Model {model_name} has no expected access in ACCESS_MATRIX",
            )
            model = self.env[model_name].with_user(user)
            allowed = "".join(
                letter
                for letter, operation in OPERATIONS.items()
                if model.has_access(operation)
            )
            expected = ACCESS_MATRIX[model_name][role]
            if "rma.reason" in self.env:  # crm_aftersales is installed
                expected = WITH_AFTERSALES.get(model_name, {}).get(role, expected)
            with self.subTest(model=model_name, role=role):
                self.assertEqual(allowed, expected)


@tagged("post_install", "-at_install")
class TestPrivacyAccessMatrix(AccessMatrixCase):
    def test_access_matrix(self):
        for role, group in ROLE_GROUPS.items():
            user = new_test_user(self.env, login=f"matrix_{role}", groups=group)
            self.assertRoleAccess(role, user)

    def test_roles_imply_personal_data(self):
        personal_data = "crm_customer_privacy.group_personal_data"
        for role in ("care_manager", "dpo"):
            user = new_test_user(
                self.env, login=f"implied_{role}", groups=ROLE_GROUPS[role]
            )
            self.assertTrue(user.has_group(personal_data), role)
        user = new_test_user(
            self.env, login="implied_user", groups=ROLE_GROUPS["care_user"]
        )
        self.assertFalse(user.has_group(personal_data))
