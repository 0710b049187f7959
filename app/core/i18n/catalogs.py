"""The catalog commands, one each, for developers and CI (they need Babel, a development
dependency; the app itself reads compiled catalogs with the standard library):

    python -m app.core.i18n.catalogs extract     # code -> jurnal_desk.pot -> every .po
    python -m app.core.i18n.catalogs compile     # every .po -> its .mo (shipped)
    python -m app.core.i18n.catalogs check       # exit 1 when anything above is not current
    python -m app.core.i18n.catalogs init LANG   # a new language's .po, from the template

`check` fails when the template misses a message of the code, a catalog misses a
translation (or has one marked fuzzy), a translation uses a placeholder the code does not
fill, a .mo is not its .po compiled, or the code holds English or Chinese words a person
reads instead of a catalog message (app.core.i18n.inline_words). docs/translating.md is
the translator's side."""

from __future__ import annotations

import argparse
import io
import string
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Final

from app.core.i18n import inline_words
from app.core.i18n.catalog import DEFAULT_FOLDER, DOMAIN, SOURCE_LANGUAGE
from app.core.i18n.extraction import COMMENT_TAG, KEYWORDS, PLACEHOLDERS_NOTE

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog, Message

ROOT: Final = Path(__file__).resolve().parents[3]
CODE: Final = ROOT / "app"
METHOD: Final = "app.core.i18n.extraction:babel_extract"
# Header lines that change on every write; files that differ only there are left alone.
_DATED: Final = ('"POT-Creation-Date:', '"PO-Revision-Date:')
_HEADER: Final = (
    "# The messages of Jurnal Desk. Indonesian is the source language: each msgid is the\n"
    "# Indonesian the app shows. docs/translating.md says how to translate them."
)
MessageKey = tuple[str | tuple[str, ...], str | None]


def template_path(folder: Path = DEFAULT_FOLDER) -> Path:
    return folder / f"{DOMAIN}.pot"


def po_path(folder: Path, language: str) -> Path:
    return folder / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def po_languages(folder: Path = DEFAULT_FOLDER) -> list[str]:
    return sorted(p.parent.parent.name for p in folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


# -- extract -------------------------------------------------------------------------------


def extracted(code: Path = CODE) -> Catalog:
    """Every catalog-form message of the code, as a template."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    catalog = Catalog(
        project="Jurnal Desk",
        copyright_holder="the Jurnal Desk authors",
        header_comment=_HEADER,
        fuzzy=False,
    )
    found = extract_from_dir(
        str(code),
        method_map=[("**.py", METHOD)],
        keywords=KEYWORDS,
        comment_tags=(COMMENT_TAG,),
    )
    for filename, lineno, message, comments, context in found:
        location = (Path(code.name, filename).as_posix(), lineno)  # written without lineno
        braces = "{" in (message if isinstance(message, str) else message[0])
        catalog.add(
            message,
            locations=[location],
            auto_comments=comments,
            context=context,
            flags=("python-brace-format",) if braces else (),
        )
    return catalog


def extract(folder: Path = DEFAULT_FOLDER, code: Path = CODE) -> list[Path]:
    """Write the template from the code and bring every language's .po up to it (new
    messages untranslated, changed ones fuzzy with the old words); returns the files
    changed."""
    from babel.messages.pofile import read_po

    template = extracted(code)
    changed = _write_if_changed(template_path(folder), _po_text(template))
    for language in po_languages(folder):
        path = po_path(folder, language)
        with path.open("rb") as file:
            catalog = read_po(file, locale=language)
        catalog.update(template)
        changed += _write_if_changed(path, _po_text(catalog))
    return changed


def init(language: str, folder: Path = DEFAULT_FOLDER) -> Path:
    """A new language's .po, every message untranslated (Poedit's "new translation")."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    path = po_path(folder, language)
    if path.exists():
        raise FileExistsError(path)
    with template_path(folder).open("rb") as file:
        template = read_po(file)
    catalog = Catalog(
        locale=language,
        project="Jurnal Desk",
        copyright_holder="the Jurnal Desk authors",
        header_comment=_HEADER,
        fuzzy=False,
    )
    catalog.update(template)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_po_text(catalog), encoding="utf-8")
    return path


def _po_text(catalog: Catalog) -> str:
    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(out, catalog, width=100, include_lineno=False, ignore_obsolete=True, sort_output=True)
    return out.getvalue().decode("utf-8")


def _write_if_changed(path: Path, text: str) -> list[Path]:
    if path.exists() and _undated(path.read_text(encoding="utf-8")) == _undated(text):
        return []
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return [path]


def _undated(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith(_DATED)]


# -- compile -------------------------------------------------------------------------------


def compiled(po: Path) -> bytes:
    """The .mo of a .po: fuzzy translations left out (the source words show instead)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as file:
        catalog = read_po(file)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _translations(mo: bytes) -> dict[MessageKey, object]:
    """What a .mo says, whichever tool compiled it (Babel, msgfmt, Poedit)."""
    from babel.messages.mofile import read_mo

    return {_key(m): m.string for m in read_mo(io.BytesIO(mo)) if m.id}


def compile_all(folder: Path = DEFAULT_FOLDER) -> list[Path]:
    """Every .po compiled beside itself; returns the .mo files changed."""
    changed = []
    for language in po_languages(folder):
        po = po_path(folder, language)
        mo, data = po.with_suffix(".mo"), compiled(po)
        if not mo.exists() or mo.read_bytes() != data:
            mo.write_bytes(data)
            changed.append(mo)
    return changed


# -- check ---------------------------------------------------------------------------------


def check(folder: Path = DEFAULT_FOLDER, code: Path | None = CODE) -> list[str]:
    """What is not current, one line each; empty when all is. `code` None: the template
    is taken as it is (a catalog folder tried apart from the code)."""
    from babel.messages.pofile import read_po

    path = template_path(folder)
    if not path.exists():
        return [f"{path}: missing; run `python -m app.core.i18n.catalogs extract`"]
    with path.open("rb") as file:
        template = read_po(file)
    problems = [] if code is None else _template_problems(template, extracted(code), path)
    for language in po_languages(folder):
        problems += language_problems(folder, language, template)
    if code is not None:  # English or Chinese written in the code instead of the catalogs
        problems += inline_words.report(inline_words.scan(code))
    return problems


def language_problems(folder: Path, language: str, template: Catalog) -> list[str]:
    from babel.messages.pofile import read_po

    po = po_path(folder, language)
    with po.open("rb") as file:
        catalog = read_po(file)
    problems = []
    for message in _messages(template):
        translated = catalog.get(message.id, message.context)
        where = f"{po}: {_shown(message)}"
        if translated is None or not _complete(translated):
            problems.append(f"{where}: not translated")
        elif translated.fuzzy:
            problems.append(f"{where}: marked fuzzy (not shown until checked)")
        else:
            problems += [f"{where}: {p}" for p in _placeholder_problems(message, translated)]
    mo = po.with_suffix(".mo")
    if not mo.exists() or _translations(mo.read_bytes()) != _translations(compiled(po)):
        problems.append(f"{mo}: not current; run `python -m app.core.i18n.catalogs compile`")
    return problems


def _template_problems(template: Catalog, code: Catalog, path: Path) -> list[str]:
    if _fingerprint(template) == _fingerprint(code):
        return []
    missing = {_key(m) for m in _messages(code)} - {_key(m) for m in _messages(template)}
    named = ", ".join(repr(key[0]) for key in sorted(missing, key=str)[:5])
    return [
        f"{path}: not the code's messages ({len(missing)} missing{': ' if named else ''}"
        f"{named}); run `python -m app.core.i18n.catalogs extract`"
    ]


def _fingerprint(catalog: Catalog) -> set[tuple[object, ...]]:
    return {
        # Comments joined: a long one is wrapped into several lines when written.
        (_key(m), " ".join(" ".join(m.auto_comments).split()), _files(m))
        for m in _messages(catalog)
    }


def _files(message: Message) -> tuple[str, ...]:
    return tuple(sorted({filename for filename, _lineno in message.locations}))


def _messages(catalog: Catalog) -> Iterator[Message]:
    return (message for message in catalog if message.id)


def _key(message: Message) -> MessageKey:
    msgid = message.id
    return (msgid if isinstance(msgid, str) else tuple(msgid), message.context)


def _shown(message: Message) -> str:
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    context = f" ({message.context})" if message.context else ""
    return f"{msgid!r}{context}"


def _complete(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return all(strings)


def _placeholder_problems(template: Message, translated: Message) -> list[str]:
    allowed = _allowed_names(template)
    strings = translated.string
    problems = []
    for text in strings if isinstance(strings, tuple | list) else (strings,):
        try:
            used = placeholders(text or "")
        except ValueError as error:
            problems.append(f"unreadable braces in {text!r} ({error})")
            continue
        problems += [
            f"placeholder {{{name}}} is not one the code fills ({_listed(allowed)})"
            for name in sorted(used - allowed)
        ]
    return problems


def _allowed_names(template: Message) -> set[str]:
    ids = template.id if isinstance(template.id, tuple | list) else (template.id,)
    if "python-brace-format" not in template.flags and not any("{" in i for i in ids):
        return set()
    allowed = set().union(*(placeholders(i) for i in ids if i))
    for comment in template.auto_comments:
        if comment.startswith(PLACEHOLDERS_NOTE):
            allowed |= {word.strip("{}") for word in comment.split()[1:]}
    return allowed


def placeholders(text: str) -> set[str]:
    """The names a template fills: {a}, {b.c}, {d:.1f} -> {"a", "b", "d"}."""
    names = set()
    for _literal, field, _spec, _conversion in string.Formatter().parse(text):
        if field is not None:
            names.add(field.split(".", 1)[0].split("[", 1)[0])
    return names


def _listed(names: Iterable[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(names)) or "none"


# -- the command ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.core.i18n.catalogs")
    parser.add_argument("command", choices=("extract", "compile", "check", "init"))
    parser.add_argument("language", nargs="?", help="init: the new language's code (de, ms)")
    parser.add_argument("--locale", type=Path, default=DEFAULT_FOLDER, help="catalog folder")
    args = parser.parse_args(argv)
    folder: Path = args.locale
    if args.command == "extract":
        _say(extract(folder), "written")
    elif args.command == "compile":
        _say(compile_all(folder), "compiled")
    elif args.command == "init":
        if not args.language or args.language == SOURCE_LANGUAGE:
            parser.error("init needs the new language's code (not the source language, id)")
        _say([init(args.language, folder)], "created")
    else:
        problems = check(folder)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print(f"{len(problems)} catalog problem(s)", file=sys.stderr)
            return 1
        print("catalogs current")
    return 0


def _say(paths: list[Path], done: str) -> None:
    for path in paths:
        print(f"{done}: {path}")
    if not paths:
        print("nothing changed")


if __name__ == "__main__":
    raise SystemExit(main())
