import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govgraph.text import (
    DATASET_FORMULA_PREFIXES,
    FORMULA_PREFIXES,
    did_you_mean,
    matches,
    normalise,
    suggestion,
)


def test_normalise_removes_accents_case_and_punctuation():
    assert normalise("Sierck-les-Bains") == "sierck les bains"
    assert normalise("Überherrn") == "uberherrn"
    assert normalise("Großherzogtum") == "grossherzogtum"
    assert normalise("  Kirsch-lès-Sierck ") == "kirsch les sierck"


@pytest.mark.parametrize(
    ("native", "ascii_form"),
    [
        # Polish: Ł/ł has no decomposition, so NFKD stripping lost it
        ("Łódź", "lodz"),
        ("Dąbrowa Górnicza", "dabrowa gornicza"),
        ("Świnoujście", "swinoujscie"),
        # Danish / Norwegian: Ø, Æ and Å
        ("Øresund", "oresund"),
        ("Ærøskøbing", "aeroskobing"),
        ("Tromsø", "tromso"),
        ("Ålborg", "alborg"),
        # Greek, lower and upper case
        ("Θεσσαλονίκη", "thessaloniki"),
        ("ΘΕΣΣΑΛΟΝΊΚΗ", "thessaloniki"),
        ("Περιφέρεια Κεντρικής Μακεδονίας", "perifereia kentrikis makedonias"),
        # Cyrillic: Ukrainian, Bulgarian, Serbian; the soft sign stays inside its word
        ("Ужгород", "uzhgorod"),
        ("Ужгородська міська рада", "uzhgorodska miska rada"),
        ("Пловдив", "plovdiv"),
        ("Београд", "beograd"),
        # Czech
        ("České Budějovice", "ceske budejovice"),
        ("Ústí nad Labem", "usti nad labem"),
        # Hungarian: double acute
        ("Győr-Moson-Sopron", "gyor moson sopron"),
        ("Székesfehérvár", "szekesfehervar"),
        # Others at Europe's borders
        ("Brașov", "brasov"),
        ("Đakovo", "dakovo"),
        ("Þingvellir", "thingvellir"),
    ],
)
def test_normalise_transliterates_every_european_script(native, ascii_form):
    assert normalise(native) == ascii_form


def test_german_sharp_s_equals_ss():
    assert normalise("Straße") == normalise("Strasse") == "strasse"
    assert normalise("STRAẞE") == normalise("STRASSE") == "strasse"
    assert matches("strasse", "Hauptstraße")
    assert matches("straße", "Hauptstrasse")


@pytest.mark.parametrize(
    ("query", "native"),
    [
        ("lodz", "Łódź"),
        ("oresund", "Øresundsregionen"),
        ("thessaloniki", "Δήμος Θεσσαλονίκης"),
        ("uzhgorod", "Ужгородська міська рада"),
        ("Ceske Budejovice", "Statutární město České Budějovice"),
        ("gyor", "Győr-Moson-Sopron vármegye"),
        ("LODZ", "Województwo łódzkie"),
    ],
)
def test_ascii_search_matches_native_spelling(query, native):
    assert matches(query, native)
    assert matches(native, native)


def test_symbols_and_emoji_are_separators_not_words():
    assert normalise("Perl © 2024 🙂") == "perl 2024"
    assert normalise("5 €") == "5"
    assert not matches("eur", "5 €")
    assert normalise("½") == "1 2"


@given(st.text())
def test_normalise_always_gives_lowercase_ascii_words(text):
    result = normalise(text)
    assert re.fullmatch(r"([0-9a-z]+( [0-9a-z]+)*)?", result)
    assert normalise(result) == result


def test_formula_prefixes_validation_checks_a_subset():
    assert set(DATASET_FORMULA_PREFIXES) <= set(FORMULA_PREFIXES)
    assert "-" in FORMULA_PREFIXES and "-" not in DATASET_FORMULA_PREFIXES


def test_matches_every_word_in_any_name():
    assert matches("merzig wadern", "Landkreis Merzig-Wadern")
    assert matches("SIERCK", None, "Sierck-les-Bains")
    assert matches("bad sierck", "Sierck-les-Bains", "Bad Sierck")
    assert not matches("merzig saarlouis", "Landkreis Merzig-Wadern")
    assert not matches("", "anything")
    assert not matches("🙂", "anything")


def test_did_you_mean_finds_close_ids_only():
    assert did_you_mean("fr-bouzonvile", ["fr-bouzonville", "de-perl"]) == "fr-bouzonville"
    assert did_you_mean("zzz", ["fr-bouzonville"]) is None
    assert suggestion("knd", ["kind", "name"]) == "did you mean 'kind'?"
    assert suggestion("qqqq", ["kind"]) == ""
    normalised = {normalise(n): n for n in ["Łódź", "Ужгород"]}
    assert did_you_mean(normalise("Lodzz"), normalised) == "lodz"
    assert suggestion(normalise("Uzhgorot"), normalised) == "did you mean 'uzhgorod'?"
