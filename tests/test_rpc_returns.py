# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Buttons answer RPC clients: every public ``action_*`` or ``button_*`` method
of the suite's addons returns a value on every path (``True``, an action...).

The web client ignores what a button returns, but XML-RPC cannot marshal
``None``: the button does its work and the client gets a "cannot marshal None"
fault (JSON-2 answers ``null``). Read from the source, no database needed;
``TestJson2Api`` (crm_analytics_aftersales) calls the main ones for real.
"""

import ast
from pathlib import Path

import pytest

ADDONS_DIR = Path(__file__).resolve().parent.parent / "addons"
BUTTON_PREFIXES = ("action_", "button_")


# pytest-odoo's autouse session fixtures open the registry of --odoo-database;
# this check needs none (as in test_packaging.py).
@pytest.fixture(scope="session")
def load_registry():
    yield


@pytest.fixture(scope="session")
def load_http():
    yield


def _is_private(function):
    return any(
        isinstance(decorator, ast.Attribute) and decorator.attr == "private"
        for decorator in function.decorator_list
    )


def _own_returns(function):
    """The return statements of the function, not of the functions and
    lambdas it defines."""
    stack = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Return):
            yield node
        elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            stack.extend(ast.iter_child_nodes(node))


def _buttons_without_value():
    for path in sorted(ADDONS_DIR.glob("*/**/*.py")):
        if {"tests", "migrations"} & set(path.relative_to(ADDONS_DIR).parts):
            continue
        tree = ast.parse(path.read_text(), str(path))
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            for function in cls.body:
                if (
                    not isinstance(function, ast.FunctionDef)
                    or not function.name.startswith(BUTTON_PREFIXES)
                    or _is_private(function)
                ):
                    continue
                where = (
                    f"{path.relative_to(ADDONS_DIR)}:{function.lineno} {function.name}"
                )
                if not isinstance(function.body[-1], (ast.Return, ast.Raise)):
                    yield f"{where} can end without a return"
                for node in _own_returns(function):
                    if node.value is None or (
                        isinstance(node.value, ast.Constant)
                        and node.value.value is None
                    ):
                        yield f"{where} returns None at line {node.lineno}"


def test_buttons_return_a_value():
    assert list(_buttons_without_value()) == []
