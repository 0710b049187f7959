"""What a company needs from the user after a firm run, in words: the summary's last column
and the JSON's "needs". Each kind of trouble says what to do about it."""

from __future__ import annotations

import functools
import operator

from app.core.i18n import Text, named, tr
from app.firm.company_run import CompanyRun


def company_needs(run: CompanyRun) -> Text:
    """What the user must do for this company, in a sentence or a few."""
    if run.dry_run and run.checked_ok:
        return _dry_run(run)
    if run.complete:
        return tr("Tidak ada: semua jurnal sudah di pembukuan.")
    parts: list[Text] = []
    if run.trouble is not None:
        parts.append(run.trouble)
    for outcome in run.outcomes:
        name = outcome.job.workbook.name
        if outcome.trouble is not None and outcome.trouble is not run.trouble:
            parts.append(named(name, outcome.trouble))
        elif outcome.problems and outcome.report is None:
            parts.append(_fix_workbook(name, len(outcome.problems)))
        elif outcome.report is not None and outcome.report.stopped_by not in (None, run.trouble):
            parts.append(outcome.report.stopped_by)
    summary = run.summary()
    if summary.rejected:
        parts.append(_rejected(summary.rejected))
    if summary.duplicates:
        parts.append(_duplicates(summary.duplicates))
    unfinished = summary.uncertain + summary.pending
    if unfinished:
        parts.append(_run_again(unfinished))
    not_run = len(run.jobs) - len(run.outcomes)
    if run.cancel.is_set() and (not_run or unfinished):
        parts.append(_stopped())
    elif not_run and run.trouble is None:
        parts.append(_run_again_jobs(not_run))
    if not parts:
        parts.append(_run_again_jobs(max(not_run, 1)))
    return _joined(parts)


def _dry_run(run: CompanyRun) -> Text:
    send = sum(outcome.would_send or 0 for outcome in run.outcomes)
    before = sum(outcome.posted_before for outcome in run.outcomes)
    return tr(
        "Uji coba tanpa masalah: {n} jurnal akan dikirim; {k} sudah pernah diposting dan akan "
        "dilewati. Tidak ada yang dikirim.",
        n=send,
        k=before,
    )


def _joined(parts: list[Text]) -> Text:
    """The sentences one after the other, each once, as the reader's language writes them."""
    return functools.reduce(operator.add, dict.fromkeys(parts))


def _fix_workbook(name: str, problems: int) -> Text:
    return tr(
        "{w}: {n} masalah, tidak ada yang dikirim dari workbook ini; perbaiki (lihat sheet "
        "perusahaan di laporan) lalu jalankan rencana lagi.",
        w=name,
        n=problems,
    )


def _rejected(n: int) -> Text:
    return tr(
        "{n} jurnal ditolak server: perbaiki sesuai alasannya lalu jalankan rencana lagi.",
        n=n,
    )


def _duplicates(n: int) -> Text:
    return tr(
        "{n} jurnal dilewati karena nomor buktinya sudah dipakai jurnal lain.",
        n=n,
    )


def _run_again(n: int) -> Text:
    return tr(
        "{n} jurnal belum pasti atau belum dikirim: jalankan rencana lagi; yang sudah "
        "terposting tidak dikirim dua kali.",
        n=n,
    )


def _run_again_jobs(n: int) -> Text:
    return tr(
        "{n} workbook belum dijalankan: jalankan rencana lagi.",
        n=n,
    )


def _stopped() -> Text:
    return tr("Dihentikan: jalankan rencana lagi untuk melanjutkan.")
