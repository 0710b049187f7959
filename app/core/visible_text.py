"""Text from outside (a sheet's name, a reference, a server's message) made safe to show.

Such text can carry terminal escape sequences ("\\x1b[2J" clears the screen, "\\x1b]0;...\\x07"
sets a terminal's title) and other control characters, or bidirectional overrides that show
characters in another order than they are. Shown as they are, they act instead of being read.
`visible()` writes each such character as its escape ("\\x1b", "\\u202e"), so a person sees
exactly what the text holds; everything else (letters of any script, emoji) is left alone.
"""

from __future__ import annotations

import unicodedata
from typing import Final

# Bidirectional embeddings, overrides and isolates (category Cf, but they reorder the text).
_BIDI_CONTROLS: Final = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_NAMED: Final = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str, *, keep: str = "") -> str:
    """`text` with every control character not in `keep` written as its escape."""
    if text.isprintable() or not any(_hidden(char, keep) for char in text):
        return text
    return "".join(_escaped(char) if _hidden(char, keep) else char for char in text)


def _hidden(char: str, keep: str) -> bool:
    if char in keep:
        return False
    return unicodedata.category(char) == "Cc" or char in _BIDI_CONTROLS


def _escaped(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
