"""The journal grid kept as a draft: everything it holds, as versioned JSON. Plain Python.

A draft is what the grid shows at one moment: its entries (amounts as exact decimal text),
the worksheet rows the lines came from, the texts typed (or imported) into cells that could
not be read, the problems reading found in the cells, and the worksheet's column labels.
`snapshot` takes it from an `EntryTable` (copies: the grid may change while a worker writes
it); `draft_table` lays it out again, checked, exactly as it was.

A problem's message is kept as its message id and values (app.core.i18n.stored), so a draft
reads in whatever language is chosen later. Version 1 kept its words in Indonesian and
English (`{"id", "en"}`): read, those become the message the catalogs know them as, or else
stay the two words they were (app.core.i18n.recognized).

`decode_draft` refuses anything it cannot read whole with a `DraftDamaged` that says what to
do; the caller sets such a file aside rather than losing it (app.drafts.folder).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import InvalidOperation
from typing import Any, Final, NotRequired, TypedDict

from app.core.books.journal import Account, JournalEntry, JournalLine, Problem
from app.core.books.serialize import EntryDict, entry_from_dict, entry_to_dict
from app.core.grid.columns import COLUMN_FIELDS, FIELD_COLUMNS, Column
from app.core.grid.entry_table import EntryTable
from app.core.grid.rows import RowBlock
from app.core.i18n import JurnalError, Text, tr
from app.core.i18n.recognized import KNOWN
from app.core.i18n.stored import Json, text_from_json, text_to_json

FORMAT: Final = "jurnal-desk-draft"
VERSION: Final = 2
WORDS_VERSION: Final = 1  # problems kept as their words in Indonesian and English
Chart = Mapping[str, Account]
_NO_MARKS: Final[tuple[list[Problem], dict[int, str]]] = ([], {})  # only read (copied)


class DraftDamaged(JurnalError):
    """The draft file cannot be read whole (cut short, edited by hand, or newer)."""


@dataclass
class Draft:
    """The grid's contents at one moment."""

    entries: list[JournalEntry]
    # row -> (problems reading found in its cells, column -> text that could not be read)
    marks: dict[int, tuple[list[Problem], dict[int, str]]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    loose: list[Problem] = field(default_factory=list)
    saved_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    company: str = ""

    @property
    def entry_count(self) -> int:
        return len(self.entries)

    @property
    def line_count(self) -> int:
        return sum(len(entry.lines) for entry in self.entries)

    def typed_cells(self) -> dict[tuple[int, str], str]:
        """(row, field) -> the text a cell held that could not be read (for a workbook)."""
        return {
            (row, COLUMN_FIELDS[Column(column)]): text
            for row, (_read, raw) in self.marks.items()
            for column, text in raw.items()
        }


def snapshot(table: EntryTable, company: str = "") -> Draft:
    """The table's contents, copied (meant for the GUI thread: a worker then writes it)."""
    return Draft(
        table.copied_entries(),
        table.cell_marks(),
        dict(table.labels),
        list(table.loose),
        datetime.now(UTC),
        company,
    )


def draft_table(draft: Draft, chart: Chart | None = None) -> EntryTable:
    """The grid's table for a draft, checked against `chart` (meant for a worker)."""
    table = EntryTable(chart)
    table.labels = dict(draft.labels)
    table.loose = list(draft.loose)
    lines: list[JournalLine] = []
    owners: list[JournalEntry] = []
    read: list[list[Problem]] = []
    raw: list[dict[int, str]] = []
    for entry in draft.entries:
        entry_lines, entry.lines = entry.lines, []  # a block's new entries come in empty
        for line in entry_lines:
            problems, texts = draft.marks.get(len(lines), _NO_MARKS)
            lines.append(line)
            owners.append(entry)
            read.append(list(problems))
            raw.append(dict(texts))
    if lines:
        table.insert_rows(0, RowBlock(lines, owners, read, raw))
    table.optional_columns_in_use()  # found here, on the worker
    return table


# --- JSON -------------------------------------------------------------------------------------
# What a draft file holds, as written. Reading takes the JSON as it comes (dict[str, Any])
# and checks each value it uses: a file may be cut short or edited by hand.


class _ProblemDict(TypedDict):
    text: dict[str, Json]  # text_to_json (version 1: {"id": words, "en": words})
    sheet: str
    row: int | None
    column: str
    field: str
    reference: str
    code: str


class _CellsDict(TypedDict):
    row: int
    problems: NotRequired[list[_ProblemDict]]
    typed: NotRequired[dict[str, str]]  # field -> the text the cell held


class _DraftDocument(TypedDict):
    format: str
    version: int
    saved_at: str
    company: str
    entries: list[EntryDict]
    cells: list[_CellsDict]
    labels: dict[str, str]
    loose: list[_ProblemDict]


def encode_draft(draft: Draft) -> bytes:
    document: _DraftDocument = {
        "format": FORMAT,
        "version": VERSION,
        "saved_at": draft.saved_at.isoformat(),
        "company": draft.company,
        "entries": [entry_to_dict(entry) for entry in draft.entries],
        "cells": [_marks_to_dict(row, *marks) for row, marks in sorted(draft.marks.items())],
        "labels": draft.labels,
        "loose": [_problem_to_dict(problem) for problem in draft.loose],
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode_draft(data: bytes, name: str = "draft") -> Draft:
    """The draft in `data`; raises DraftDamaged for anything that cannot be read whole."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DraftDamaged(_damaged_text(name, str(error))) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise DraftDamaged(_damaged_text(name, "not a Jurnal Desk draft"))
    version = document.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise DraftDamaged(_newer_text(name))
    if version not in _TEXT_READERS:
        raise DraftDamaged(_damaged_text(name, f"version {version}"))
    try:
        entries = [entry_from_dict(entry) for entry in document["entries"]]
        rows = sum(len(entry.lines) for entry in entries)
        read = _TEXT_READERS[version]
        marks = dict(_marks_from_dict(cell, rows, read) for cell in document.get("cells", ()))
        labels = {str(k): str(v) for k, v in document.get("labels", {}).items()}
        loose = [_problem_from_dict(problem, read) for problem in document.get("loose", ())]
        saved_at = datetime.fromisoformat(document["saved_at"])
        company = str(document.get("company") or "")
    except (KeyError, TypeError, ValueError, AttributeError, InvalidOperation) as error:
        # StoredTextError is a ValueError: a problem's message not in the stored form
        raise DraftDamaged(_damaged_text(name, f"{type(error).__name__}: {error}")) from None
    if saved_at.tzinfo is None:
        saved_at = saved_at.replace(tzinfo=UTC)
    return Draft(entries, marks, labels, loose, saved_at, company)


def _marks_to_dict(row: int, read: list[Problem], raw: dict[int, str]) -> _CellsDict:
    cell: _CellsDict = {"row": row}
    if read:
        cell["problems"] = [_problem_to_dict(problem) for problem in read]
    if raw:
        cell["typed"] = {COLUMN_FIELDS[Column(column)]: text for column, text in raw.items()}
    return cell


def _marks_from_dict(
    cell: dict[str, Any], rows: int, read: _TextReader
) -> tuple[int, tuple[list[Problem], dict[int, str]]]:
    row = cell["row"]
    if not isinstance(row, int) or not 0 <= row < rows:
        raise ValueError(f"row {row!r} is not a line of the draft")
    problems = [_problem_from_dict(problem, read) for problem in cell.get("problems", ())]
    raw = {int(FIELD_COLUMNS[name][0]): str(text) for name, text in cell.get("typed", {}).items()}
    return row, (problems, raw)


def _problem_to_dict(problem: Problem) -> _ProblemDict:
    return {
        "text": text_to_json(problem.text),
        "sheet": problem.sheet,
        "row": problem.row,
        "column": problem.column,
        "field": problem.field,
        "reference": problem.reference,
        "code": problem.code,
    }


def _problem_from_dict(data: dict[str, Any], read: _TextReader) -> Problem:
    row = data.get("row")
    if row is not None and not isinstance(row, int):
        raise ValueError(f"problem row {row!r} is not a number")
    return Problem(
        read(data["text"]),
        str(data.get("sheet", "")),
        row,
        str(data.get("column", "")),
        str(data.get("field", "")),
        str(data.get("reference", "")),
        str(data.get("code", "")),
    )


_TextReader = Callable[[object], Text]


def _words_read_back(stored: object) -> Text:
    """A version-1 problem's words: the message they are, or the two words as they were."""
    if not isinstance(stored, dict):
        raise TypeError(f"a problem's text is not an object: {stored!r}")
    return KNOWN.pair(str(stored["id"]), str(stored["en"]))


_TEXT_READERS: Final[Mapping[int, _TextReader]] = {
    WORDS_VERSION: _words_read_back,
    VERSION: text_from_json,
}


def _damaged_text(name: str, reason: str) -> Text:
    return tr(
        "Draf jurnal {name} tidak bisa dibaca ({why}). Draf itu disimpan di sampingnya dan "
        "tabel dimulai kosong; impor ulang dari Excel bila perlu.",
        name=name,
        why=reason,
    )


def _newer_text(name: str) -> Text:
    return tr(
        "Draf jurnal {name} dibuat oleh Jurnal Desk yang lebih baru. Draf itu disimpan di "
        "sampingnya; buka dengan versi yang lebih baru untuk memulihkannya.",
        name=name,
    )


__all__ = ["Draft", "DraftDamaged", "decode_draft", "draft_table", "encode_draft", "snapshot"]
