"""`jurnal-desk sandbox`: run the local Accurate Online and Sempoa until Ctrl-C, to try the
app, curl or Postman against them without touching a real company's books."""

from __future__ import annotations

import argparse
import signal
import threading
from dataclasses import replace

from app.cli import EXIT_OK, commands
from app.core.error_text import os_reason
from app.core.i18n import JurnalError, tr
from app.sandbox import (
    DEFAULT_BRANCHES,
    DEMO_ACCURATE_SECRET,
    DEMO_ACCURATE_TOKEN,
    DEMO_SEMPOA_TOKEN,
    MULTI_BRANCHES,
    Faults,
    Sandbox,
)
from app.sandbox.list_fields import REFUSAL_SHAPES


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "sandbox",
        help=commands.summary("sandbox"),
        description=tr(
            "Jalankan server lokal di 127.0.0.1 yang berperilaku seperti Accurate Online (API "
            "Token) dan Sempoa, dengan perusahaan demo, sampai Ctrl-C. Server mencetak "
            "alamatnya dan kredensial demo, yang tidak membuka apa pun selain sandbox ini."
        ).get(),
    )
    parser.add_argument(
        "--port",
        type=int,
        default=0,
        metavar="N",
        help=tr(
            "port host akun Accurate dan Sempoa (bawaan 0: port bebas mana saja); host data "
            "Accurate selalu memakai port bebas"
        ).get(),
    )
    parser.add_argument(
        "--latency-ms", type=int, metavar="N", help=tr("tunda setiap jawaban N milidetik").get()
    )
    parser.add_argument(
        "--faults",
        default="",
        metavar="SPEC",
        help=tr(
            "sisipkan gangguan, mis. "
            "latency=100,jitter=0.5,error=0.02,cut=0.01,drop=0.01,429=0.02,skew=900,seed=1 "
            "(latency: ms yang ditambahkan ke setiap permintaan; jitter: setiap latensi "
            "bervariasi sampai +- pecahan itu; error: jawaban 5xx; cut: koneksi diputus "
            "sebelum apa pun dikerjakan; drop: simpanan tersimpan, lalu koneksi diputus; 429: "
            "jawaban batas Accurate; skew: jam server lebih cepat sekian detik; "
            "fail=JV-3;JV-9: permintaan yang menyebut nomor itu selalu dijawab 500; kata "
            "'jitter' saja: jitter=0.5,cut=0.01,error=0.02)"
        ).get(),
    )
    parser.add_argument(
        "--limit-reply",
        choices=("both", "429", "200"),
        default="both",
        help=tr(
            "bentuk jawaban batas Accurate: HTTP 429, HTTP 200 dengan s: false, atau keduanya "
            "bergantian (bawaan), masing-masing dengan dan tanpa Retry-After"
        ).get(),
    )
    parser.add_argument(
        "--unknown-wording",
        action="store_true",
        help=tr(
            "jawab permintaan Accurate yang meminta bahasa Inggris atau Mandarin "
            "(X-Language-Profile US/CN) dengan kata-kata acak yang tidak dikenal klien mana "
            "pun untuk jawaban batas, nomor sudah dipakai, cabang diperlukan, tidak ditemukan,"
            " tanggal tutup buku dan terlalu panjang; bahasa Indonesia tetap seperti yang "
            "sudah dipastikan"
        ).get(),
    )
    parser.add_argument(
        "--no-rate-limit",
        action="store_true",
        help=tr(
            "jangan tolak permintaan di atas 8 per detik / 8 yang sedang berjalan (tetap "
            "dihitung sebagai pelanggaran di statistik permintaan)"
        ).get(),
    )
    parser.add_argument(
        "--multi-branch",
        action="store_true",
        help=tr(
            "beri perusahaan demo Accurate beberapa cabang ({branches}): setiap penyimpanan "
            "lalu harus menyebut satu, seperti untuk pengguna yang melihat lebih dari satu "
            "cabang",
            branches=", ".join(MULTI_BRANCHES),
        ).get(),
    )
    parser.add_argument(
        "--versions",
        choices=VERSION_MODES,
        default="both",
        help=tr(
            "apakah daftar jurnal Accurate memberi penghitung ubahan (optLock) setiap voucher dan "
            "apakah jawaban simpan memberinya beserta totalnya: both (bawaan), list, save atau "
            "none (belum pasti untuk voucher jurnal; tanpa itu reconcile membaca baris setiap "
            "voucher)"
        ).get(),
    )
    parser.add_argument(
        "--refuse-list-fields",
        choices=REFUSAL_SHAPES,
        metavar="SHAPE",
        help=tr(
            "daftar jurnal Accurate menolak permintaan yang menyebut optLock atau totalAmount "
            "di fields (belum pasti apakah layanan nyata menerimanya): 200 (HTTP 200 dengan "
            "s: false dan pesan yang menyebut field-nya), 400 (amplop yang sama dengan HTTP "
            "400) atau 500 (halaman galat HTML)"
        ).get(),
    )
    parser.set_defaults(handler=run)


# --versions: which answers carry a journal voucher's edit counter (list rows, save answers).
VERSION_MODES = ("both", "list", "save", "none")


def run(args: argparse.Namespace) -> int:
    faults = Faults.parse(args.faults)
    if args.latency_ms is not None:
        faults = replace(faults, latency_ms=args.latency_ms)
    stop = threading.Event()
    sandbox = Sandbox(
        faults,
        port=args.port,
        enforce_rate_limit=not args.no_rate_limit,
        demo_branches=MULTI_BRANCHES if args.multi_branch else DEFAULT_BRANCHES,
        limit_reply=args.limit_reply,
        unknown_wording=args.unknown_wording,
    )
    previous = _stop_on_sigterm(stop)
    try:
        with _started(sandbox, args.port):
            _answer_versions(sandbox, args.versions)
            if args.refuse_list_fields is not None:
                sandbox.list_refuses_fields(args.refuse_list_fields)
            _print_banner(sandbox, faults, args.versions, args.refuse_list_fields)
            while not stop.wait(0.2):
                pass
    except KeyboardInterrupt:
        pass  # Ctrl-C is how this command is meant to end
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)  # type: ignore[arg-type]  # a saved handler
    print(tr("Sandbox dihentikan."), flush=True)
    return EXIT_OK


def _started(sandbox: Sandbox, port: int) -> Sandbox:
    try:
        return sandbox.start()
    except OSError as error:
        raise JurnalError(
            tr(
                "Sandbox tidak bisa dibuka di port {port} ({reason}). Pilih port lain dengan "
                "--port, atau --port 0 untuk port bebas mana saja.",
                port=port,
                reason=os_reason(error),
            )
        ) from None


def _answer_versions(sandbox: Sandbox, mode: str) -> None:
    if mode in ("save", "none"):
        sandbox.list_without_versions()
    if mode in ("list", "none"):
        sandbox.save_answers_without_versions()


def _stop_on_sigterm(stop: threading.Event) -> object:
    """End as cleanly on SIGTERM (a service manager, a test) as on Ctrl-C; returns the
    handler to restore, or None when signals cannot be caught here (not the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, lambda *_: stop.set())


def _print_banner(
    sandbox: Sandbox, faults: Faults, versions: str, refused_fields: str | None
) -> None:
    lines = [
        str(tr("Sandbox Jurnal Desk berjalan.")),
        f"  Accurate account host: {sandbox.account_url}/api/api-token.do",
        f"  Accurate data host:    {sandbox.accurate_host()}/accurate/api/",
        f"  Sempoa:                {sandbox.sempoa_url}",
        str(tr("Kredensial demo (hanya untuk sandbox ini):")),
        f"  Accurate API Token:        {DEMO_ACCURATE_TOKEN}",
        f"  Accurate Signature Secret: {DEMO_ACCURATE_SECRET}",
        f"  Sempoa token:              {DEMO_SEMPOA_TOKEN}",
        str(
            tr(
                "Cabang perusahaan Accurate: {names}",
                names=", ".join(sandbox.branches()),
            )
        ),
        str(tr("Gangguan: {spec}", spec=faults.describe() or "-")),
        str(
            tr(
                "Balasan batas request: {form}",
                form={"both": "HTTP 429 / HTTP 200 (s: false)", "429": "HTTP 429"}.get(
                    sandbox.limit_reply, "HTTP 200 (s: false)"
                ),
            )
        ),
        str(tr("Versi jurnal Accurate (optLock) diberikan: {mode}", mode=versions)),
        *(
            [
                str(
                    tr(
                        "Daftar jurnal Accurate menolak optLock dan totalAmount di fields: "
                        "HTTP {shape}",
                        shape=refused_fields,
                    )
                )
            ]
            if refused_fields is not None
            else []
        ),
        *(
            [str(tr("Pesan Accurate bahasa Inggris dan Mandarin: kata-kata tak dikenal"))]
            if sandbox.unknown_wording
            else []
        ),
        str(tr("Tekan Ctrl-C untuk berhenti.")),
    ]
    print("\n".join(lines), flush=True)
