"""Catalogs holding every message the code still writes as an Indonesian/English pair
(`tr("…", "…")`, `bilingual("…", "…")`), their English from the code and a made-up Chinese
("〔zh〕" before the Indonesian): what the catalogs hold once every message is converted, so
files stored by an earlier version can be shown to read back in every language."""

from __future__ import annotations

import ast
import shutil
from collections.abc import Iterator
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from app.core.i18n.catalog import DEFAULT_FOLDER

APP = Path(__file__).resolve().parent.parent.parent / "app"
ZH_MARK = "〔zh〕"


def code_pairs() -> Iterator[tuple[str, str]]:
    for path in sorted(APP.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _name(node) in ("tr", "bilingual"):
                strings = [a.value for a in node.args[:2] if isinstance(a, ast.Constant)]
                if len(strings) == 2 and all(isinstance(s, str) for s in strings):
                    yield strings[0], strings[1]


def _name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    return node.func.attr if isinstance(node.func, ast.Attribute) else None


def catalogs_with_code_pairs(folder: Path) -> Path:
    """A copy of the shipped catalogs in `folder`, with the code's pairs added; compiled."""
    shutil.copytree(DEFAULT_FOLDER, folder)
    pairs = dict(code_pairs())
    for language in ("en", "zh"):
        po = folder / language / "LC_MESSAGES" / "jurnal_desk.po"
        with po.open("rb") as file:
            catalog = read_po(file)
        for msgid, english in pairs.items():
            if msgid not in catalog:
                catalog.add(msgid, english if language == "en" else ZH_MARK + msgid)
        with po.with_suffix(".mo").open("wb") as file:
            write_mo(file, catalog)
    return folder
