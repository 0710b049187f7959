"""`jurnal-desk template` and `jurnal-desk validate` on real workbooks."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, main
from app.core.excel.problem_column import problem_header
from app.core.excel.sheet_names import SUMMARY_SHEET as SUMMARY
from app.core.excel.sheet_names import sheet_name

HEADER = ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit"]


def save_rows(path: Path, rows: list[list[object]], sheet: str = "Jurnal") -> Path:
    workbook = openpyxl.Workbook()
    workbook.active.title = sheet
    for values in rows:
        workbook.active.append(values)
    workbook.save(path)
    workbook.close()
    return path


@pytest.fixture
def template(tmp_path) -> Path:
    path = tmp_path / "template.xlsx"
    assert main(["template", str(path)]) == EXIT_OK
    return path


@pytest.fixture
def unbalanced(tmp_path) -> Path:
    return save_rows(
        tmp_path / "jurnal.xlsx",
        [
            HEADER,
            [date(2026, 2, 3), "JU-7", "Bayar sewa", "6201", 1_500_000, None],
            [date(2026, 2, 3), "JU-7", "Bayar sewa", "1102", None, 1_250_000],
        ],
    )


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- template ---------------------------------------------------------------------------


def test_template_writes_a_workbook_and_says_how_to_check_it(tmp_path, capsys):
    out_path = tmp_path / "jurnal-baru.xlsx"

    code, out, _ = run(capsys, "template", str(out_path))

    assert code == EXIT_OK
    assert out_path.is_file()
    assert "jurnal-desk validate" in out
    assert str(out_path) in out


def test_template_refuses_to_replace_an_existing_file(template, capsys):
    template.write_bytes(b"the user's own work")

    code, _, err = run(capsys, "template", str(template))

    assert code == EXIT_USAGE
    assert template.read_bytes() == b"the user's own work"
    assert "--force" in err
    assert "Traceback" not in err


def test_template_force_replaces_the_file(template, capsys):
    template.write_bytes(b"old")

    code, _, _ = run(capsys, "template", str(template), "--force")

    assert code == EXIT_OK
    assert run(capsys, "validate", str(template))[0] == EXIT_OK


def test_template_needs_an_xlsx_name(tmp_path, capsys):
    code, _, err = run(capsys, "--lang", "en", "template", str(tmp_path / "jurnal.csv"))

    assert code == EXIT_USAGE
    assert "must end in .xlsx" in err
    assert not (tmp_path / "jurnal.csv").exists()


# --- validate: results ------------------------------------------------------------------


def test_valid_template_prints_counts_and_indonesian_totals(template, capsys):
    code, out, err = run(capsys, "validate", str(template))

    assert code == EXIT_OK
    assert err == ""
    assert "sheet 'Jurnal'" in out
    assert _fact(out, "Jurnal") == "2"
    assert _fact(out, "Baris jurnal") == "5"
    assert _fact(out, "Total debit") == "4.015.000,00"
    assert _fact(out, "Total kredit") == "4.015.000,00"
    assert "Tidak ada masalah" in out


def test_english_output_uses_english_number_format(template, capsys):
    code, out, _ = run(capsys, "--lang", "en", "validate", str(template))

    assert code == EXIT_OK
    assert _fact(out, "Entries") == "2"
    assert _fact(out, "Lines") == "5"
    assert _fact(out, "Total debit") == "4,015,000.00"
    assert _fact(out, "Total credit") == "4,015,000.00"
    assert "No problems found" in out


def test_problems_are_listed_with_their_location_and_exit_1(unbalanced, capsys):
    code, out, _ = run(capsys, "validate", str(unbalanced))

    assert code == EXIT_PROBLEMS
    assert _fact(out, "Total debit") == "1.500.000,00"
    assert _fact(out, "Total kredit") == "1.250.000,00"
    assert "1 masalah ditemukan" in out
    problem_lines = [line for line in out.splitlines() if line.startswith("  - ")]
    assert len(problem_lines) == 1
    assert "Jurnal, baris 2" in problem_lines[0]
    assert "JU-7 tidak seimbang" in problem_lines[0]
    assert "250.000,00" in problem_lines[0]


def test_problems_in_english(unbalanced, capsys):
    code, out, _ = run(capsys, "--lang", "en", "validate", str(unbalanced))

    assert code == EXIT_PROBLEMS
    assert "Jurnal, row 2" in out
    assert "JU-7 does not balance" in out


def test_number_style_chooses_how_text_amounts_are_read(tmp_path, capsys):
    path = save_rows(
        tmp_path / "english.xlsx",
        [
            HEADER,
            [date(2026, 2, 3), "JU-1", "Sewa", "6201", "1,500,000.50", None],
            [date(2026, 2, 3), "JU-1", "Sewa", "1102", None, "1,500,000.50"],
        ],
    )

    indonesian_code, _, _ = run(capsys, "validate", str(path))
    english_code, out, _ = run(capsys, "validate", str(path), "--number-style", "en")

    assert indonesian_code == EXIT_PROBLEMS
    assert english_code == EXIT_OK
    assert _fact(out, "Total debit") == "1.500.000,50"


def test_sheet_option_reads_the_named_sheet(tmp_path, capsys):
    path = tmp_path / "dua.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Januari"
    workbook.active.append(["catatan saja"])
    february = workbook.create_sheet("Februari")
    for values in (HEADER, [date(2026, 2, 3), "JU-1", "Sewa", "6201", 10, None]):
        february.append(values)
    february.append([date(2026, 2, 3), "JU-1", "Sewa", "1102", None, 10])
    workbook.save(path)
    workbook.close()

    code, out, _ = run(capsys, "validate", str(path), "--sheet", "Februari")

    assert code == EXIT_OK
    assert "sheet 'Februari'" in out


# --- validate: report -------------------------------------------------------------------


def test_report_is_written_beside_the_problems(unbalanced, tmp_path, capsys):
    report = tmp_path / "laporan.xlsx"

    code, out, _ = run(capsys, "validate", str(unbalanced), "--report", str(report))

    assert code == EXIT_PROBLEMS
    assert f"Laporan masalah ditulis ke {report}" in out
    workbook = openpyxl.load_workbook(report)
    sheet = workbook["Jurnal"]
    assert sheet["G1"].value == problem_header("id")
    assert "JU-7 tidak seimbang" in sheet["G2"].value
    assert "does not balance" not in sheet["G2"].value  # one language: the command's
    assert sheet_name(SUMMARY, "id") in workbook.sheetnames
    workbook.close()


def test_report_without_problems_says_so_and_still_has_the_summary(template, tmp_path, capsys):
    report = tmp_path / "laporan.xlsx"

    code, out, _ = run(capsys, "--lang", "en", "validate", str(template), "--report", str(report))

    assert code == EXIT_OK
    assert "no problems to report" in out
    workbook = openpyxl.load_workbook(report)
    assert workbook.sheetnames == ["Jurnal", sheet_name(SUMMARY, "en")]
    workbook.close()


def test_report_never_replaces_the_file_being_checked(unbalanced, capsys):
    before = unbalanced.read_bytes()

    code, _, err = run(capsys, "validate", str(unbalanced), "--report", str(unbalanced))

    assert code == EXIT_USAGE
    assert "tidak boleh menimpa" in err
    assert unbalanced.read_bytes() == before


# --- validate: unusable input -----------------------------------------------------------


def test_missing_file_is_a_usage_error_without_traceback(tmp_path, capsys):
    code, out, err = run(capsys, "validate", str(tmp_path / "tidak-ada.xlsx"))

    assert code == EXIT_USAGE
    assert out == ""
    assert "tidak ditemukan" in err
    assert "Traceback" not in err


def test_a_file_that_is_not_a_workbook_is_a_usage_error(tmp_path, capsys):
    fake = tmp_path / "bukan.xlsx"
    fake.write_text("Tanggal;No. Bukti\n05/01/2026;JU-1\n", encoding="utf-8")

    code, out, err = run(capsys, "validate", str(fake))

    assert code == EXIT_USAGE
    assert out == ""
    assert err.startswith("jurnal-desk: ")
    assert "Traceback" not in err


def test_unknown_sheet_is_a_usage_error(template, capsys):
    code, _, err = run(capsys, "validate", str(template), "--sheet", "Maret")

    assert code == EXIT_USAGE
    assert "Maret" in err


def test_unknown_number_style_is_a_usage_error(template, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["validate", str(template), "--number-style", "fr"])

    assert exit_.value.code == EXIT_USAGE
    assert "pilihan tidak sah: 'fr'" in capsys.readouterr().err


def test_installed_command_runs_in_a_subprocess(unbalanced, tmp_path):
    report = tmp_path / "report.xlsx"

    command = ["--lang", "en", "validate", str(unbalanced), "--report", str(report)]
    completed = subprocess.run(
        [sys.executable, "-m", "app", *command],
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert completed.returncode == EXIT_PROBLEMS, completed.stderr
    assert completed.stderr == ""
    assert "Total credit" in completed.stdout
    assert "1,250,000.00" in completed.stdout
    assert "Entry JU-7 does not balance" in completed.stdout
    assert report.is_file()


def _fact(out: str, label: str) -> str:
    """The value printed after 'label:' on its own line."""
    for line in out.splitlines():
        if line.startswith(f"{label}:"):
            return line.split(":", 1)[1].strip()
    raise AssertionError(f"no line for {label!r} in:\n{out}")


# --- fractions of a cent and --round-cents ------------------------------------------------


def cents_rows(*entries: tuple[str, list[object], list[object]]) -> list[list[object]]:
    rows: list[list[object]] = [HEADER]
    for reference, debits, credits in entries:
        for debit in debits:
            rows.append([date(2026, 3, 31), reference, "PPh 23", "6201", debit, None])
        for credit in credits:
            rows.append([date(2026, 3, 31), reference, "PPh 23", "1102", None, credit])
    return rows


def test_formula_noise_is_not_a_problem(tmp_path, capsys):
    rows = cents_rows(("N-1", [317626.630000001], [317626.63]), ("N-2", [0.1 + 0.2], [0.3]))
    book = save_rows(tmp_path / "rumus.xlsx", rows)

    code, out, _ = run(capsys, "validate", str(book))

    assert code == EXIT_OK, out
    assert "317.626,93" in out  # the debit total: 317.626,63 + 0,30


def test_a_fraction_of_a_cent_says_its_rounding_and_to_run_with_round_cents(tmp_path, capsys):
    book = save_rows(tmp_path / "pajak.xlsx", cents_rows(("P-1", [317626.6302], [317626.63])))

    code, out, _ = run(capsys, "validate", str(book))

    assert code == EXIT_PROBLEMS
    fraction = next(line for line in out.splitlines() if "pecahan sen" in line)
    assert "baris 2" in fraction and "317.626,6302" in fraction
    assert "dibulatkan ke sen menjadi 317.626,63" in fraction
    assert "Jalankan dengan --round-cents" in fraction
    assert "dibulatkan ke sen (setengah ke atas)" not in out  # nothing was rounded


def test_round_cents_lists_each_rounded_amount_and_the_file_is_then_valid(tmp_path, capsys):
    rows = cents_rows(("P-1", [10.125, "5,555"], [15.69]), ("P-2", [100], [100]))
    book = save_rows(tmp_path / "sen.xlsx", rows)

    code, out, _ = run(capsys, "validate", str(book), "--round-cents")

    assert code == EXIT_OK, out
    assert "2 jumlah dibulatkan ke sen (setengah ke atas):" in out
    assert "Jurnal, baris 2, debit (P-1): 10,125 → 10,13" in out
    assert "Jurnal, baris 3, debit (P-1): 5,555 → 5,56" in out
    assert "Tidak ada masalah" in out


def test_round_cents_that_breaks_the_balance_reports_the_difference(tmp_path, capsys):
    book = save_rows(tmp_path / "selisih.xlsx", cents_rows(("B-1", [10.125, 10.125], [20.25])))

    code, out, _ = run(capsys, "--lang", "en", "validate", str(book), "--round-cents")

    assert code == EXIT_PROBLEMS
    assert "2 amount(s) rounded to the cent (half-up):" in out
    assert "Jurnal, row 3, debit (B-1): 10.125 → 10.13" in out
    assert "Entry B-1 does not balance: debit 20.26, credit 20.25, difference 0.01" in out
    assert "Total credit:" in out and "20.25" in out  # the credit line was left alone


def test_round_cents_on_a_file_without_fractions_says_so(unbalanced, capsys):
    code, out, _ = run(capsys, "validate", str(unbalanced), "--round-cents")

    assert code == EXIT_PROBLEMS  # the file's own problem is still there
    assert "Tidak ada jumlah dengan pecahan sen" in out
    assert "tidak seimbang" in out
