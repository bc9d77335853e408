"""Text helpers: accent- and case-insensitive matching, slugs, "did you mean" suggestions.

Example:
    >>> normalise("Sierck-les-Bains")
    'sierck les bains'
    >>> matches("merzig wadern", "Landkreis Merzig-Wadern")
    True
    >>> did_you_mean("fr-bouzonvile", ["fr-bouzonville", "de-perl"])
    'fr-bouzonville'
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

_NON_WORD = re.compile(r"[^0-9a-z]+")
_GERMAN = str.maketrans({"ß": "ss", "ẞ": "ss"})


def normalise(text: str) -> str:
    """Lowercase ASCII words separated by single spaces: accents, case and punctuation removed."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_GERMAN))
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", ascii_text.casefold()).strip()


def matches(query: str, *names: str | None) -> bool:
    """True when every word of ``query`` occurs in one of ``names`` (accent/case-insensitive)."""
    words = normalise(query).split()
    if not words:
        return False
    return any(name and all(word in normalise(name) for word in words) for name in names)


def did_you_mean(value: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to ``value``, or None when nothing is close."""
    close = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.75)
    return close[0] if close else None


def suggestion(value: str, candidates: Iterable[str]) -> str:
    """A "did you mean …?" sentence, or an empty string."""
    close = did_you_mean(value, candidates)
    return f"did you mean '{close}'?" if close else ""
