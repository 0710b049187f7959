"""Where a batch's result workbook is offered to be saved, and the one place it must not go:
the same for the posting window and the history."""

from __future__ import annotations

from pathlib import Path

from app.core.i18n import tr

REPLACES_SOURCE = tr("Pilih nama lain: laporan tidak boleh menimpa berkas jurnal asli.")


def suggested_report_path(batch_id: str, source: Path | None) -> Path:
    """Next to the workbook the batch came from ("<stem> - hasil posting <batch>.xlsx"),
    else in the home folder."""
    name = tr("hasil posting").get()
    if source is not None:
        return source.parent / f"{source.stem} - {name} {batch_id}.xlsx"
    return Path.home() / f"{name} {batch_id}.xlsx"


def replaces_source(path: Path, source: Path | None) -> bool:
    """Whether saving the report at `path` would overwrite the workbook the entries came from."""
    return source is not None and Path(path).resolve() == source.resolve()
