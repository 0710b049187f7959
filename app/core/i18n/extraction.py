"""Finds the messages in the code for the catalogs: a Babel extraction method (babel.cfg
names it; `app.core.i18n.catalogs extract` runs it).

It reads the syntax tree, not the tokens, to take only calls in the catalog form:
`tr("…", **params)`, `ctr("context", "…", **params)`, `ntr("…", "…", count, **params)`.
The old pair `tr("Indonesian", "English", …)` carries its English in the code and is left
out until it is converted. Every message gets a note of the placeholders the code fills
(the catalog check refuses a translation using any other), and the comment block above
the call that starts with "Translators:" as a note for the translator."""

from __future__ import annotations

import ast
import functools
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Final

# Babel's keyword specs: which argument is the msgid, the plural, the context.
KEYWORDS: Final[dict[str, tuple[int | tuple[int, str], ...]]] = {
    "tr": (1,),
    "ctr": ((1, "c"), 2),
    "word": ((1, "c"), 2),
    "ntr": (1, 2),
}
COMMENT_TAG: Final = "Translators:"
PLACEHOLDERS_NOTE: Final = "placeholders:"
# How many leading string arguments each catalog form has (tr's old pair has two).
_STRINGS: Final = {"tr": 1, "ctr": 2, "word": 2, "ntr": 2}
_POSITIONAL: Final = {"tr": 1, "ctr": 2, "word": 2, "ntr": 3}

Extracted = tuple[int, str, tuple[str, ...], list[str]]


def babel_extract(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, object],
) -> Iterator[Extracted]:
    """Babel's extraction method interface: (line, function, messages, comments)."""
    source = fileobj.read().decode("utf-8")
    yield from extract_source(source, keywords or KEYWORDS)


def extract_source(source: str, keywords: Collection[str] = KEYWORDS) -> Iterator[Extracted]:
    for line, name, strings, notes in _extracted(source, frozenset(keywords)):
        yield line, name, strings, list(notes)


@functools.lru_cache(maxsize=4096)
def _extracted(
    source: str, keywords: frozenset[str]
) -> tuple[tuple[int, str, tuple[str, ...], tuple[str, ...]], ...]:
    """Read once per process for each text: reading the syntax of the whole of app/ takes
    seconds of CPU time, and the same text holds the same messages (a check run again on
    unchanged code, in one process)."""
    return tuple(
        (line, name, strings, tuple(notes))
        for line, name, strings, notes in _calls(source, keywords)
    )


def _calls(source: str, keywords: Collection[str]) -> Iterator[Extracted]:
    lines = source.splitlines()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _called_name(node)
        if name not in keywords or name not in _STRINGS:
            continue
        strings = _leading_strings(node, _STRINGS[name])
        if strings is None or len(node.args) != _POSITIONAL[name]:
            continue  # the old pair, or a msgid that is not written in the code
        notes = _translator_comments(lines, node.lineno)
        filled = _filled_names(node, name)
        if filled:
            notes.append(PLACEHOLDERS_NOTE + " " + " ".join(f"{{{n}}}" for n in filled))
        yield node.lineno, name, strings, notes


def _called_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _leading_strings(node: ast.Call, count: int) -> tuple[str, ...] | None:
    strings = []
    for argument in node.args[:count]:
        if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
            return None
        strings.append(argument.value)
    return tuple(strings) if len(strings) == count else None


def _filled_names(node: ast.Call, name: str) -> list[str] | None:
    """The parameters the call fills; None when some are not known (`**params`)."""
    names = [keyword.arg for keyword in node.keywords]
    if any(arg is None for arg in names):
        return None
    filled = {arg for arg in names if arg is not None}
    if name == "ntr":
        filled.add("n")
    return sorted(filled)


def _translator_comments(lines: list[str], lineno: int) -> list[str]:
    """The comment lines right above the call's line, from the one tagged "Translators:"."""
    block: list[str] = []
    index = lineno - 2
    while index >= 0 and lines[index].lstrip().startswith("#"):
        block.insert(0, lines[index].lstrip()[1:].strip())
        index -= 1
    for start, text in enumerate(block):
        if text.startswith(COMMENT_TAG):
            return [" ".join(block[start:])]
    return []
