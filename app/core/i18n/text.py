"""A message: its Indonesian template (the gettext msgid, with an optional context) and the
values that fill it, rendered only when read and in the language asked for. A problem found
once can be shown in any language; switching never re-validates.

    tr("Akun {a} tidak ada", a=code)              # English, Chinese: from the catalogs
    ctr("pola tanggal", "{dd}/{mm}/{yyyy}", ...)  # a context tells two equal msgids apart
    ntr("{n} jurnal", "{n} jurnal", count)        # counted: each language picks its form

Making one costs no formatting (tr() runs for every problem a check finds: 25,000 after
one Delete); reading one looks the template up and fills it. A value that is itself
`Localized` (a Text, a Count, a Day) is rendered in the same language.

While call sites move to catalogs, the old pair `tr("Indonesian", "English", **params)`
keeps working: its English is used for "en" until the catalog has the message, and
`Text("Indonesian", "English")` is a finished pair that is never formatted."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

from app.core.i18n import catalog, language
from app.core.i18n.localized import Localized

SOURCE: Final = catalog.SOURCE_LANGUAGE


class Text(Localized):
    """One message. `Text(id, en)` is a finished pair (the old form); `tr`, `ctr` and `ntr`
    make messages filled and translated late."""

    __slots__ = ("_shown", "context", "count", "en_seed", "msgid", "params", "plural")
    msgid: str
    en_seed: str | None
    params: Mapping[str, object] | None
    context: str | None
    plural: str | None
    count: int | None
    # The last rendering: (language, catalog generation, words). One tuple, so a thread
    # reading while another renders sees a whole one.
    _shown: tuple[str, int, str] | None

    def __init__(
        self,
        id: str,
        en: str | None = None,
        *,
        params: Mapping[str, object] | None = None,
        context: str | None = None,
        plural: str | None = None,
        count: int | None = None,
    ) -> None:
        """`params` None: `id` (and `en`) are finished words, never formatted."""
        self.msgid = id
        self.en_seed = en
        self.params = params
        self.context = context
        self.plural = plural
        self.count = count
        self._shown = None

    # -- reading ---------------------------------------------------------------------------

    def get(self, language: str | None = None) -> str:
        chosen = language or _language.current_language()
        shown = self._shown
        if shown is not None and shown[0] == chosen and shown[1] == catalog.generation():
            return shown[2]
        words = self._rendered(chosen)
        self._shown = (chosen, catalog.generation(), words)
        return words

    def _rendered(self, chosen: str) -> str:
        template = self.template(chosen)
        params = self.params
        if params is None:
            return template
        if self.plural is not None and "n" not in params:
            params = {"n": _count(self.count or 0), **params}
        try:
            return _filled(template, params, chosen)
        except (KeyError, IndexError, ValueError):
            if chosen == SOURCE:
                raise  # the code's own template is wrong: a bug to see, not to hide
            # A catalog's placeholder the code does not fill (the catalog check catches
            # this before release): the source words rather than no words.
            return _filled(self._source_template(), params, chosen)

    def template(self, language: str) -> str:
        """The unfilled words in `language`: the catalog's, else the code's."""
        if language == SOURCE:
            return self._source_template()
        if self.en_seed is not None and language == "en":
            return self.en_seed
        if self.plural is None:
            found = catalog.translate(language, self.msgid, self.context)
        else:
            found = catalog.translate_plural(
                language, self.msgid, self.plural, self.count or 0, self.context
            )
        return self._source_template() if found is None else found

    def _source_template(self) -> str:
        if self.plural is not None and self.count != 1:
            return self.plural
        return self.msgid

    @property
    def id(self) -> str:
        """The message in Indonesian."""
        return self.get("id")

    @property
    def en(self) -> str:
        """The message in English."""
        return self.get("en")

    def both(self) -> str:
        """Indonesian and English on one line, for reports read by either audience."""
        id, en = self.id, self.en
        return id if id == en else f"{id} / {en}"

    # -- combining and comparing -----------------------------------------------------------

    def __add__(self, other: Text) -> Text:
        """Two messages one after the other, each in the language asked for."""
        # Translators: two sentences one after the other; Chinese writes no space between.
        return ctr("dua kalimat berurutan", "{first} {second}", first=self, second=other)

    def _key(self) -> tuple[object, ...]:
        return (self.msgid, self.en_seed, self.params, self.context, self.plural, self.count)

    def __eq__(self, other: object) -> bool:
        """Equal when they read the same in every language."""
        if not isinstance(other, Text):
            return NotImplemented
        if self is other:
            return True
        if type(self) is Text and type(other) is Text and self._key() == other._key():
            return True  # made alike: no need to render
        return all(self.get(code) == other.get(code) for code in _language.languages())

    def __hash__(self) -> int:
        return hash(self.get(SOURCE))

    def __repr__(self) -> str:
        return f"Text(id={self.id!r}, en={self.en!r})"


def _filled(template: str, params: Mapping[str, object], chosen: str) -> str:
    for value in params.values():  # a loop, not any(): this runs for every message shown
        if isinstance(value, Localized):
            return template.format_map(
                {
                    name: value.get(chosen) if isinstance(value, Localized) else value
                    for name, value in params.items()
                }
            )
    return template.format_map(params)


class LazyText(Text):
    """A Text whose message is made the first time it is read: a check that finds 25,000
    entries unbalanced after one Delete makes their problems at once, but a person reads a
    few. `make` must use only values it was given (never an object that changes later)."""

    __slots__ = ("_made", "_make")
    _made: Text | None
    _make: Callable[[], Text]

    def __init__(self, make: Callable[[], Text]) -> None:  # no super(): the made Text has it
        self._make = make
        self._made = None

    def made(self) -> Text:
        made = self._made
        if made is None:  # two threads reading at once both make the same words: harmless
            made = self._make()
            self._made = made
        return made

    def get(self, language: str | None = None) -> str:
        return self.made().get(language)

    def template(self, language: str) -> str:
        return self.made().template(language)

    def _key(self) -> tuple[object, ...]:
        return self.made()._key()

    def __repr__(self) -> str:
        return f"LazyText(id={self.id!r}, en={self.en!r})"


def named(name: object, why: Text) -> Text:
    """A thing (a column, an option, a workbook) and what is wrong with it: "Tanggal: ...",
    each part in the reader's language (Chinese takes a full-width colon)."""
    # Translators: a name (a column, an option, a file) and what is wrong with it.
    return ctr("nama dan alasannya", "{name}: {why}", name=name, why=why)


def tr(id: str, /, **params: object) -> Text:
    """A message to fill with `params`: `tr("Akun {a} tidak ada", a=code)`, its other
    languages from the catalogs."""
    return Text(id, params=params)


def verbatim(words: object) -> Text:
    """Words that read the same in every language (a name, a code, a class name): shown as
    they are, never looked up in a catalog."""
    return Text("{words}", params={"words": words})


def ctr(context: str, id: str, /, **params: object) -> Text:
    """A message whose Indonesian alone is not enough to translate it: `context` (the
    gettext msgctxt) tells the translator which one it is."""
    return Text(id, params=params, context=context)


def ntr(one: str, many: str, count: int, /, **params: object) -> Text:
    """A counted message: each language picks the form for `count` (gettext's ngettext).
    `{n}` is the count written in the language's digits, unless `n` is given."""
    return Text(one, params=params, plural=many, count=count)


def _count(value: int) -> Localized:
    # Imported when first shown: values formats through app.core.formatting, which reads
    # its words from the catalogs through this module.
    from app.core.i18n.values import Count

    return Count(value)


# A name the methods can use while `language` is also a parameter's name.
_language = language
