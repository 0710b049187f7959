"""What an account cell keeps when the user moves on with the completion list open."""

from __future__ import annotations

from app.core.grid.account_choice import chosen_account

LISTED = ["12105 · PPN Masukan Dibayar Dimuka", "2105 · PPN Keluaran", "6106 · Beban Air"]


def test_the_highlighted_account_is_taken_for_words_typed():
    assert chosen_account("beban ai", "6106 · Beban Air", LISTED) == "6106 · Beban Air"


def test_a_code_typed_is_kept_though_another_account_is_highlighted():
    assert chosen_account("2105", "12105 · PPN Masukan Dibayar Dimuka", LISTED) == "2105"


def test_with_nothing_highlighted_or_typed_the_text_stays():
    assert chosen_account("beban zz", None, LISTED) == "beban zz"
    assert chosen_account("", "6106 · Beban Air", LISTED) == ""
