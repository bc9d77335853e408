"""Text helpers: script-, accent- and case-insensitive matching, "did you mean" suggestions.

Names are compared in a plain ASCII form: every European script (Latin with any accents,
Greek, Cyrillic…) is transliterated with `anyascii <https://github.com/anyascii/anyascii>`_,
so a search typed on any keyboard finds the native spelling.

Example:
    >>> normalise("Sierck-les-Bains")
    'sierck les bains'
    >>> normalise("Łódź"), normalise("Øresund")
    ('lodz', 'oresund')
    >>> normalise("Θεσσαλονίκη"), normalise("Ужгород")
    ('thessaloniki', 'uzhgorod')
    >>> matches("merzig wadern", "Landkreis Merzig-Wadern")
    True
    >>> normalise("Ужгородська міська рада")
    'uzhgorodska miska rada'
    >>> matches("uzhgorod", "Ужгородська міська рада")
    True
    >>> did_you_mean("fr-bouzonvile", ["fr-bouzonville", "de-perl"])
    'fr-bouzonville'
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from anyascii import anyascii

__all__ = [
    "DATASET_FORMULA_PREFIXES",
    "FORMULA_PREFIXES",
    "cell_text",
    "did_you_mean",
    "matches",
    "normalise",
    "suggestion",
]

#: What makes a spreadsheet (Excel, LibreOffice Calc, Google Sheets) read a cell as a formula
#: ("CSV injection", see OWASP): '=', '+', '-' and '@' start one, and a leading tab or carriage
#: return can hide any of them. Every CSV cell govgraph writes that starts with one of these is
#: prefixed with an apostrophe (:func:`govgraph.render.tables.neutralise_formula`).
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

#: The subset of :data:`FORMULA_PREFIXES` that dataset validation refuses at the start of a text
#: cell. Deliberately smaller: '-' starts legitimate text (a "-" placeholder, "-5 %", a negative
#: number), and a leading tab or carriage return cannot reach the check because cells are stripped
#: of surrounding whitespace first. Output is safe either way: CSV export neutralises the full set.
DATASET_FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "@")

_NON_WORD = re.compile(r"[^0-9a-z]+")
_NON_ALNUM = re.compile(r"[^0-9A-Za-z]+")


@lru_cache(maxsize=8192)
def _ascii_char(char: str) -> str:
    """One non-ASCII character in ASCII: a letter stays inside its word, anything else but a
    digit separates words.

    anyascii writes some letters with punctuation (the Cyrillic soft sign 'ь' → "'", so
    "Ужгородська" would split into "uzhgorod's'ka"); that punctuation is dropped. It also spells
    out symbols ('©' → '(C)', '€' → 'EUR', emoji → ':name:'), words nobody reads in a name.
    """
    category = unicodedata.category(char)[0]
    if category in "LM":
        return _NON_ALNUM.sub("", anyascii(char))
    return anyascii(char) if category == "N" else " "


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Lowercase ASCII words separated by single spaces: script, accents, case and punctuation
    removed ("Łódź" → "lodz", "Straße" → "strasse", "Ужгород" → "uzhgorod")."""
    if not text.isascii():
        text = "".join(ch if ch.isascii() else _ascii_char(ch) for ch in text)
    return _NON_WORD.sub(" ", text.lower()).strip()


def matches(query: str, *names: str | None) -> bool:
    """True when every word of ``query`` occurs in one of ``names`` (script-, accent- and
    case-insensitive)."""
    words = normalise(query).split()
    if not words:
        return False
    for name in names:
        if name:
            normal = normalise(name)
            if all(word in normal for word in words):
                return True
    return False


def name_matches(
    words: list[str],
    names: Mapping[str, Sequence[str]],
    leading: Mapping[str, Sequence[str]] | None = None,
) -> tuple[list[str], list[str], list[str]]:
    """The ids whose normalised ``names`` match ``words``, best first: those with a name that
    begins with them (also one of ``leading``: a territory's name), those with every word as a
    whole word of one name, those with every word inside one name. A name that begins with the
    words is what is meant: "Sierck" is Sierck-les-Bains, not Beyren-lès-Sierck.

    >>> name_matches(["sierck"], {"a": ["commune de sierck les bains"], "b": ["beyren les sierck"]},
    ...              {"a": ["sierck les bains"]})
    (['a'], ['a', 'b'], [])
    """
    whole, partial = [], []
    for key, ns in names.items():
        if any(all(w in n.split() for w in words) for n in ns):
            whole.append(key)
        elif any(all(w in n for w in words) for n in ns):
            partial.append(key)
    extra = leading or {}
    begins = [
        key
        for key in whole
        if any(n.split()[: len(words)] == words for n in (*names[key], *extra.get(key, ())))
    ]
    return begins, whole, partial


def did_you_mean(value: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to ``value``, or None when nothing is close."""
    close = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.75)
    return close[0] if close else None


def suggestion(value: str, candidates: Iterable[str]) -> str:
    """A "did you mean …?" sentence, or an empty string."""
    close = did_you_mean(value, candidates)
    return f"did you mean '{close}'?" if close else ""


def cell_text(value: Any, *, separator: str = ";", digits: int | None = None) -> str:
    """A value as the text of one cell: nothing for None, yes/no for booleans, list items joined
    with ``separator``, floats to ``digits`` significant digits when given.

    >>> cell_text(["FR", "DE"]), cell_text([0.123456, True], separator="; ", digits=3)
    ('FR;DE', '0.123; yes')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return separator.join(cell_text(v, separator=separator, digits=digits) for v in value)
    if isinstance(value, float) and digits is not None:
        return f"{value:.{digits}g}"
    return str(value)
