"""Cooperation metrics on a hand-built graph (exact figures) and on the bundled dataset."""

from __future__ import annotations

from test_gaps import hold, scenario, tie

import govgraph
from govgraph.analysis.metrics import cooperation_metrics, coverage
from govgraph.study import Study


def test_tie_shares_and_communities_are_exact():
    G = scenario()
    tie(G, "f1", "f2", "MEMBER_OF")
    tie(G, "f1", "d1")
    tie(G, "fstate", "dstate")
    m = cooperation_metrics(Study(G))
    assert m["ties"]["total"] == 3
    assert m["ties"]["cross_border"] == 2
    assert m["ties"]["cross_border_share"] == round(2 / 3, 4)
    assert m["ties"]["by_type"]["MEMBER_OF"] == {"ties": 1, "cross_border": 0}
    assert m["communities"]["count"] == 2
    assert m["communities"]["mixing_countries"] == 2
    assert m["communities"]["border_crossing_index"] == 1.0
    brokers = [b["id"] for b in m["brokers"]["DE-FR"]]
    assert brokers == ["f1"]  # the only node between DE and the other French commune


def test_coverage_lists_levels_per_country():
    G = scenario()
    hold(G, "f1", "bus")
    hold(G, "dstate", "transport")
    rows = {r["competence"]: r for r in coverage(Study(G))["env"]}
    assert rows["bus"]["FR"] == ["Commune (local)"]
    assert rows["bus"]["DE"] == []
    assert rows["transport"]["FR"] == ["Commune (local)"]  # through the narrower bus
    assert rows["transport"]["DE"] == ["Bund (national)"]


def test_coverage_names_an_operational_holder_and_whom_it_exercises_for():
    G = scenario()
    G.add_node("dagency", label="Actor", name="Bus Agency", kind="state_agency", countries=["DE"])
    G.add_edge(
        "dagency",
        "dstate",
        key="EXERCISES",
        type="EXERCISES",
        competence="bus",
        kind="organ",
        source="s",
    )  # it serves the Bund's territory
    hold(G, "dstate", "bus")
    hold(G, "dagency", "waste")  # a body's own holding: named, without "for"
    rows = {r["competence"]: r for r in coverage(Study(G.copy()))["env"]}
    assert rows["bus"]["DE"] == ["Bund (national)"]
    assert rows["waste"]["DE"] == ["Bus Agency"]
    G.add_edge(
        "dagency",
        "bus",
        key="HOLDS",
        type="HOLDS",
        role="exclusive",
        provenance="exercised",
        on_behalf_of=["dstate"],
        source="s",
    )
    rows = {r["competence"]: r for r in coverage(Study(G))["env"]}
    state = G.nodes["dstate"]["name"]
    assert rows["bus"]["DE"] == ["Bund (national)", f"Bus Agency, for {state}"]
    assert rows["transport"]["DE"] == ["Bund (national)", f"Bus Agency, for {state}"]


def test_bundled_metrics_are_stable():
    study = govgraph.load_study()
    first = cooperation_metrics(study)
    assert cooperation_metrics(study) == first  # fixed seed, fixed order
    assert 0 < first["ties"]["cross_border_share"] < 1
    assert set(first["brokers"]) == {"DE-FR", "DE-LU", "FR-LU"}
    assert set(first["coverage"]) == {
        "environment_mobility",
        "tourism_attractiveness",
        "public_services_healthcare",
    }


def test_coverage_has_a_column_per_subdivision_with_rules_of_its_own():

    study = govgraph.load_study()
    rows = coverage(study, around="fr-cc-bouzonvillois-trois-frontieres")["environment_mobility"]
    # the Länder allocate differently; the Luxembourg cantons have no rules of their own
    assert list(rows[0])[2:] == ["DE-RP", "DE-SL", "FR", "LU"]
    assert list(coverage(study, countries=["DE-SL"])["environment_mobility"][0])[2:] == [
        "DE-SL",
        "FR",
        "LU",
    ]
