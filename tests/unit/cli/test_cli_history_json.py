"""`jurnal-desk history --json`: the history as scheduled month-end scripts read it."""

from __future__ import annotations

import json

from app.cli import EXIT_OK
from tests.helpers.cli_helpers import ACCURATE, journal_rows, run
from tests.helpers.workbooks import write_workbook


def test_history_json_lists_batches_with_counts_and_entries(sb, profiles, tmp_path, capsys):
    rows = journal_rows(3)
    rows[5][3] = "9-99999"  # the second entry's debit line: not in the chart
    book = write_workbook(tmp_path / "agustus.xlsx", rows)
    run(capsys, "post", str(book), "--profile", ACCURATE, "--only-valid")

    code, out, _ = run(capsys, "history", "--json")
    assert code == EXIT_OK
    batches = json.loads(out)
    assert len(batches) == 1
    batch = batches[0]
    assert batch["profile"] == ACCURATE and batch["source"].endswith("agustus.xlsx")
    assert batch["counts"]["posted"] == 2 and batch["counts"]["rejected"] == 0
    by_reference = {entry["reference"]: entry for entry in batch["entries"]}
    assert sorted(by_reference) == ["JU/001", "JU/003"]
    on_server = {voucher["number"]: str(voucher["id"]) for voucher in sb.vouchers()}
    for reference, entry in by_reference.items():
        assert entry["status"] == "posted"
        assert entry["remote_number"] == reference
        assert entry["remote_id"] == on_server[reference]

    # The id is the one `undo` takes; --batch narrows the list to it.
    code, out, _ = run(capsys, "history", "--json", "--batch", batch["batch"])
    assert [b["batch"] for b in json.loads(out)] == [batch["batch"]]
    code, _out, _ = run(capsys, "undo", batch["batch"], "--yes")
    assert code == EXIT_OK and sb.vouchers() == []
    _code, out, _ = run(capsys, "history", "--json", "--profile", ACCURATE)
    assert json.loads(out)[0]["counts"]["undone"] == 2


def test_history_json_of_an_empty_history_is_an_empty_list(profiles, capsys):
    code, out, _ = run(capsys, "history", "--json")
    assert code == EXIT_OK and json.loads(out) == []
