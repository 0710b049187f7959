"""The two questions about the journal grid's drafts; app.ui.journal.drafts asks them and
acts on the answers.

- At start (or on a company switch), whether a draft found in the drafts folder goes back
  into the grid: "Pulihkan N jurnal yang belum disimpan dari <waktu>?" with Pulihkan / Buang
  (`ask_restore`).
- On a company switch with unsaved entries in the grid, where they belong
  (`ask_where_unsaved_work_goes`): "Bawa ke <baru>" (the default, and Escape: nothing
  disappears from view) or "Simpan sebagai draf <lama>".
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.i18n import Text, ntr, tr
from app.drafts.file import Draft
from app.drafts.words import DISCARD, RESTORE, restore_details, restore_question
from app.ui.common.words import bind


def ask_restore(
    parent: QWidget, draft: Draft, folder: Path, answered: Callable[[bool], None]
) -> QMessageBox:
    """Open the question (window-modal, not blocking); `answered(True)` once Pulihkan is
    chosen, `answered(False)` for Buang or closing it. `folder`: where Buang moves the draft."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    # Bound texts: a language switch while the question is open changes it too.
    bind(box, tr("Pulihkan draf"), "setWindowTitle")
    bind(box, restore_question(draft))
    bind(box, restore_details(draft, folder), "setInformativeText")
    restore = box.addButton("", QMessageBox.ButtonRole.AcceptRole)
    bind(restore, RESTORE)
    discard = box.addButton("", QMessageBox.ButtonRole.DestructiveRole)
    bind(discard, DISCARD)
    box.setDefaultButton(restore)
    box.setEscapeButton(discard)  # closing the question keeps nothing in the grid, loses
    box.setWindowModality(Qt.WindowModality.WindowModal)  # nothing: it is set aside
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.finished.connect(lambda _result: answered(box.clickedButton() is restore))
    box.open()
    return box


def ask_where_unsaved_work_goes(
    parent: QWidget, entries: int, previous: str, company: str, answered: Callable[[bool], None]
) -> QMessageBox:
    """Open the question (window-modal, not blocking) whether the grid's `entries` unsaved
    entries go along to `company` or stay `previous`'s draft; `answered(True)` once "Simpan
    sebagai draf <lama>" is chosen (they stay), `answered(False)` for "Bawa ke <baru>",
    Escape or closing it (they go along)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    bind(box, tr("Ganti perusahaan"), "setWindowTitle")
    bind(box, switch_question(entries, previous, company))
    bind(box, switch_details(previous, company), "setInformativeText")
    along = box.addButton("", QMessageBox.ButtonRole.AcceptRole)
    bind(along, take_along_label(company))
    stay = box.addButton("", QMessageBox.ButtonRole.RejectRole)
    bind(stay, keep_label(previous))
    box.setDefaultButton(along)
    box.setEscapeButton(along)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.finished.connect(lambda _result: answered(box.clickedButton() is stay))
    box.open()
    return box


def switch_question(entries: int, previous: str, company: str) -> Text:
    return ntr(
        "Tabel berisi {n} jurnal untuk {a} yang belum diposting atau disimpan. Bawa ke {b}?",
        "Tabel berisi {n} jurnal untuk {a} yang belum diposting atau disimpan. Bawa ke {b}?",
        entries,
        a=previous,
        b=company,
    )


def switch_details(previous: str, company: str) -> Text:
    return tr(
        "Bawa: tabel tetap dan menjadi draf {b} (draf {b} yang sudah ada disisihkan, tidak "
        "dihapus). Simpan sebagai draf {a}: tabel dikosongkan untuk {b}, dan jurnal ini "
        "ditawarkan lagi saat {a} dipilih.",
        a=previous,
        b=company,
    )


def take_along_label(company: str) -> Text:
    return tr("Bawa ke {b}", b=company)


def keep_label(previous: str) -> Text:
    return tr("Simpan sebagai draf {a}", a=previous)


def kept_text(previous: str) -> Text:
    return tr(
        "Jurnal yang belum disimpan tetap menjadi draf {a}; pilih {a} lagi untuk melanjutkannya.",
        a=previous,
    )


__all__ = ["ask_restore", "ask_where_unsaved_work_goes", "kept_text"]
