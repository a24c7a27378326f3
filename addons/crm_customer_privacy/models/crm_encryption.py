# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""AES-256-GCM encryption of sensitive values, keyed from the server config.

The key never enters the database: it is read from the ``crm_encryption_key``
option of the server configuration (base64 of 32 random bytes), with an
optional ``crm_encryption_key_id``. A value is stored as
``v1:<key id>:<base64(nonce + ciphertext + tag)>`` with a fresh 96-bit nonce,
so a key rotation can tell which values are already under the new key.
Exact-match search goes through an HMAC-SHA256 of the normalised value, keyed
with a key derived from the encryption key (never the encryption key itself).
"""

import base64
import binascii
import hashlib
import hmac
import logging
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tools import config

_logger = logging.getLogger(__name__)

VERSION = "v1"
NONCE_SIZE = 12
KEY_OPTION = "crm_encryption_key"
KEY_ID_OPTION = "crm_encryption_key_id"


class CrmCipher:
    """One AES-256-GCM key with its id; encrypts, decrypts and hashes."""

    def __init__(self, env, key_b64, key_id=None):
        self.env = env
        try:
            key = base64.b64decode(key_b64 or "", validate=True)
        except (binascii.Error, ValueError):
            key = b""
        if len(key) != 32:
            raise UserError(
                env._(
                    "Encryption key: %(option)s must be the base64 encoding of "
                    "32 random bytes (e.g. the output of "
                    '`python3 -c "import os, base64; '
                    'print(base64.b64encode(os.urandom(32)).decode())"`).',
                    option=KEY_OPTION,
                )
            )
        self._aead = AESGCM(key)
        self._hash_key = hmac.new(key, b"crm-search-hash", hashlib.sha256).digest()
        self.key_id = key_id or hashlib.sha256(key).hexdigest()[:8]
        if ":" in self.key_id:
            raise UserError(
                env._(
                    "Encryption key id: %(option)s must not contain a colon.",
                    option=KEY_ID_OPTION,
                )
            )
        self.prefix = f"{VERSION}:{self.key_id}:"

    @classmethod
    def from_config(cls, env):
        """The cipher of the server configuration; a clear error without one."""
        key_b64 = config.get(KEY_OPTION)
        if not key_b64:
            raise UserError(
                env._(
                    "Encryption key: the server configuration has no %(option)s, "
                    "so sensitive fields can be neither read nor written. Ask the "
                    "administrator to set it in the Odoo configuration file.",
                    option=KEY_OPTION,
                )
            )
        return cls(env, key_b64, config.get(KEY_ID_OPTION))

    def owns(self, token):
        """Whether ``token`` was encrypted under this key."""
        return bool(token) and token.startswith(self.prefix)

    def encrypt(self, plaintext, context_label):
        nonce = os.urandom(NONCE_SIZE)
        sealed = self._aead.encrypt(nonce, plaintext.encode(), context_label.encode())
        return self.prefix + base64.b64encode(nonce + sealed).decode()

    def decrypt(self, token, context_label):
        if not self.owns(token):
            raise UserError(
                self.env._(
                    "%(field)s: the stored value was encrypted under another key "
                    "than %(key_id)s; configure the key it was written with, or "
                    "re-encrypt the database with the crm_rekey command.",
                    field=context_label,
                    key_id=self.key_id,
                )
            )
        raw = base64.b64decode(token[len(self.prefix) :])
        try:
            plaintext = self._aead.decrypt(
                raw[:NONCE_SIZE], raw[NONCE_SIZE:], context_label.encode()
            )
        except InvalidTag as error:
            raise UserError(
                self.env._(
                    "%(field)s: the stored value cannot be decrypted with key "
                    "%(key_id)s (wrong key, or the value was tampered with).",
                    field=context_label,
                    key_id=self.key_id,
                )
            ) from error
        return plaintext.decode()

    def search_hash(self, value):
        """Keyed hash of the normalised value, for exact-match search."""
        normalised = " ".join(value.split()).upper()
        return hmac.new(self._hash_key, normalised.encode(), hashlib.sha256).hexdigest()


def reencrypt_database(registry, old_key, new_key, batch_size=1000):
    """Move every encrypted value of the database from ``old_key`` to
    ``new_key``, each a (base64 key, key id or None) pair: the core of the
    ``crm_rekey`` command.

    Every value still to move is first decrypted with the old key in one
    transaction that writes nothing: a wrong old key, or a value under a third
    key, raises a UserError before anything changes. Then each model's values
    move in batches of one transaction each (one cursor of ``registry`` per
    batch, committed when it closes), so an interruption keeps the batches
    done and a new run skips them. Returns the number of records moved.
    """
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        old, new = CrmCipher(env, *old_key), CrmCipher(env, *new_key)
        if old.key_id == new.key_id:
            raise UserError(
                env._(
                    "New key: its id %(key_id)s is the id of the old key; give "
                    "the new key another id so re-encrypted values can be told "
                    "apart.",
                    key_id=new.key_id,
                )
            )
        model_names = env["crm.encrypted.mixin"]._crm_encrypted_models()
        todo = {
            name: env[name]._crm_check_reencryption(old, new) for name in model_names
        }
    _logger.info("crm_rekey: records to re-encrypt: %s", todo)
    for name, remaining in todo.items():
        while remaining:
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                old, new = CrmCipher(env, *old_key), CrmCipher(env, *new_key)
                remaining = env[name]._crm_reencrypt(old, new, batch_size=batch_size)
            _logger.info("crm_rekey: %s: %s records left", name, remaining)
    return sum(todo.values())
