"""The journal draft on disk: the grid written and read back exactly (typed text that could
not be read, problems from the workbook, optional columns, exact amounts), a damaged or newer
file refused with a clear message and set aside, and writes that finish out of order never
leave the older grid behind."""

from __future__ import annotations

import json
import threading
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.core.books.number_style import NumberStyle
from app.core.books.serialize import entry_to_dict
from app.core.excel.reader import read_workbook
from app.core.grid.columns import Column
from app.core.grid.entry_table import EntryTable, table_from_import
from app.core.i18n import catalog
from app.drafts.file import (
    DraftDamaged,
    decode_draft,
    draft_table,
    encode_draft,
    snapshot,
)
from app.drafts.folder import DAMAGED, DISCARDED, KEPT_ASIDE, DraftStore
from tests.helpers.grid_pages import month_of_entries
from tests.helpers.grid_tables import state_of
from tests.helpers.journal_data import CHART
from tests.helpers.pair_catalogs import catalogs_with_code_pairs
from tests.helpers.workbooks import write_workbook

D = Decimal
ID = NumberStyle.ID


def typed_table() -> EntryTable:
    """What a user types: lines with no worksheet row, a cell that cannot be read, an amount
    with a fraction of a cent, a foreign-currency line and a classification."""
    entries = month_of_entries(3)
    for entry in entries:
        for line in entry.lines:
            line.row = None
    entries[1].lines[0].rate = D("15750.123456")
    entries[1].lines[0].prime_amount = D("6.35")
    entries[1].lines[1].classifications = ("", "Proyek A")
    entries[2].branch = "Surabaya"
    table = EntryTable.build(entries, CHART)
    table.edit(0, Column.DEBIT, "12,3,4", ID)  # cannot be read: kept as typed
    table.edit(2, Column.DATE, "31/02/2026", ID)
    table.edit(3, Column.CREDIT, "101.000,125", ID)  # a fraction of a cent, kept exactly
    return table


def round_trip(table: EntryTable) -> EntryTable:
    return draft_table(decode_draft(encode_draft(snapshot(table, "PT Maju Jaya"))), CHART)


def test_a_typed_grid_comes_back_exactly_as_it_was():
    table = typed_table()
    restored = round_trip(table)
    assert state_of(restored) == state_of(table)
    assert restored.text(0, Column.DEBIT, ID) == "12,3,4"
    assert restored.is_unreadable(0, Column.DEBIT)
    assert restored.text(2, Column.DATE, ID) == "31/02/2026"
    assert [entry_to_dict(e) for e in restored.copied_entries()] == [
        entry_to_dict(e) for e in table.copied_entries()
    ]
    assert restored.entries[1].lines[1].credit == D("101000.125")
    assert restored.optional_columns_in_use() == table.optional_columns_in_use()
    assert Column.CLASSIFICATION2 in restored.optional_columns_in_use()


def test_an_imported_grid_keeps_its_rows_labels_and_the_problems_the_workbook_had(tmp_path):
    book = write_workbook(
        tmp_path / "jurnal.xlsx",
        [
            ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit"],
            [date(2026, 8, 5), "JU-1", "Listrik", "6105", "1.500.000,00", None],
            [date(2026, 8, 5), "JU-1", "Listrik", "1102", None, "satu juta"],
            ["kemarin", "JU-2", "Sewa", "6105", 2500000.0, None],
            [None, "JU-2", "Sewa", "1102", None, 2500000.0],
        ],
    )
    table = table_from_import(read_workbook(book, chart=CHART), CHART)
    restored = round_trip(table)
    assert state_of(restored) == state_of(table)
    assert [restored.row_label(r) for r in range(4)] == ["2", "3", "4", "5"]
    assert restored.text(1, Column.CREDIT, ID) == "satu juta"
    assert restored.labels == table.labels
    assert restored.located_problems() == table.located_problems()


def test_the_draft_records_when_and_for_which_company_and_counts(tmp_path):
    draft = decode_draft(encode_draft(snapshot(typed_table(), "PT Maju Jaya")))
    assert (draft.entry_count, draft.line_count, draft.company) == (3, 6, "PT Maju Jaya")
    assert draft.saved_at.tzinfo is not None


def test_an_empty_grid_makes_an_empty_draft():
    restored = round_trip(EntryTable(CHART))
    assert restored.lines == [] and restored.problem_count == 0


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: b"\xff\xfe not text",
        lambda data: b"[]",
        lambda data: data.replace(b'"debit":"', b'"debit":"x', 1),  # not an amount
        lambda data: data.replace(b'"row":0', b'"row":99', 1),  # a cell of no line
        lambda data: data.replace(b'"entries":[', b'"entries":[{"lines":[]},', 1),
    ],
    ids=["cut", "binary", "not-a-draft", "amount", "row", "entry"],
)
def test_a_damaged_draft_is_refused_with_a_message_that_says_what_happens(damage):
    data = encode_draft(snapshot(typed_table()))
    with pytest.raises(DraftDamaged) as raised:
        decode_draft(damage(data), "/home/u/drafts/journal.json")
    text = raised.value.text
    assert "journal.json" in text.id and "tidak bisa dibaca" in text.id
    assert "import the entries from Excel again" in text.en


def test_a_draft_from_a_newer_version_is_not_read_but_kept():
    document = json.loads(encode_draft(snapshot(typed_table())))
    document["version"] = 99
    with pytest.raises(DraftDamaged) as raised:
        decode_draft(json.dumps(document).encode(), "journal.json")
    assert "lebih baru" in raised.value.text.id


# --- the file -------------------------------------------------------------------------------


def test_the_store_writes_reads_removes_and_sets_aside(tmp_path):
    store = DraftStore(tmp_path)
    assert store.load() is None
    assert store.save(snapshot(typed_table()), generation=1)
    assert store.path == tmp_path / "drafts" / "journal.json"
    assert store.load().entry_count == 3
    aside = store.set_aside(DISCARDED)
    assert aside is not None and aside.parent == store.folder and not store.exists()
    assert decode_draft(aside.read_bytes()).entry_count == 3  # moved, not deleted
    assert store.set_aside(DISCARDED) is None
    store.save(snapshot(typed_table()), generation=2)
    assert store.remove(generation=3) and not store.exists()
    assert [p.name for p in store.folder.iterdir()] == [aside.name]  # no temporary files


def test_an_older_write_finishing_last_does_not_replace_the_newer_draft(tmp_path):
    store = DraftStore(tmp_path)
    newer = EntryTable.build(month_of_entries(5), CHART)
    older = EntryTable.build(month_of_entries(2), CHART)
    assert store.save(snapshot(newer), generation=7)
    assert not store.save(snapshot(older), generation=6)
    assert not store.remove(generation=5)
    assert store.load().entry_count == 5


def test_writes_from_many_threads_leave_the_newest_draft(tmp_path):
    store = DraftStore(tmp_path)
    drafts = [snapshot(EntryTable.build(month_of_entries(n), CHART)) for n in range(1, 9)]
    threads = [
        threading.Thread(target=store.save, args=(draft, generation))
        for generation, draft in reversed(list(enumerate(drafts)))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.load().entry_count in {8}


def test_set_aside_drafts_are_kept_up_to_a_limit(tmp_path):
    store = DraftStore(tmp_path)
    for generation in range(KEPT_ASIDE + 3):
        store.save(snapshot(EntryTable.build(month_of_entries(1), CHART)), generation)
        store.set_aside(DAMAGED)
    assert len(store.aside(DAMAGED)) == KEPT_ASIDE
    assert store.aside(DISCARDED) == []


def test_a_damaged_file_stays_where_it_is_until_set_aside(tmp_path):
    store = DraftStore(tmp_path)
    store.folder.mkdir()
    store.path.write_bytes(b'{"format": "jurnal-desk-draft", "version": 1, "entr')
    with pytest.raises(DraftDamaged):
        store.load()
    assert store.exists()
    moved = store.set_aside(DAMAGED)
    assert moved.read_bytes().startswith(b'{"format"')


def test_the_draft_modules_import_without_qt():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import app.drafts.file, app.drafts.folder\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# -- a draft of version 1 (problems kept as their words) ----------------------------------------

DRAFT_V1 = Path(__file__).parent / "data" / "draft_v1.json"  # made by data/make_draft_v1.py


@pytest.fixture
def pair_catalogs(tmp_path):
    """Every message in the catalogs (as once each pair is converted); the shipped ones after."""
    catalog.use_folder(catalogs_with_code_pairs(tmp_path / "locale"))
    yield
    catalog.use_folder(None)


def old_problems() -> list[dict[str, str]]:
    document = json.loads(DRAFT_V1.read_bytes())
    assert document["version"] == 1
    return [problem["text"] for cell in document["cells"] for problem in cell.get("problems", ())]


def problems_of(draft) -> list:
    return [problem.text for _row, (read, _raw) in sorted(draft.marks.items()) for problem in read]


@pytest.mark.slow
def test_a_version_1_draft_shows_its_problems_in_every_language(pair_catalogs):
    old = old_problems()
    draft = decode_draft(DRAFT_V1.read_bytes())
    texts = problems_of(draft)
    assert len(old) == len(texts) == 3
    assert [text.get("id") for text in texts] == [words["id"] for words in old]
    assert [text.get("en") for text in texts] == [words["en"] for words in old]
    assert all(text.get("zh") != text.get("id") for text in texts)  # Chinese, not the words
    table = draft_table(draft, CHART)
    assert table.text(1, Column.CREDIT, ID) == "satu juta"
    assert table.text(4, Column.DEBIT, ID) == "12,3,4"


@pytest.mark.slow
def test_a_version_1_draft_is_written_again_as_ids_and_values(pair_catalogs):
    draft = decode_draft(DRAFT_V1.read_bytes())
    written = json.loads(encode_draft(draft))
    assert written["version"] == 2
    first = written["cells"][0]["problems"][0]["text"]
    assert first == {"msgid": "'{v}' bukan angka; isi dengan jumlah seperti 1.500.000,00.",
                     "params": {"v": "satu juta"}}  # fmt: skip
    again = decode_draft(encode_draft(draft))
    assert [t.get("zh") for t in problems_of(again)] == [t.get("zh") for t in problems_of(draft)]


def test_a_version_1_draft_with_the_shipped_catalogs_keeps_its_words():
    """A message the catalogs do not know yet stays the two words it was."""
    texts = problems_of(decode_draft(DRAFT_V1.read_bytes()))
    old = [(words["id"], words["en"]) for words in old_problems()]
    assert [(text.get("id"), text.get("en")) for text in texts] == old


def test_a_problem_is_stored_as_its_message_and_reads_in_the_language_chosen_later():
    table = typed_table()
    written = json.loads(encode_draft(snapshot(table)))
    stored = written["cells"][0]["problems"][0]["text"]
    assert "id" not in stored and stored["params"] == {"v": "12,3,4"}
    restored = round_trip(table)
    [problem] = restored.cell_marks()[0][0]
    [original] = table.cell_marks()[0][0]
    for language in ("id", "en", "zh"):
        assert problem.text.get(language) == original.text.get(language)
