"""The catalogs are standard gettext files kept current by one command each; the check CI
runs fails when a catalog lacks a message the code uses, has a placeholder the code does
not fill, or was not compiled; and a fourth language is one more catalog file."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from app.core import formatting
from app.core.i18n import Text, catalog, extraction, languages, set_language
from app.core.i18n import catalogs as commands
from app.core.i18n.catalog import DEFAULT_FOLDER
from app.core.i18n.names import language_names
from app.drafts import words


@pytest.fixture
def folder(tmp_path) -> Path:
    """A copy of the shipped catalogs to change."""
    copy = tmp_path / "locale"
    shutil.copytree(DEFAULT_FOLDER, copy)
    return copy


@pytest.fixture(autouse=True)
def shipped_catalogs_after():
    yield
    set_language("id")
    catalog.use_folder(None)


def rewrite(po: Path, change) -> None:
    with po.open("rb") as file:
        read = read_po(file)
    change(read)
    with po.open("wb") as file:
        write_po(file, read, include_lineno=False)


@pytest.mark.slow
def test_the_shipped_catalogs_are_current_complete_and_compiled():
    assert commands.check() == []


def test_a_catalog_lacking_a_message_the_code_uses_fails_the_check(folder):
    msgid = words.DISCARD.msgid
    rewrite(commands.po_path(folder, "zh"), lambda po: po.delete(msgid))
    commands.compile_all(folder)
    assert commands.check(folder, code=None) == [
        f"{commands.po_path(folder, 'zh')}: {msgid!r}: not translated"
    ]


def test_a_placeholder_the_code_does_not_fill_fails_the_check(folder):
    def misspell(po):
        po[words.discarded_text(Path()).msgid].string = "The draft was kept as {path}."

    rewrite(commands.po_path(folder, "en"), misspell)
    commands.compile_all(folder)
    problems = commands.check(folder, code=None)
    assert len(problems) == 1
    assert "placeholder {path} is not one the code fills ({p})" in problems[0]


def test_a_placeholder_the_code_fills_beyond_the_indonesian_is_allowed(folder):
    # The English date writes the month's name ({mon}), which the Indonesian does not use.
    assert formatting.DATE_PATTERN.get("en") == "{dd} {mon} {yyyy}"
    assert commands.check(folder, code=None) == []


def test_a_fuzzy_translation_fails_the_check_and_is_not_shown(folder):
    def unsure(po):
        po[words.RESTORE.msgid].flags.add("fuzzy")

    rewrite(commands.po_path(folder, "zh"), unsure)
    commands.compile_all(folder)
    assert "marked fuzzy" in " ".join(commands.check(folder, code=None))
    catalog.use_folder(folder)
    assert words.RESTORE.get("zh") == "Pulihkan"  # the source words, never a guess


def test_a_catalog_not_compiled_since_it_changed_fails_the_check(folder):
    def corrected(po):
        po[words.RESTORE.msgid].string = "Pulihkan kembali"

    rewrite(commands.po_path(folder, "en"), corrected)
    assert commands.check(folder, code=None) == [
        f"{commands.po_path(folder, 'en').with_suffix('.mo')}: not current; run "
        "`python -m app.core.i18n.catalogs compile`"
    ]
    assert commands.compile_all(folder) == [commands.po_path(folder, "en").with_suffix(".mo")]
    assert commands.check(folder, code=None) == []


@pytest.mark.slow
def test_a_message_new_in_the_code_fails_the_check_until_extracted_and_translated(folder, tmp_path):
    code = tmp_path / "app"
    shutil.copytree(commands.CODE, code, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    page = code / "drafts" / "words.py"
    page.write_text(page.read_text() + '\nNEW = tr("Kalimat baru {x}", x=1)\n')

    assert "1 missing: 'Kalimat baru {x}'" in " ".join(commands.check(folder, code))
    commands.extract(folder, code)
    commands.compile_all(folder)
    problems = [p for p in commands.check(folder, code) if ".po: " in p]
    assert [p.split(": ", 1)[1] for p in problems] == [
        "'Kalimat baru {x}': not translated",
        "'Kalimat baru {x}': not translated",
    ]


def test_the_old_pair_form_is_not_extracted(tmp_path):
    code = tmp_path / "app"
    code.mkdir()
    (code / "page.py").write_text(
        'TITLE = tr("Pengaturan", "Settings")\n'  # the old pair: its English is in the code
        'SAVE = tr("Simpan")\n'
    )
    found = {message.id for message in commands.extracted(code) if message.id}
    assert found == {"Simpan"}


def test_a_fourth_language_is_one_catalog_file(folder):
    po = commands.init("de", folder)

    def translated(read):
        for message in read:
            if message.id:
                forms = message.id if isinstance(message.id, tuple | list) else (message.id,)
                german = tuple(f"DE {form}" for form in forms)
                message.string = german if isinstance(message.id, tuple | list) else german[0]
        read.get("Bahasa Indonesia", "nama bahasa ini").string = "Deutsch"
        read.get("1.234,56", "gaya angka").string = "1.234,56"
        read.get("{dd}/{mm}/{yyyy}", "pola tanggal").string = "{dd}.{mm}.{yyyy}"

    rewrite(po, translated)
    commands.compile_all(folder)
    assert commands.check(folder, code=None) == []

    assert catalog.use_folder(folder) == ("id", "de", "en", "zh")
    assert languages() == ("id", "de", "en", "zh")
    set_language("de")
    assert str(words.RESTORE) == "DE Pulihkan"
    assert str(words.restored_text(25000)).startswith("DE 25.000 jurnal dipulihkan")
    assert formatting.date_text(date(2026, 8, 5)) == "05.08.2026"
    assert formatting.money(Decimal("1234.5")) == "1.234,50"
    assert ("de", "Deutsch") in language_names()
    # An old pair not in the catalogs: German shows the source, English the pair's own.
    old_pair = Text("Belum di katalog", "Not in the catalogs")
    assert (old_pair.get("de"), old_pair.get("en")) == ("Belum di katalog", "Not in the catalogs")


def test_each_language_is_named_in_itself():
    assert language_names() == [("id", "Bahasa Indonesia"), ("en", "English"), ("zh", "简体中文")]


@pytest.mark.slow
def test_the_command_line_runs_each_command(folder, capsys):
    assert commands.main(["check", "--locale", str(folder)]) == 0  # the code's messages too
    assert "catalogs current" in capsys.readouterr().out
    (commands.po_path(folder, "zh").with_suffix(".mo")).unlink()
    assert commands.main(["check", "--locale", str(folder)]) == 1
    assert commands.main(["compile", "--locale", str(folder)]) == 0
    assert commands.main(["check", "--locale", str(folder)]) == 0


def test_the_extractor_takes_the_catalog_forms_with_their_notes():
    source = (
        "x = tr('Akun {a}', 'Account {a}', a=1)\n"  # the old pair: English still in code
        "# An ordinary comment.\n"
        "# Translators: the account's code,\n"
        "# as written in the chart.\n"
        "y = tr('Akun {a} tidak ada', a=code)\n"
        "z = ntr('{n} baris', '{n} baris', rows, f=path)\n"
        "w = ctr('judul kolom', 'Baris')\n"
        "v = tr(template, **params)\n"  # not written in the code: not found
    )
    assert list(extraction.extract_source(source)) == [
        (
            5,
            "tr",
            ("Akun {a} tidak ada",),
            ["Translators: the account's code, as written in the chart.", "placeholders: {a}"],
        ),
        (6, "ntr", ("{n} baris", "{n} baris"), ["placeholders: {f} {n}"]),
        (7, "ctr", ("judul kolom", "Baris"), []),
    ]
