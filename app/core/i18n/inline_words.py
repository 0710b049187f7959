"""Finds English or Chinese a person would read written in the code instead of in the
catalogs: Indonesian is the source language, and every other language lives only in
`app/resources/locale` (docs/translating.md). `python -m app.core.i18n.catalogs check` runs
it over `app/` and fails on every finding, each one `path:line: rule: words`.

What it reports:
- a message given another language beside its Indonesian: a second positional argument of
  `tr` or `Text` (the old pair form), or a parameter named like `x_en`/`x_id`;
- an English sentence or any Chinese in a literal shown to a person: given to a Qt text
  setter or widget (`setText`, `QLabel(...)`, `QMessageBox...`), printed by the command
  line, given as argparse help, or written into data that feeds messages (an
  (Indonesian, English) pair of literals, a dict's value).

What it leaves alone: docstrings and comments, log lines (English for the developers on
purpose), exception texts for programmer errors (they are never shown), the sandbox (it
imitates the vendors' own words) and the language names written in themselves
(`SKIPPED`), and the few literals in `ALLOWED`, each with its reason."""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

CODE: Final = Path(__file__).resolve().parents[2]

# Folders and files under app/ never read, with why.
SKIPPED: Final[dict[str, str]] = {
    "sandbox": "the imitation of Accurate and Sempoa: it answers in the vendors' own words",
    "core/i18n/names.py": "each language's name written in that language",
}


@dataclass(frozen=True, slots=True)
class Allowed:
    """One literal that may stay: the file it is in, its words, and why."""

    path: str  # under app/, as in SKIPPED
    words: str
    reason: str


ALLOWED: Final[tuple[Allowed, ...]] = (
    Allowed(
        "core/i18n/catalogs.py",
        "init: the new language's code (de, ms)",
        "the catalog commands are a developer's tool (CI, a translator's setup), English "
        "like the logs",
    ),
    Allowed(
        "api/reply_language.py",
        "中文 (CN)",
        "Accurate's reply languages, each named in itself where a user picks one",
    ),
)


# The rules, as a finding names them.
PAIR: Final = "a message given another language"
LANGUAGE_PARAMETER: Final = "a parameter for one language"
SHOWN: Final = "English or Chinese shown in a window"
PRINTED: Final = "English or Chinese printed by the command line"
HELP: Final = "English or Chinese command-line help"
DATA: Final = "English or Chinese in data for messages"


@dataclass(frozen=True, slots=True)
class Finding:
    path: str  # "app/core/books/checks.py"
    line: int
    rule: str
    words: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.rule}: {self.words!r}"


_MESSAGE_CALLS: Final = frozenset({"tr", "ctr", "ntr", "Text"})
_PAIR_CALLS: Final = frozenset({"tr", "Text"})  # their second argument: English
_ONE_LANGUAGE: Final = re.compile(r"^(?:en|id|\w+_(?:en|id))$")
_QT_SETTERS: Final = frozenset(
    {
        "setText",
        "setToolTip",
        "setWindowTitle",
        "setPlaceholderText",
        "setStatusTip",
        "setWhatsThis",
        "setTitle",
        "setLabelText",
        "setInformativeText",
        "setDetailedText",
        "setTabText",
        "setTabToolTip",
        "setItemText",
        "setHeaderLabels",
        "setAccessibleName",
        "setAccessibleDescription",
        "showMessage",
        "addAction",
        "addItem",
        "addItems",
        "insertItem",
        "addTab",
        "insertTab",
        "addMenu",
        "addButton",
        "setSpecialValueText",
        "setSuffix",
        "setPrefix",
    }
)
_QT_WIDGETS: Final = frozenset(
    {
        "QLabel",
        "QPushButton",
        "QToolButton",
        "QCheckBox",
        "QRadioButton",
        "QGroupBox",
        "QAction",
        "QMenu",
        "QCommandLinkButton",
        "QMessageBox",
        "QTreeWidgetItem",
        "QListWidgetItem",
        "QTableWidgetItem",
        "QStandardItem",
    }
)
_QT_DIALOGS: Final = frozenset({"QMessageBox", "QInputDialog", "QFileDialog", "QToolTip"})
_ARGPARSE_CALLS: Final = frozenset(
    {
        "ArgumentParser",
        "add_argument",
        "add_parser",
        "add_subparsers",
        "add_argument_group",
        "add_mutually_exclusive_group",
    }
)
_ARGPARSE_WORDS: Final = frozenset({"help", "description", "epilog", "title", "usage"})
_STREAM_WRITES: Final = frozenset({"write", "writelines"})

# Words English sentences are made of and Indonesian never writes on their own ("a" and "no"
# are left out: "kolom A", "No. Bukti").
_FUNCTION_WORDS: Final = frozenset({
    "the", "an", "is", "are", "was", "were", "be", "been", "to", "of", "in", "on", "for",
    "with", "and", "or", "not", "it", "its", "this", "that", "these", "those", "your", "you",
    "has", "have", "had", "can", "cannot", "could", "would", "should", "will", "from", "at",
    "by", "as", "do", "does", "did", "there", "which", "what", "when", "where", "who", "how",
    "than", "then", "into", "only", "all", "any", "please", "yet", "if", "must", "isn't",
    "don't", "can't", "won't", "doesn't",
})  # fmt: skip
_PLACEHOLDER: Final = re.compile(r"\{[^{}]*\}")
_WORD: Final = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_CJK: Final = re.compile("[\u2e80-\u2fff\u3000-\u303f\u3040-\u9fff\uf900-\ufaff\uff00-\uffef]")
_TEXTUAL: Final = re.compile(r"^[A-Za-z][A-Za-z '()/-]*$")  # a name, not a code or a module


def is_chinese(words: str) -> bool:
    return _CJK.search(words) is not None


def is_english(words: str, *, least: int = 3) -> bool:
    """An English sentence: `least` words or more with one of English's small words in
    them, or a capitalised sentence of two words or more ending in . ? or !."""
    found = _WORD.findall(_PLACEHOLDER.sub(" ", words))
    if len(found) < 2 or not any(word.lower() in _FUNCTION_WORDS for word in found):
        return False
    sentence = found[0][0].isupper() and words.rstrip().endswith((".", "?", "!"))
    return len(found) >= least or sentence


def is_foreign(words: str, *, least: int = 3) -> bool:
    return is_chinese(words) or is_english(words, least=least)


# -- reading the code ----------------------------------------------------------------------


def scan(code: Path = CODE) -> list[Finding]:
    """Every finding under `code` (an `app` folder), by file and line."""
    findings: list[Finding] = []
    for path in sorted(code.rglob("*.py")):
        inside = path.relative_to(code).as_posix()
        if _skipped(inside):
            continue
        shown = Path(code.name, inside).as_posix()
        source = path.read_text(encoding="utf-8")
        findings += [f for f in scan_source(source, shown) if not _allowed(inside, f)]
    return findings


def scan_source(source: str, path: str) -> list[Finding]:
    """The findings in one file's text; `path` names it ("app/cli/post.py"): the command
    line's printing counts under app/cli only."""
    return list(_scanned(source, path))


@functools.lru_cache(maxsize=4096)
def _scanned(source: str, path: str) -> tuple[Finding, ...]:
    """Read once per process for each text: reading the syntax of the whole of app/ takes
    seconds of CPU time, and the same text finds the same (a check run again on unchanged
    code, in one process)."""
    in_cli = "/cli/" in f"/{path}"
    found = set(_Visitor(path, in_cli).findings(ast.parse(source)))
    return tuple(sorted(found, key=lambda f: (f.line, f.rule, f.words)))


def _skipped(inside: str) -> bool:
    return any(inside == skipped or inside.startswith(f"{skipped}/") for skipped in SKIPPED)


def _allowed(inside: str, finding: Finding) -> bool:
    return any(a.path == inside and a.words == finding.words for a in ALLOWED)


class _Visitor:
    def __init__(self, path: str, in_cli: bool) -> None:
        self.path = path
        self.in_cli = in_cli

    def findings(self, tree: ast.AST) -> Iterator[Finding]:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                yield from self._call(node)
            elif isinstance(node, ast.Dict):
                yield from self._dict(node)
                yield from self._named_pairs(node.values)
            elif isinstance(node, ast.Tuple | ast.List):
                yield from self._pairs(node)

    def _finding(self, node: ast.AST, rule: str, words: str) -> Finding:
        return Finding(self.path, getattr(node, "lineno", 0), rule, words)

    # -- calls ---------------------------------------------------------------------------

    def _call(self, call: ast.Call) -> Iterator[Finding]:
        name = _called_name(call)
        if name in _MESSAGE_CALLS:
            yield from self._message(call, name)
        elif name in _QT_SETTERS or name in _QT_WIDGETS or _qt_dialog(call):
            yield from self._shown(call, SHOWN)
        elif name in _ARGPARSE_CALLS or (self.in_cli and name == "Command"):
            yield from self._help(call, name)
        elif self.in_cli and (name == "print" or _stream_write(call) or _parser_error(call)):
            yield from self._shown(call, PRINTED)

    def _message(self, call: ast.Call, name: str) -> Iterator[Finding]:
        if name in _PAIR_CALLS and len(call.args) >= 2:
            for words in _literals(call.args[1]):
                yield self._finding(call, PAIR, words)
        for keyword in call.keywords:
            if keyword.arg is not None and _ONE_LANGUAGE.match(keyword.arg):
                yield self._finding(call, LANGUAGE_PARAMETER, f"{keyword.arg}=")
        for argument in call.args[:2]:  # the msgid (and context) must be Indonesian
            for words in _literals(argument):
                if is_chinese(words):
                    yield self._finding(call, PAIR, words)

    def _shown(self, call: ast.Call, rule: str) -> Iterator[Finding]:
        arguments = [*call.args, *(k.value for k in call.keywords if k.arg != "file")]
        for argument in arguments:
            for words in _literals(argument):
                if is_foreign(words):
                    yield self._finding(argument, rule, words)

    def _help(self, call: ast.Call, name: str) -> Iterator[Finding]:
        arguments = [k.value for k in call.keywords if k.arg in _ARGPARSE_WORDS]
        if name == "Command":
            arguments += call.args[2:]  # the command's line in `jurnal-desk --help`
        for argument in arguments:
            for words in _literals(argument):
                if is_foreign(words, least=2):
                    yield self._finding(argument, HELP, words)

    # -- data ----------------------------------------------------------------------------

    def _dict(self, node: ast.Dict) -> Iterator[Finding]:
        for value in node.values:
            if isinstance(value, ast.Tuple | ast.List):
                continue  # read as pairs below
            for words in _literals(value):
                if is_chinese(words) or (is_english(words) and _sentence_shaped(words)):
                    yield self._finding(value, DATA, words)

    def _pairs(self, node: ast.Tuple | ast.List) -> Iterator[Finding]:
        """(Indonesian, English): a pair whose second half is English, or a collection of
        two or more pairs of names that differ ("pelanggan", "customer")."""
        pair = _pair(node)
        if pair is not None and (is_foreign(pair[1], least=2) or is_chinese(pair[0])):
            yield self._finding(node, DATA, pair[1])
            return
        yield from self._named_pairs(node.elts)

    def _named_pairs(self, elements: list[ast.expr]) -> Iterator[Finding]:
        """Every tuple of the collection a pair of names: a table of names in two languages
        (a table of spellings to recognise has tuples of any length)."""
        tuples = [e for e in elements if isinstance(e, ast.Tuple)]
        named = [(e, p) for e in tuples if (p := _pair(e)) is not None and _names_pair(p)]
        if len(named) >= 2 and len(named) == len(tuples):
            for element, (_, second) in named:
                yield self._finding(element, DATA, second)


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _qt_dialog(call: ast.Call) -> bool:
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id in _QT_DIALOGS
    )


def _parser_error(call: ast.Call) -> bool:
    """parser.error(...): argparse prints it and exits."""
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "error"
        and isinstance(func.value, ast.Name)
        and "parser" in func.value.id
    )


def _stream_write(call: ast.Call) -> bool:
    """sys.stdout.write(...), sys.stderr.write(...), and the like."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr in _STREAM_WRITES):
        return False
    stream = func.value
    return isinstance(stream, ast.Attribute) and stream.attr in ("stdout", "stderr")


def _literals(node: ast.expr) -> Iterator[str]:
    """The words written in the code for this value: a string, an f-string's text (its
    values as {}), and the strings of a concatenation, a choice or a list of them. A call's
    result (a message) is not written here."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        yield "".join(
            part.value if isinstance(part, ast.Constant) and isinstance(part.value, str) else "{}"
            for part in node.values
        )
    elif isinstance(node, ast.BinOp):
        yield from _literals(node.left)
        yield from _literals(node.right)
    elif isinstance(node, ast.IfExp):
        yield from _literals(node.body)
        yield from _literals(node.orelse)
    elif isinstance(node, ast.Tuple | ast.List):
        for element in node.elts:
            yield from _literals(element)


def _pair(node: ast.AST) -> tuple[str, str] | None:
    if not isinstance(node, ast.Tuple) or len(node.elts) != 2:
        return None
    first, second = (list(_literals(element)) for element in node.elts)
    if len(first) != 1 or len(second) != 1 or not first[0] or not second[0]:
        return None
    if not all(_is_text(e) for e in node.elts):
        return None
    return first[0], second[0]


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def _names_pair(pair: tuple[str, str]) -> bool:
    """Two names of one thing: words only, different words."""
    first, second = pair
    return (
        _TEXTUAL.match(first) is not None
        and _TEXTUAL.match(second) is not None
        and first.lower() != second.lower()
    )


def _sentence_shaped(words: str) -> bool:
    stripped = words.strip()
    return bool(stripped) and stripped[0].isupper() and stripped.endswith((".", "?", "!"))


def report(findings: list[Finding]) -> list[str]:
    """One line per finding, then one line of how many per top-level folder of app/."""
    if not findings:
        return []
    counts = ", ".join(f"{folder} {n}" for folder, n in sorted(per_folder(findings).items()))
    return [*map(str, findings), f"English or Chinese written in the code: {counts}"]


def per_folder(findings: list[Finding]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for finding in findings:
        parts = finding.path.split("/")
        folder = "/".join(parts[:2]) if len(parts) > 2 else parts[0]
        counts[folder] = counts.get(folder, 0) + 1
    return counts
