"""The window shows text from outside (references, descriptions, a server's messages, a sheet
or file name) with its control characters escaped: a reordering mark or an escape sequence is
seen for what it is, never acted on."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core.tasks import TaskState
from app.posting.outbox.ledger import EntryStatus, Outbox, Outcome
from app.posting.service import outbox_path
from app.ui.history.batch_panel import BatchModel, load_batch
from app.ui.posting.model import MESSAGES, REFERENCE
from tests.helpers.posting_helpers import entries


def test_a_batchs_table_shows_a_references_and_a_servers_control_characters_escaped(
    qtbot, jurnal_home
):
    with Outbox(outbox_path(jurnal_home)) as outbox:
        batch = outbox.create_batch("PT A", "accurate", entries(1, prefix="JV\x1b[2J"))
        [row] = outbox.entries(batch.id)
        refused = "Akun \u202e00011-1\u202c tidak ditemukan\x1b]0;judul\x07"
        outbox.record_outcomes([Outcome(row.id, EntryStatus.REJECTED, [refused])])

    details = load_batch(jurnal_home, batch.id, "id", TaskState())
    model = BatchModel()
    model.set_rows(details.rows)
    shown = model.index(0, REFERENCE).data(Qt.ItemDataRole.DisplayRole)
    message = model.index(0, MESSAGES).data(Qt.ItemDataRole.DisplayRole)
    assert shown == "JV\\x1b[2J-00001"
    assert "\\u202e00011-1\\u202c tidak ditemukan\\x1b]0;judul\\x07" in message
    assert "\x1b" not in message and "\u202e" not in message
