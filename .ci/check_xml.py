# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Check that every XML file of the addons is well-formed; print the broken ones."""

import sys
from pathlib import Path

from lxml import etree

root = Path(__file__).resolve().parent.parent / "addons"
broken = 0
files = sorted(root.rglob("*.xml"))
for path in files:
    try:
        etree.parse(str(path))
    except etree.XMLSyntaxError as error:
        broken += 1
        sys.stderr.write(f"{path.relative_to(root.parent)}: {error}\n")
sys.stdout.write(f"XML: {len(files)} files, {broken} malformed\n")
sys.exit(1 if broken else 0)
