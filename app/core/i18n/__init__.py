"""Messages in the user's language: Indonesian (the source, and the default), and every
language a catalog is shipped for (English and Chinese Simplified).

A message is its Indonesian template plus the values that fill it (`Text`), rendered when
it is shown, in the language asked for, through standard gettext catalogs
(`app/resources/locale/<language>/LC_MESSAGES/jurnal_desk.po`, compiled to `.mo`; the
commands are in `app.core.i18n.catalogs`, the translator's guide in docs/translating.md).
gettext rather than Qt Linguist: most messages are made in the plain-Python layers (checks,
posting, the command line) that never load Qt, and gettext's .po is what translators'
tools (Poedit, Weblate) and plural rules are built around.
"""

from app.core.i18n import catalog
from app.core.i18n.errors import JurnalError
from app.core.i18n.language import Language, current_language, languages, set_language
from app.core.i18n.localized import Localized
from app.core.i18n.text import LazyText, Text, ctr, named, ntr, tr, verbatim

# The languages shipped with this install, as found at start (see `languages()`, which
# also sees a catalog folder chosen later with `catalog.use_folder`).
LANGUAGES: tuple[Language, ...] = languages()

__all__ = [
    "LANGUAGES",
    "JurnalError",
    "Language",
    "LazyText",
    "Localized",
    "Text",
    "catalog",
    "ctr",
    "current_language",
    "languages",
    "named",
    "ntr",
    "set_language",
    "tr",
    "verbatim",
]
