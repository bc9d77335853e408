from govgraph.text import did_you_mean, matches, normalise, suggestion


def test_normalise_removes_accents_case_and_punctuation():
    assert normalise("Sierck-les-Bains") == "sierck les bains"
    assert normalise("Überherrn") == "uberherrn"
    assert normalise("Großherzogtum") == "grossherzogtum"
    assert normalise("  Kirsch-lès-Sierck ") == "kirsch les sierck"


def test_matches_every_word_in_any_name():
    assert matches("merzig wadern", "Landkreis Merzig-Wadern")
    assert matches("SIERCK", None, "Sierck-les-Bains")
    assert matches("bad sierck", "Sierck-les-Bains", "Bad Sierck")
    assert not matches("merzig saarlouis", "Landkreis Merzig-Wadern")
    assert not matches("", "anything")


def test_did_you_mean_finds_close_ids_only():
    assert did_you_mean("fr-bouzonvile", ["fr-bouzonville", "de-perl"]) == "fr-bouzonville"
    assert did_you_mean("zzz", ["fr-bouzonville"]) is None
    assert suggestion("knd", ["kind", "name"]) == "did you mean 'kind'?"
    assert suggestion("qqqq", ["kind"]) == ""
