"""The ready queries of cypher/ on the bundled dataset in a real Neo4j, held to answers computed
independently with networkx; and the query runner's rules (read-only, parameters)."""

from __future__ import annotations

import networkx as nx
import pytest

import govgraph
from govgraph.errors import GovgraphError, NotFoundError
from govgraph.store.cypher import (
    QueryError,
    parse_params,
    query_header,
    query_text,
    ready_queries,
    run_query,
)
from govgraph.store.neo4j import load

CCB3F = "fr-cc-bouzonvillois-trois-frontieres"
TIES = ("MEMBER_OF", "COOPERATES_WITH", "PARTICIPATES_IN", "FUNDS", "SUPERVISED_BY", "EXERCISES")


# ------------------------------------------------------------------ independent networkx oracle


def edges_of(G, rel):
    return [(a, b) for a, b, d in G.edges(data=True) if d["type"] == rel]


def governing(G, territories):
    return {a for a, b in edges_of(G, "GOVERNS") if b in territories}


@pytest.fixture(scope="module")
def study():
    return govgraph.load_study()


@pytest.fixture(scope="module")
def G(study):
    return study.graph


@pytest.fixture(scope="module")
def loaded(driver, G):
    load(driver, G)  # the bundled dataset under its own name; loading is idempotent
    return G.graph["name"]


def run(driver, name, **params):
    return run_query(driver, query_text(name), {"dataset": "three-borders", **params})


# ------------------------------------------------------------------ the ready queries


@pytest.mark.neo4j
def test_actors_of_territory(driver, loaded, G):
    rows = run(driver, "actors_of_territory", territory="t-fr-cc-bouzonvillois-trois-frontieres")
    part_of = nx.DiGraph(edges_of(G, "PART_OF"))
    inside = {"t-fr-cc-bouzonvillois-trois-frontieres"} | nx.ancestors(
        part_of, "t-fr-cc-bouzonvillois-trois-frontieres"
    )
    assert {r["actor"] for r in rows} == governing(G, inside)
    # the CC, its 40 communes and its tourist office
    assert len(rows) == 42 and "fr-trois-frontieres-tourisme" in {r["actor"] for r in rows}
    assert rows[0]["actor"] == CCB3F  # widest tier first
    ranks = ["national", "regional", "intermediate", "intermunicipal", "local", None]
    order = [ranks.index(r["tier"]) for r in rows]
    assert order == sorted(order)  # actors without a level come last


WHO_CASES = [
    (CCB3F, "public_transport"),  # the ministry yields to the administration it supervises
    (CCB3F, "tourism_promotion"),
    ("fr-sierck-les-bains", "health"),
    ("fr-temo", "public_transport"),  # serves its members' territories
    ("lu-mondorf-les-bains", "urban_bus"),  # the Région yields to the mobility authority TeMo
    ("de-lk-merzig-wadern", "social_assistance"),
]


@pytest.mark.neo4j
@pytest.mark.parametrize(("actor", "competence"), WHO_CASES)
def test_competence_holders_around_matches_govgraph_who(
    driver, loaded, G, actor, competence, study
):
    from govgraph.analysis.counterparts import who

    rows = run(driver, "competence_holders_around", actor=actor, competence=competence)
    expected = who(study, actor, competence=competence, max_distance=2)
    assert [(r["country"], r["holder"], r["distance"]) for r in rows] == [
        (r["country"], r["holder"], r["distance"]) for r in expected
    ]
    assert [[h["competence"] for h in r["holds"]] for r in rows] == [
        [h["competence"] for h in r["holds"]] for r in expected
    ]


def test_who_shows_the_asymmetry_of_the_case(G, study):
    from govgraph.analysis.counterparts import who

    by_holder = {r["holder"]: r for r in who(study, CCB3F, competence="public_transport")}
    # the Luxembourg State answers through its organs, and the ministry through the transport
    # administration it supervises; the Saarland Landkreise delegated the Land-wide bus network
    # to the ZPS, which holds interurban buses for them
    administration = by_holder["lu-atp"]
    assert administration["country"] == "LU" and "lu-government" not in by_holder
    assert "lu-ministere-mobilite-travaux-publics" not in by_holder
    assert any(h.get("on_behalf_of") for h in administration["holds"])
    zps = {h["competence"]: h for h in by_holder["de-zps"]["holds"]}
    assert "de-lk-merzig-wadern" in {f["id"] for f in zps["interurban_bus"]["on_behalf_of"]}
    assert by_holder[CCB3F]["side"] == "own"


COUNTERPART_CASES = [
    (CCB3F, "DE"),
    (CCB3F, "LU"),
    ("fr-bouzonville", "DE"),
    ("fr-departement-moselle", "DE"),
    ("fr-region-grand-est", "LU"),
    ("de-perl", "FR"),
    ("fr-temo", "LU"),
]


@pytest.mark.neo4j
@pytest.mark.parametrize(("actor", "country"), COUNTERPART_CASES)
def test_counterpart_candidates_match_govgraph_counterparts(
    driver, loaded, G, actor, country, study
):
    from govgraph.analysis.counterparts import counterparts

    rows = run(driver, "counterpart_candidates", actor=actor, country=country)
    expected = counterparts(study, actor, countries=[country], top=10)
    top = len(expected)
    assert [r["candidate"] for r in rows[:top]] == [r["candidate"] for r in expected]
    assert [r["score"] for r in rows[:top]] == [r["score"] for r in expected]
    assert [r["distance"] for r in rows[:top]] == [r["distance"] for r in expected]


@pytest.mark.neo4j
def test_cooperation_paths(driver, loaded, G):
    rows = run(driver, "cooperation_paths", **{"from": "fr-bouzonville", "to": "de-perl"})
    ties = nx.Graph([(a, b) for a, b, d in G.edges(data=True) if d["type"] in TIES])
    expected = {tuple(p) for p in nx.all_shortest_paths(ties, "fr-bouzonville", "de-perl")}
    assert {tuple(r["path"]) for r in rows} == expected
    assert {r["steps"] for r in rows} == {len(next(iter(expected))) - 1}


# ------------------------------------------------------------------ the runner


@pytest.mark.neo4j
def test_queries_are_read_only_unless_write(driver, loaded):
    with pytest.raises(QueryError, match="pass --write"):
        run_query(driver, "CREATE (:Actor {dataset: 'x-readonly', id: 'x'})")
    rows = run_query(driver, "MATCH (n {dataset: 'x-readonly'}) RETURN count(n) AS n")
    assert rows == [{"n": 0}]


@pytest.mark.neo4j
def test_missing_parameter_and_bad_syntax(driver, loaded):
    with pytest.raises(QueryError, match="--param"):
        run_query(driver, query_text("actors_of_territory"), {"dataset": "three-borders"})
    with pytest.raises(QueryError, match="not valid Cypher"):
        run_query(driver, "MATCH (n RETURN n")


def test_every_ready_query_documents_itself():
    queries = ready_queries()
    assert set(queries) == {
        "actors_of_territory",
        "competence_holders_around",
        "counterpart_candidates",
        "no_holder_on_one_side",
        "cooperation_paths",
        "level_mismatch",
        "missing_dialogue",
    }
    for path in queries.values():
        header = query_header(path)
        assert header["title"] and "dataset" in header["params"], path.name


def test_parse_params():
    assert parse_params(["a=1", "b=x y", 'c=["DE"]', "d=true"]) == {
        "a": 1,
        "b": "x y",
        "c": ["DE"],
        "d": True,
    }
    with pytest.raises(GovgraphError, match="must be written name=value"):
        parse_params(["nothing"])
    with pytest.raises(GovgraphError):
        parse_params(["bad name=1"])


def test_query_text_resolution(tmp_path):
    assert "MATCH" in query_text("cooperation_paths")
    assert query_text("RETURN 1") == "RETURN 1"
    with pytest.raises(NotFoundError, match="no ready query 'nope'"):
        query_text("nope")
    with pytest.raises(NotFoundError, match="no query file"):
        query_text(str(tmp_path / "missing.cypher"))


# ------------------------------------------------------------------ gap queries


GAP_ACTORS = [CCB3F, "fr-sierck-les-bains", "de-perl", "lu-schengen"]


@pytest.mark.neo4j
@pytest.mark.parametrize("actor", GAP_ACTORS)
def test_no_holder_on_one_side_matches_the_no_counterpart_gaps(driver, loaded, G, actor, study):
    from govgraph.analysis.gaps import find_gaps

    rows = run(driver, "no_holder_on_one_side", actor=actor)
    gaps = find_gaps(study, kinds=["no_counterpart", "reference_gap"], around=actor)
    assert {
        (
            r["competence"],
            r["held_in"],
            r["missing_in"],
            r["nature"],
            tuple(sorted(r["levels_allocated"])),
        )
        for r in rows
    } == {
        (
            g["competence"],
            held_in,  # a reference gap names every side that holds the competence
            g["side_b"]["country"],
            g["nature"],
            tuple(g["side_b"]["levels_allocated"]),
        )
        for g in gaps
        for held_in in g["side_a"]["country"].split(";")
    }
    assert any("-" in r["missing_in"] or "-" in r["held_in"] for r in rows) == any(
        "-" in g["side_a"]["country"] + g["side_b"]["country"] for g in gaps
    )


@pytest.mark.neo4j
@pytest.mark.parametrize("actor", GAP_ACTORS)
def test_level_mismatch_query_matches_the_level_mismatch_gaps(driver, loaded, G, actor, study):
    from govgraph.analysis.gaps import find_gaps

    rows = run(driver, "level_mismatch", actor=actor)
    gaps = find_gaps(study, kinds=["level_mismatch"], around=actor)
    assert rows, actor
    assert {
        (
            r["competence"],
            r["country_a"],
            r["holder_a"],
            r["country_b"],
            r["holder_b"],
            r["tier_distance"],
        )
        for r in rows
    } == {
        (
            g["competence"],
            g["side_a"]["country"],
            g["side_a"]["actors"][0]["id"],
            g["side_b"]["country"],
            g["side_b"]["actors"][0]["id"],
            g["tier_distance"],
        )
        for g in gaps
    }


@pytest.mark.neo4j
def test_missing_dialogue_query_matches_the_missing_dialogue_gaps(driver, loaded, G, study):
    from govgraph.analysis.gaps import find_gaps

    gaps = find_gaps(study, kinds=["missing_dialogue"])
    pairs = [  # a gap of several pairs lists each with its path length
        (a["id"], b["id"], steps, gap)
        for gap in gaps
        for a, b, steps in zip(
            gap["side_a"]["actors"],
            gap["side_b"]["actors"],
            gap.get("path_lengths") or [gap["path_length"]],
            strict=True,
        )
    ]
    assert len(pairs) >= 5 and any("pairs" in g for g in gaps)
    for a, b, steps, gap in pairs[:15]:
        [row] = run(driver, "missing_dialogue", **{"from": a, "to": b})
        assert row["missing_dialogue"] is True
        assert row["path_length"] == steps
        if "pairs" not in gap:  # one pair: its brokers, nearest first
            brokers = [x["broker"] for x in row["brokers"][:5]]
            assert brokers == [c["id"] for c in gap["could_close"]]
    # a pair that does talk: Bouzonville and its twin town
    [row] = run(
        driver, "missing_dialogue", **{"from": "fr-bouzonville", "to": "de-rehlingen-siersburg"}
    )
    assert row["path_length"] == 1 and row["missing_dialogue"] is False


@pytest.mark.neo4j
def test_the_gap_queries_split_a_federal_side_as_govgraph_does(driver, dataset_name, tmp_path):
    """On the France–Belgium test border, around the MEL: Belgian sides by region where the
    reference allocates a competence differently (education), one side elsewhere."""
    import shutil

    from conftest import FEDERAL, rename_dataset

    from govgraph.analysis.gaps import find_gaps
    from govgraph.data.build import build_graph
    from govgraph.data.dataset import read_dataset
    from govgraph.study import Study

    folder = tmp_path / dataset_name
    shutil.copytree(FEDERAL, folder)
    G = build_graph(read_dataset(rename_dataset(folder, dataset_name)))
    load(driver, G)
    study = Study(G, G.graph["date"])
    params = {"dataset": dataset_name, "actor": "fr-mel"}
    mismatches = run_query(driver, query_text("level_mismatch"), params)
    gaps = find_gaps(study, kinds=["level_mismatch"], around="fr-mel")
    assert {(r["competence"], r["country_b"], r["holder_b"]) for r in mismatches} == {
        (g["competence"], g["side_b"]["country"], g["side_b"]["actors"][0]["id"]) for g in gaps
    }
    assert {"BE-VLG", "BE-WAL"} <= {r["country_b"] for r in mismatches}
    missing = run_query(driver, query_text("no_holder_on_one_side"), params)
    gaps = find_gaps(study, kinds=["no_counterpart", "reference_gap"], around="fr-mel")
    assert {(r["competence"], r["missing_in"], r["nature"]) for r in missing} == {
        (g["competence"], g["side_b"]["country"], g["nature"]) for g in gaps
    }
    assert missing and {r["nature"] for r in missing} <= {"data", "institutional", "reference"}
