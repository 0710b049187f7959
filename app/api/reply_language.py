"""The language Jurnal Desk asks Accurate to answer in (`X-Language-Profile`), per request.

Accurate words its errors and warnings in the language a request asks for: ID (the default),
US or CN. Jurnal Desk decides from some of those words, and only their Indonesian wording
has been seen from the live service (docs/vendor-facts.md). Per kind of request, what the
client reads from the answer's words:

- every request (the transport): "slow down", since a limit reply comes as HTTP 429 or 200;
- `journal-voucher/save.do` and `bulk-save.do`: slow down, number already used, branch
  needed, closing date, too long, or refused for another reason;
- `journal-voucher/detail.do` (look-ups): not found, after which the entry may be sent again;
- `journal-voucher/delete.do`: not found, i.e. already gone;
- every `list.do`, `data-classification/save.do`: slow down;
- `api-token.do`: slow down (its token messages are English in every profile).

Every request is read for "slow down", so every request asks for Indonesian: a guessed
English or Chinese wording that missed would record a limit reply as the entry's refusal,
or a voucher that is not there as a look-up that failed. The company's chosen message
language is therefore not sent; Accurate's Indonesian words are shown together with Jurnal
Desk's own explanation, in the app's language, of every refusal it recognises
(`accurate_refusals`). When another profile's wording is confirmed, `CONFIRMED` gains it and
the company's choice is sent again.
"""

from __future__ import annotations

from typing import Final

from app.core.i18n import tr

HEADER = "X-Language-Profile"
INDONESIAN = "ID"
# The profiles whose wording of every answer decided from is confirmed.
CONFIRMED: frozenset[str] = frozenset({INDONESIAN})


def asked_language(chosen: str | None) -> str:
    """What a request asks for when the company chose `chosen` (ID, US or CN): the choice
    when its wording is confirmed, else Indonesian."""
    chosen = (chosen or INDONESIAN).strip().upper()
    return chosen if chosen in CONFIRMED else INDONESIAN


# What the Settings dialog and the wizard say under the company's message language (short:
# the dialog must fit a laptop's screen).
CHOSEN_LANGUAGE_NOTE = tr(
    "Disimpan, tetapi Accurate selalu ditanya dalam bahasa Indonesia (lihat panduan)."
)


# What each language of `X-Language-Profile` is called where a user picks one (the add-company
# dialog's advanced settings, the Settings dialog): in its own language, with its code.
LANGUAGE_NAMES: Final[dict[str, str]] = {
    "ID": "Bahasa Indonesia (ID)",
    "US": "English (US)",
    "CN": "中文 (CN)",
}
