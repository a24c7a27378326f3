# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPrivacyRpc(HttpCase):
    """Masking holds for a real session of a care user calling the ORM over
    JSON-RPC, as the web client and external clients do."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(
            cls.env,
            login="care_rpc",
            groups="crm_fresh_loyalty.group_customer_care_user",
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Wang Fang",
                "phone": "13812345678",
                "email": "wang.fang@example.com",
            }
        )

    def _call_kw(self, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/res.partner/{method}",
            {
                "model": "res.partner",
                "method": method,
                "args": args,
                "kwargs": kwargs or {},
            },
        )

    def test_rpc_reads_masked(self):
        self.authenticate("care_rpc", "care_rpcx")
        domain = [("id", "=", self.customer.id)]
        [read] = self._call_kw("read", [self.customer.ids, ["phone", "email"]])
        [search_read] = self._call_kw("search_read", [domain, ["phone"]])
        web = self._call_kw(
            "web_search_read", [domain], {"specification": {"email": {}}}
        )
        self.assertEqual(
            (read["phone"], read["email"], search_read["phone"]),
            ("138****5678", "w***@example.com", "138****5678"),
        )
        self.assertEqual(web["records"][0]["email"], "w***@example.com")

    def test_rpc_masked_value_saved_back_keeps_real_value(self):
        self.authenticate("care_rpc", "care_rpcx")
        self._call_kw(
            "web_save",
            [self.customer.ids, {"phone": "138****5678", "city": "Hangzhou"}],
            {"specification": {"phone": {}}},
        )
        self.assertEqual(self.customer.phone, "13812345678")
        self.assertEqual(self.customer.city, "Hangzhou")

    def test_rpc_reveal(self):
        self.authenticate("care_rpc", "care_rpcx")
        value = self._call_kw("action_crm_reveal", [self.customer.ids, "email"])
        self.assertEqual(value, "wang.fang@example.com")
