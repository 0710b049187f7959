"""No Python file holds an English or Chinese sentence a person reads: Indonesian is the
source language and the other languages live in the catalogs. The catalog check CI runs
finds such words (app.core.i18n.inline_words) and fails on them, naming file and line; log
lines, docstrings, programmer errors, the sandbox (the vendors' own words) and the language
names written in themselves are not such words."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from app.core.i18n import catalogs as commands
from app.core.i18n import inline_words
from app.core.i18n.catalog import DEFAULT_FOLDER


def planted(tmp_path: Path, files: dict[str, str]) -> Path:
    """An app/ folder holding only these files (path under app/ -> source)."""
    code = tmp_path / "app"
    for name, source in files.items():
        path = code / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
    return code


def found(tmp_path: Path, name: str, source: str) -> list[str]:
    code = planted(tmp_path, {name: source})
    return [str(finding) for finding in inline_words.scan(code)]


@pytest.mark.parametrize(
    ("name", "source", "line", "words"),
    [
        (
            "ui/journal/save_bar.py",
            """
            def saved(label):
                label.setText("Save the journal first.")
            """,
            3,
            "Save the journal first.",
        ),
        (
            "ui/journal/save_bar.py",
            """
            from PySide6.QtWidgets import QPushButton
            button = QPushButton(f"Post {n} entries to the company")
            """,
            3,
            "Post {} entries to the company",
        ),
        (
            "core/books/words.py",
            """
            from app.core.i18n import tr
            TEXT = tr("Jurnal kosong.", "The entry is empty.")
            """,
            3,
            "The entry is empty.",
        ),
        (
            "ui/journal/save_bar.py",
            """
            def saved(label):
                label.setText("请先保存分录。")
            """,
            3,
            "请先保存分录。",
        ),
        (
            "cli/post.py",
            """
            print("Nothing was sent: the file has no entries.")
            """,
            2,
            "Nothing was sent: the file has no entries.",
        ),
        (
            "cli/post.py",
            """
            def register(subparsers):
                parser = subparsers.add_parser("post")
                parser.add_argument("--profile", help="the company profile")
            """,
            4,
            "the company profile",
        ),
        (
            "posting/checks/words.py",
            """
            NAMES = {"rate": ("Kurs", "The rate"), "amount": ("Jumlah", "The amount")}
            """,
            2,
            "The rate",
        ),
        (
            "posting/checks/words.py",
            """
            NAMES = {"customer": ("pelanggan", "customer"), "vendor": ("pemasok", "vendor")}
            """,
            2,
            "customer",
        ),
    ],
)
def test_english_or_chinese_a_person_reads_is_found_by_file_and_line(
    tmp_path, name, source, line, words
):
    assert any(
        finding.startswith(f"app/{name}:{line}: ") and finding.endswith(f"{words!r}")
        for finding in found(tmp_path, name, source)
    ), found(tmp_path, name, source)


def test_a_parameter_for_one_language_is_found(tmp_path):
    source = """
    from app.core.i18n import tr
    def text(name):
        return tr("Akun {a} tidak ada.", a=name.id, a_en=name.en)
    """
    assert found(tmp_path, "core/books/words.py", source) == [
        "app/core/books/words.py:4: a parameter for one language: 'a_en='"
    ]


@pytest.mark.parametrize(
    "source",
    [
        '''
        def save(label):
            """Save the journal first, then tell the user it is on the disk."""
            label.setText(tr("Jurnal disimpan."))
        ''',
        """
        import logging
        log = logging.getLogger(__name__)
        log.info("The journal was saved to %s in %d ms.", path, ms)
        """,
        """
        # Save the journal first: the user would lose it otherwise.
        def column(index):
            if index < 0:
                raise ValueError(f"the column index must be 0 or more, not {index}")
        """,
        """
        from app.core.i18n import tr
        SAVED = tr("Jurnal {ref} disimpan; semua baris sudah seimbang.", ref="JU-1")
        """,
        """
        MONTHS = (("april", "apr"), ("mei", "may"), ("juni", "jun", "june"))
        """,
    ],
)
def test_docstrings_comments_logs_programmer_errors_and_indonesian_are_not_found(tmp_path, source):
    assert found(tmp_path, "ui/journal/save_bar.py", source) == []


def test_the_sandbox_and_the_language_names_are_skipped(tmp_path):
    code = planted(
        tmp_path,
        {
            "sandbox/messages.py": 'ANSWER = {"s": "Data is not found.", "cn": "数据不存在"}\n',
            "core/i18n/names.py": 'NAMES = {"zh": "简体中文"}\n',
        },
    )
    assert inline_words.scan(code) == []


def test_the_catalog_check_fails_on_a_planted_sentence_and_counts_it_per_folder(tmp_path):
    locale = tmp_path / "locale"
    shutil.copytree(DEFAULT_FOLDER, locale)
    code = planted(
        tmp_path,
        {
            "ui/journal/save_bar.py": 'def saved(label):\n    label.setText("Save it first.")\n',
            "core/books/words.py": 'from app.core.i18n import tr\nX = tr("x", "English")\n',
        },
    )
    problems = commands.check(locale, code=None) + inline_words.report(inline_words.scan(code))
    assert (
        "app/ui/journal/save_bar.py:2: English or Chinese shown in a window: 'Save it first.'"
        in (problems)
    )
    assert "app/core/books/words.py:2: a message given another language: 'English'" in problems
    assert problems[-1] == "English or Chinese written in the code: app/core 1, app/ui 1"


@pytest.mark.slow
def test_a_sentence_planted_in_the_real_code_fails_the_check(tmp_path):
    code = tmp_path / "app"
    shutil.copytree(commands.CODE, code, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    page = code / "core" / "grid" / "page_words.py"
    page.write_text(page.read_text() + '\nDONE = {"saved": "The journal was saved."}\n')

    problems = commands.check(DEFAULT_FOLDER, code)
    assert any(
        p.startswith("app/core/grid/page_words.py:") and p.endswith("'The journal was saved.'")
        for p in problems
    )


@pytest.mark.slow
def test_no_python_file_holds_english_or_chinese_a_person_reads():
    """The whole tree: fails until every area's messages are in the catalogs."""
    assert inline_words.report(inline_words.scan()) == []
