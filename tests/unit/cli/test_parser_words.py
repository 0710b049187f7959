"""argparse's own words (usage, the headings of --help, the errors it writes itself) speak
the language chosen, like the rest of the command: one language at a time."""

from __future__ import annotations

import pytest

from app.cli import main
from app.cli.parser_words import COUNTED, WORDS
from app.core.i18n import set_language

ENGLISH_ARGPARSE = ("usage:", "error:", "required", "positional arguments", "options:")


@pytest.fixture(autouse=True)
def indonesian_after():
    yield
    set_language("id")


def usage_error(capsys, *arguments: str) -> str:
    with pytest.raises(SystemExit) as exit_:
        main(list(arguments))
    assert exit_.value.code == 2
    return capsys.readouterr().err


def test_a_missing_argument_is_told_all_in_indonesian(capsys):
    err = usage_error(capsys, "post")
    assert err.startswith("penggunaan: jurnal-desk post")
    assert "jurnal-desk post: kesalahan: argumen berikut wajib diberikan: FILE, --profile" in err
    assert not [words for words in ENGLISH_ARGPARSE if words in err]


def test_in_english_argparse_writes_its_own_words(capsys):
    err = usage_error(capsys, "--lang", "en", "post")
    assert err.startswith("usage: jurnal-desk post")
    assert "jurnal-desk post: error: the following arguments are required: FILE, --profile" in err


def test_a_wrong_choice_is_told_in_chinese(capsys):
    err = usage_error(capsys, "--lang", "zh", "validate", "x.xlsx", "--number-style", "fr")
    assert err.startswith("用法: jurnal-desk validate")
    assert "错误: 参数 --number-style: 无效的选择: 'fr'" in err
    assert not [words for words in ENGLISH_ARGPARSE if words in err]


@pytest.mark.parametrize(
    ("language", "headings"),
    [
        ("id", ("penggunaan:", "argumen posisi:", "opsi:", "tampilkan bantuan ini lalu keluar")),
        ("en", ("usage:", "positional arguments:", "options:", "show this help message and exit")),
        ("zh", ("用法:", "位置参数:", "选项:", "显示此帮助信息并退出")),
    ],
)
def test_help_has_its_headings_in_the_language_asked_for(capsys, language, headings):
    with pytest.raises(SystemExit):
        main(["--lang", language, "--help"])
    out = capsys.readouterr().out
    assert [heading for heading in headings if heading not in out] == []


def test_in_english_every_word_reads_as_argparse_writes_it():
    """The English catalog gives argparse's own words back, placeholders and all."""
    set_language("en")
    assert {words: message.get() for words, message in WORDS.items()} == {
        words: words for words in WORDS
    }
    for (singular, plural), counted in COUNTED.items():
        assert (counted(1).get(), counted(3).get()) == (singular, plural)
