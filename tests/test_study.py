"""The study: every derived table on the minimal dataset, a graph that refuses in-place edits,
plain editable copies, and a study of an edited copy that answers the new facts."""

from __future__ import annotations

import copy
import pickle
import re
from pathlib import Path

import networkx as nx
import pytest

import govgraph
from govgraph.analysis.counterparts import counterparts
from govgraph.analysis.territory import Area
from govgraph.data.dataset import read_dataset
from govgraph.errors import GovgraphError
from govgraph.study import FrozenGraphError, Study, freeze, load_study, names_of

APACH_SOURCE = "https://de.wikipedia.org/wiki/Apach"
CCB3F = "fr-cc-bouzonvillois-trois-frontieres"
FROZEN = re.escape(
    "this study's graph is frozen: an in-place edit would leave the study's tables stale; "
    "edit a copy (H = study.graph.copy()) and build a new Study(H)"
)


@pytest.fixture
def small(minimal: Path, reference: Path) -> Study:
    return Study.from_dataset(read_dataset(minimal, reference=reference))


# --------------------------------------------------------------------------- derived tables


def test_name_and_repr(small):
    assert small.name == "minimal"
    assert repr(small) == "<Study 'minimal': 6 actors>"


def test_sorted_ids_of_each_label(small):
    assert small.actors == [
        "de-lk-merzig-wadern",
        "de-perl",
        "fr-apach",
        CCB3F,
        "lu-government",
        "lu-schengen",
    ]
    assert small.competences == [
        "bus_transport",
        "mobility",
        "public_transport",
        "tourism_promotion",
        "waste_collection",
    ]
    assert small.themes == [
        "environment_mobility",
        "public_services_healthcare",
        "tourism_attractiveness",
    ]
    assert small.initiatives == ["xb-moselle3-trail"]
    assert small.countries == ["DE", "FR", "LU"]  # sorted, not the manifest's FR, DE, LU


def test_territory_of_serves_and_actors_in(small):
    governed = {
        "de-lk-merzig-wadern": "t-de-lk-merzig-wadern",
        "de-perl": "t-de-perl",
        "fr-apach": "t-fr-apach",
        CCB3F: "t-fr-cc-bouzonvillois-trois-frontieres",
        "lu-government": "t-lu",
        "lu-schengen": "t-lu-schengen",
    }
    assert small.territory_of == {actor: [t] for actor, t in governed.items()}
    assert small.serves == {actor: [t] for actor, t in governed.items()}
    assert small.actors_in == {t: [actor] for actor, t in governed.items()}


def test_a_body_without_territory_serves_its_members_territories(small):
    H = small.graph.copy()
    H.remove_edge(CCB3F, "t-fr-cc-bouzonvillois-trois-frontieres", "GOVERNS")
    edited = Study(H)
    assert CCB3F not in edited.territory_of
    assert edited.serves[CCB3F] == ["t-fr-apach"]  # through its member Apach
    assert edited.actors_in["t-fr-apach"] == ["fr-apach", CCB3F]
    assert "t-fr-cc-bouzonvillois-trois-frontieres" not in edited.actors_in
    assert edited.population(CCB3F) == 1071


def test_containment_tables_and_closures(small):
    assert small.parents == {
        "t-de-lk-merzig-wadern": ["t-de"],
        "t-de-perl": ["t-de-lk-merzig-wadern"],
        "t-fr-apach": ["t-fr-cc-bouzonvillois-trois-frontieres"],
        "t-fr-cc-bouzonvillois-trois-frontieres": ["t-fr"],
        "t-lu-schengen": ["t-lu"],
    }
    assert small.children == {
        "t-de": ["t-de-lk-merzig-wadern"],
        "t-de-lk-merzig-wadern": ["t-de-perl"],
        "t-fr": ["t-fr-cc-bouzonvillois-trois-frontieres"],
        "t-fr-cc-bouzonvillois-trois-frontieres": ["t-fr-apach"],
        "t-lu": ["t-lu-schengen"],
    }
    assert small.inside("t-fr") == {
        "t-fr",
        "t-fr-cc-bouzonvillois-trois-frontieres",
        "t-fr-apach",
    }
    assert small.inside("t-fr-apach") == {"t-fr-apach"}
    assert small.containing("t-de-perl") == {"t-de-lk-merzig-wadern", "t-de"}
    assert small.containing("t-fr-apach") == {"t-fr-cc-bouzonvillois-trois-frontieres", "t-fr"}
    assert small.containing("t-fr") == set()
    assert small.containing("no-such-territory") == set()


def test_borders_are_listed_from_both_ends_with_their_source(small):
    assert small.borders == {
        "t-de-perl": [("t-fr-apach", APACH_SOURCE)],
        "t-fr-apach": [("t-de-perl", APACH_SOURCE), ("t-lu-schengen", APACH_SOURCE)],
        "t-lu-schengen": [("t-fr-apach", APACH_SOURCE)],
    }


def test_levels_and_tiers(small):
    assert small.level_of == {
        "de-lk-merzig-wadern": "DE-landkreis",
        "de-perl": "DE-gemeinde",
        "fr-apach": "FR-commune",
        CCB3F: "FR-epci",
        "lu-government": "LU-etat",
        "lu-schengen": "LU-commune",
    }
    assert small.tier("de-perl") == ("Gemeinde", "local")
    assert small.tier("de-lk-merzig-wadern") == ("Landkreis", "intermediate")
    assert small.tier(CCB3F)[1] == "intermunicipal"
    assert small.tier("lu-government") == ("État", "national")
    assert small.tier("xb-moselle3-trail") == (None, None)  # an initiative has no level


def test_holdings_are_the_graph_s_holds_edges(small):
    roles = {
        actor: {c: (d["role"], d["provenance"]) for c, d in held.items()}
        for actor, held in small.holdings.items()
    }
    assert roles == {
        "de-lk-merzig-wadern": {"bus_transport": ("exclusive", "inferred")},
        CCB3F: {
            "tourism_promotion": ("shared", "inferred"),
            "waste_collection": ("exclusive", "asserted"),
        },
        "lu-government": {"public_transport": ("exclusive", "inferred")},
    }
    waste = small.holdings[CCB3F]["waste_collection"]
    assert waste["legal_basis"] == "CGCT art. L5214-16 I 5°"
    assert waste is small.graph.edges[CCB3F, "waste_collection", "HOLDS"]


def test_competence_hierarchy(small):
    assert small.competence_parent == {
        "bus_transport": "public_transport",
        "public_transport": "mobility",
    }
    assert small.competence_children == {
        "mobility": ["public_transport"],
        "public_transport": ["bus_transport"],
    }
    assert small.narrower("mobility") == {"mobility", "public_transport", "bus_transport"}
    assert small.narrower("bus_transport") == {"bus_transport"}
    assert small.narrower("mobility") is small.narrower("mobility")  # memoised
    assert small.ancestors("bus_transport") == ["public_transport", "mobility"]
    assert small.ancestors("mobility") == []


def test_competence_kin_along_the_hierarchy_or_by_cofog_division(small):
    transport = {"bus_transport", "mobility", "public_transport"}  # COFOG 04.5, 04.5, 04.5.1
    assert small.kin == {
        **{c: transport - {c} for c in transport},
        "tourism_promotion": set(),
        "waste_collection": set(),
    }
    assert small.cofog_kin == {  # division 04, not along the hierarchy
        **{c: {"tourism_promotion"} for c in transport},
        "tourism_promotion": transport,
        "waste_collection": set(),  # division 05: alone
    }
    # a sibling is kin too
    H = small.graph.copy()
    H.add_node("rail_transport", label="Competence", cofog="04.5.2", name_en="Rail")
    H.add_edge("rail_transport", "public_transport", key="BROADER", type="BROADER")
    edited = Study(H)
    assert edited.kin["rail_transport"] == transport
    assert "rail_transport" in edited.kin["bus_transport"]
    assert edited.cofog_kin["rail_transport"] == {"tourism_promotion"}


def test_themes(small):
    assert small.theme_competences == {
        "environment_mobility": {
            "bus_transport",
            "mobility",
            "public_transport",
            "waste_collection",
        },
        "tourism_attractiveness": {"tourism_promotion"},
    }
    # every node in a theme (competences and initiatives), its themes sorted
    assert small.themes_of == {
        "bus_transport": ["environment_mobility"],
        "mobility": ["environment_mobility"],
        "public_transport": ["environment_mobility"],
        "tourism_promotion": ["tourism_attractiveness"],
        "waste_collection": ["environment_mobility"],
        "xb-moselle3-trail": ["tourism_attractiveness"],
    }


def test_themes_of_a_node_are_sorted(small):
    H = small.graph.copy()
    H.add_edge("tourism_promotion", "environment_mobility", key="IN_THEME", type="IN_THEME")
    edited = Study(H)
    assert edited.themes_of["tourism_promotion"] == [  # not the order of the edges
        "environment_mobility",
        "tourism_attractiveness",
    ]
    assert "tourism_promotion" in edited.theme_competences["environment_mobility"]


def test_actor_names_are_normalised_with_the_id_last(small):
    assert small.actor_names["lu-schengen"] == [
        "commune de schengen",
        "gemeinde schengen",
        "lu schengen",
    ]
    assert small.actor_names[CCB3F] == [
        "communaute de communes bouzonvillois trois frontieres",
        "fr cc bouzonvillois trois frontieres",
    ]
    assert small.actor_names["lu-government"][1] == "regierung des grossherzogtums luxemburg"
    assert set(small.actor_names) == set(small.actors)


def test_countries_of_a_node_and_cross_border_pairs(small):
    assert small.countries_of("de-perl") == ("DE",)
    assert small.countries_of("xb-moselle3-trail") == ("FR", "DE", "LU")
    assert small.countries_of("mobility") == ()  # a competence has no country
    assert small.single_country("t-lu-schengen") == "LU"
    assert small.single_country("xb-moselle3-trail") is None
    assert small.single_country("mobility") is None
    assert small.is_cross_border("fr-apach", "de-perl")
    assert not small.is_cross_border("fr-apach", CCB3F)
    assert small.is_cross_border("de-perl", "xb-moselle3-trail")  # the body spans several


def test_population_of_the_served_territories(small):
    assert small.population("de-perl") == 8992
    assert small.population("fr-apach") == 1071
    assert small.population("lu-schengen") is None  # no figure in the data
    assert small.population("mobility") is None  # serves nothing


def test_node_reads_the_attributes(small):
    assert small.node("t-fr-apach")["population"] == 1071
    assert small.node("de-perl")["name"] == "Gemeinde Perl"
    with pytest.raises(FrozenGraphError, match=FROZEN):
        small.node("de-perl")["name"] = "Perl"


def test_ties_are_the_cooperation_network(small):
    T = small.ties
    assert sorted(T.nodes) == [*small.actors, "xb-moselle3-trail"]
    assert sorted((*sorted(e), d["type"]) for *e, d in T.edges(data=True)) == [
        ("de-perl", "xb-moselle3-trail", "PARTICIPATES_IN"),
        ("fr-apach", CCB3F, "MEMBER_OF"),
    ]
    assert T.edges["fr-apach", CCB3F]["source"] == APACH_SOURCE
    assert not any(d["type"] == "BORDERS" for *_, d in T.edges(data=True))  # no tie
    assert small.ties is T  # built once
    assert nx.is_frozen(T)


def test_an_initiative_without_ties_is_in_the_network(small):
    H = small.graph.copy()
    H.add_node("xb-forum", label="Initiative", name="Forum", kind="forum", countries=["FR", "LU"])
    T = Study(H).ties
    assert "xb-forum" in T and T.degree("xb-forum") == 0


def test_names_of_lists_name_then_each_language():
    assert names_of({"name": "Schengen", "name_en": "Schengen (en)", "name_de": "Schengen"}) == [
        "Schengen",
        "Schengen",
        "Schengen (en)",
    ]
    assert names_of({"name_fr": "Apach", "name_lb": ""}) == ["Apach"]
    assert names_of({}) == []


# --------------------------------------------------------------------------- loading


def test_load_study_reads_the_bundled_dataset_by_default():
    study = load_study()
    assert study.name == "three-borders"
    assert study.territory_of["de-perl"] == ["t-de-perl"]
    assert nx.is_frozen(study.graph)
    assert govgraph.load_study().name == "three-borders"
    assert not nx.is_frozen(govgraph.load_graph())  # load_graph stays a plain graph


def test_load_study_of_a_folder(minimal, reference):
    study = load_study(minimal, reference=reference)
    assert study.name == "minimal"
    assert study.countries == ["DE", "FR", "LU"]


# --------------------------------------------------------------------------- frozen graph


def _set_node_attribute(G):
    G.nodes["fr-apach"]["countries"] = ["NL"]


def _delete_node_attribute(G):
    del G.nodes["fr-apach"]["countries"]


def _update_node_attributes(G):
    G.nodes["fr-apach"].update(countries=["NL"])


def _merge_node_attributes(G):
    attrs = G.nodes["fr-apach"]
    attrs |= {"countries": ["NL"]}


def _set_node_attributes(G):
    nx.set_node_attributes(G, {"fr-apach": "NL"}, "countries")


def _retype_edge(G):
    G.edges["fr-apach", "t-fr-apach", "GOVERNS"]["type"] = "MEMBER_OF"


def _retype_edge_through_adjacency(G):
    G.adj["t-fr-apach"]["t-de-perl"]["BORDERS"]["type"] = "PART_OF"


def _retype_edge_from_its_end(G):
    G.pred["t-fr-apach"]["fr-apach"]["GOVERNS"]["type"] = "MEMBER_OF"


def _rename_graph(G):
    G.graph["name"] = "renamed"


def _rename_through_property(G):
    G.name = "renamed"


def _clear_graph_attributes(G):
    G.graph.clear()


EDITS = {
    "add_node": lambda G: G.add_node("x", label="Actor"),
    "add_nodes_from": lambda G: G.add_nodes_from(["x", "y"]),
    "add_edge": lambda G: G.add_edge("fr-apach", "de-perl", key="COOPERATES_WITH"),
    "add_edges_from": lambda G: G.add_edges_from([("fr-apach", "de-perl")]),
    "add_weighted_edges_from": lambda G: G.add_weighted_edges_from([("fr-apach", "de-perl", 1)]),
    "remove_node": lambda G: G.remove_node("fr-apach"),
    "remove_nodes_from": lambda G: G.remove_nodes_from(["fr-apach"]),
    "remove_edge": lambda G: G.remove_edge("fr-apach", "t-fr-apach", "GOVERNS"),
    "remove_edges_from": lambda G: G.remove_edges_from([("fr-apach", "t-fr-apach", "GOVERNS")]),
    "clear": lambda G: G.clear(),
    "clear_edges": lambda G: G.clear_edges(),
    "update": lambda G: G.update(nodes=["x"]),
    "relabel_nodes in place": lambda G: nx.relabel_nodes(G, {"de-perl": "de-p"}, copy=False),
    "set a node attribute": _set_node_attribute,
    "delete a node attribute": _delete_node_attribute,
    "update node attributes": _update_node_attributes,
    "merge node attributes": _merge_node_attributes,
    "nx.set_node_attributes": _set_node_attributes,
    "retype an edge": _retype_edge,
    "retype an edge through the adjacency": _retype_edge_through_adjacency,
    "retype an edge from its end": _retype_edge_from_its_end,
    "set a graph attribute": _rename_graph,
    "set the graph name": _rename_through_property,
    "clear the graph attributes": _clear_graph_attributes,
}


BULK_EDITS = {
    "add_nodes_from": ("x",),
    "remove_nodes_from": ("fr-apach",),
    "add_edges_from": ("x", "y"),
    "add_weighted_edges_from": ("x", "y", 1.0),
    "remove_edges_from": ("fr-apach", "t-fr-apach", "GOVERNS"),
}


@pytest.mark.parametrize(("method", "item"), BULK_EDITS.items(), ids=BULK_EDITS.keys())
def test_a_bulk_edit_is_refused_before_it_reads_anything(small, method, item):
    read = []

    def items():
        read.append(item)
        yield item

    with pytest.raises(FrozenGraphError, match=FROZEN):
        getattr(small.graph, method)(items())
    assert read == []
    with pytest.raises(FrozenGraphError, match=FROZEN):
        small.graph.update(edges=items())
    assert read == []


def _plain(attrs):
    """Attributes with list values as lists (a frozen graph keeps them as tuples)."""
    return sorted((k, list(v) if isinstance(v, tuple) else v) for k, v in attrs.items())


def _snapshot(G):
    return (
        _plain(G.graph),
        sorted((n, _plain(d)) for n, d in G.nodes(data=True)),
        sorted((u, v, k, _plain(d)) for u, v, k, d in G.edges(keys=True, data=True)),
    )


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_every_in_place_edit_is_refused_and_changes_nothing(small, edit):
    before = _snapshot(small.graph)
    countries, serves = list(small.countries), dict(small.serves)
    with pytest.raises(FrozenGraphError, match=FROZEN):
        edit(small.graph)
    assert _snapshot(small.graph) == before
    assert small.countries == countries and small.serves == serves


def test_the_refusal_is_a_govgraph_error_and_the_graph_says_it_is_frozen(small):
    assert issubclass(FrozenGraphError, GovgraphError)  # reported as a user error, not a bug
    assert nx.is_frozen(small.graph)
    # reading is untouched; lists are kept as tuples, so they can't change either
    assert small.graph.nodes["fr-apach"]["countries"] == ("FR",)
    with pytest.raises(AttributeError):
        small.graph.nodes["fr-apach"]["countries"].append("NL")
    assert dict(small.graph.graph)["name"] == "minimal"


def test_freezing_twice_and_a_second_study_of_the_same_graph(small):
    G = small.graph
    assert freeze(G) is G
    again = Study(G)
    assert again.graph is G
    assert again.serves == small.serves and again.countries == small.countries
    with pytest.raises(FrozenGraphError, match=FROZEN):
        G.add_node("x")


def test_freeze_a_plain_graph_in_place():
    G = nx.MultiDiGraph([(1, 2)], name="g")
    G.nodes[1]["label"] = "Actor"
    assert freeze(G) is G
    for edit in (
        lambda: G.add_edge(2, 1),
        lambda: G.edges[1, 2, 0].update(type="X"),
        lambda: G.nodes[1].pop("label"),
        lambda: G.nodes[1].setdefault("kind", "x"),
        lambda: G.nodes[1].popitem(),
        lambda: G.graph.pop("name"),
    ):
        with pytest.raises(FrozenGraphError, match=FROZEN):
            edit()
    assert G.nodes[1] == {"label": "Actor"} and G.graph == {"name": "g"}


# --------------------------------------------------------------------------- copies


def _is_plain_and_editable(H) -> None:
    """``H`` takes every kind of edit, as a plain networkx graph does."""
    H.graph["name"] = "edited"
    H.nodes["fr-apach"]["countries"] = ["NL"]
    H.edges["fr-apach", "t-fr-apach", "GOVERNS"]["source"] = "https://example.org"
    H.add_node("x", label="Actor", countries=["NL"])
    H.add_edge("x", "fr-apach", key="COOPERATES_WITH", type="COOPERATES_WITH")
    H.remove_edge("t-fr-apach", "t-de-perl", "BORDERS")
    nx.relabel_nodes(H, {"de-perl": "de-p"}, copy=False)
    H.remove_node("lu-schengen")
    assert H.graph["name"] == "edited"
    assert H.nodes["fr-apach"]["countries"] == ["NL"]
    assert "de-p" in H and "de-perl" not in H and "lu-schengen" not in H
    assert not nx.is_frozen(H)


def _unchanged(study: Study) -> None:
    G = study.graph
    assert nx.is_frozen(G)
    assert G.graph["name"] == "minimal"
    assert G.nodes["fr-apach"]["countries"] == ("FR",)
    assert G.edges["fr-apach", "t-fr-apach", "GOVERNS"]["source"] == APACH_SOURCE
    assert "x" not in G and "de-perl" in G and "lu-schengen" in G
    assert G.has_edge("t-fr-apach", "t-de-perl", "BORDERS")
    with pytest.raises(FrozenGraphError, match=FROZEN):
        G.add_node("y")


def test_graph_attribute_dicts_copy_to_plain_dicts(small):
    for attrs in (
        small.graph.graph,
        small.node("fr-apach"),
        small.holdings[CCB3F]["waste_collection"],
    ):
        for plain in (attrs.copy(), copy.copy(attrs), copy.deepcopy(attrs)):
            assert type(plain) is dict and _plain(plain) == _plain(attrs)
            assert not any(isinstance(v, tuple) for v in plain.values())  # lists again
            plain["x"] = 1  # editable
        assert type(dict(attrs)) is dict
        assert type(pickle.loads(pickle.dumps(attrs))) is dict
        assert "x" not in attrs


@pytest.mark.parametrize(
    "make_copy",
    [
        pytest.param(lambda G: G.copy(), id="G.copy()"),
        pytest.param(copy.deepcopy, id="copy.deepcopy"),
        pytest.param(lambda G: pickle.loads(pickle.dumps(G)), id="pickle"),
    ],
)
def test_every_copy_of_a_study_s_graph_is_plain_and_editable(small, make_copy):
    H = make_copy(small.graph)
    assert H is not small.graph and type(H) is nx.MultiDiGraph
    assert _snapshot(H) == _snapshot(small.graph)
    _is_plain_and_editable(H)
    _unchanged(small)


@pytest.mark.parametrize(
    "make_copy",
    [copy.deepcopy, lambda G: pickle.loads(pickle.dumps(G))],
    ids=["copy.deepcopy", "pickle"],
)
def test_deep_copies_have_plain_attribute_dicts(small, make_copy):
    H = make_copy(small.graph)
    assert type(H.graph) is dict
    assert all(type(d) is dict for _, d in H.nodes(data=True))
    assert all(type(d) is dict for *_, d in H.edges(data=True))
    u, v, k = "fr-apach", "t-fr-apach", "GOVERNS"
    assert H.succ[u][v][k] is H.pred[v][u][k]  # one dict per edge, as networkx keeps it
    H.nodes["fr-apach"]["countries"] = ["NL"]
    H.edges[u, v, k]["source"] = "https://example.org"
    assert H.pred[v][u][k]["source"] == "https://example.org"
    _unchanged(small)


def test_a_deep_copy_makes_a_correct_new_study(small):
    H = pickle.loads(pickle.dumps(small.graph))
    H.nodes["lu-schengen"]["countries"] = ["NL"]
    assert Study(H).countries == ["DE", "FR", "LU", "NL"]
    assert small.countries == ["DE", "FR", "LU"]


# --------------------------------------------------------------------------- an edited copy


def test_moving_actors_to_another_country_in_a_copy(small):
    H = small.graph.copy()
    H.nodes["lu-schengen"]["countries"] = ["NL"]
    moved = Study(H)
    assert moved.countries == ["DE", "FR", "LU", "NL"]
    assert moved.countries_of("lu-schengen") == ("NL",)
    assert moved.is_cross_border("lu-schengen", "lu-government")
    assert small.countries == ["DE", "FR", "LU"]  # the first study is unchanged
    assert not small.is_cross_border("lu-schengen", "lu-government")
    H = small.graph.copy()
    for actor in ("de-perl", "de-lk-merzig-wadern"):
        H.nodes[actor]["countries"] = ["FR"]
    assert Study(H).countries == ["FR", "LU"]


def test_a_relabelled_actor_in_a_copy(small):
    H = nx.relabel_nodes(small.graph, {"de-perl": "de-gemeinde-perl"})
    relabelled = Study(H)
    [perl] = counterparts(relabelled, "fr-apach", countries=["DE"], top=1)
    assert perl["candidate"] == "de-gemeinde-perl"
    assert perl["score"] == counterparts(small, "fr-apach", countries=["DE"], top=1)[0]["score"]
    assert relabelled.territory_of["de-gemeinde-perl"] == ["t-de-perl"]
    assert Area.around(relabelled, "de-gemeinde-perl").distance_to("fr-apach") == 1
    assert Area.around(relabelled, "fr-apach").distance_to("de-gemeinde-perl") == 1
    assert "de-perl" not in relabelled.actors and "de-perl" not in relabelled.serves
    [apach] = counterparts(relabelled, "de-gemeinde-perl", countries=["FR"], top=1)
    assert apach["candidate"] == "fr-apach"
    assert apach["border_path"] == ["t-de-perl → t-fr-apach"]
    assert counterparts(small, "fr-apach", countries=["DE"], top=1)[0]["candidate"] == "de-perl"


def test_a_relabelled_territory_in_a_copy_edited_in_place(small):
    H = small.graph.copy()
    nx.relabel_nodes(H, {"t-fr-apach": "t-fr-57026"}, copy=False)
    relabelled = Study(H)
    assert relabelled.territory_of["fr-apach"] == ["t-fr-57026"]
    assert relabelled.borders["t-de-perl"] == [("t-fr-57026", APACH_SOURCE)]
    area = Area.around(relabelled, "fr-apach")
    assert area.distance["t-fr-57026"] == 0 and area.distance["t-de-perl"] == 1
    assert area.path_to("t-de-perl") == [("t-fr-57026", "t-de-perl", APACH_SOURCE)]
    assert "t-fr-apach" in small.borders["t-de-perl"][0]


def test_new_facts_in_a_copy(small):
    H = small.graph.copy()
    H.add_edge("t-de-perl", "t-lu-schengen", key="BORDERS", type="BORDERS", source="s")
    H.add_edge(
        "lu-schengen",
        "waste_collection",
        key="HOLDS",
        type="HOLDS",
        role="shared",
        provenance="asserted",
        source="s",
    )
    H.add_edge("lu-schengen", "de-perl", key="COOPERATES_WITH", type="COOPERATES_WITH")
    edited = Study(H)
    assert ("t-lu-schengen", "s") in edited.borders["t-de-perl"]
    assert edited.holdings["lu-schengen"]["waste_collection"]["role"] == "shared"
    assert edited.ties.has_edge("de-perl", "lu-schengen")
    assert Area.around(edited, "de-perl", max_distance=1).distance_to("lu-schengen") == 1
    # none of it reached the first study
    assert Area.around(small, "de-perl", max_distance=1).distance_to("lu-schengen") is None
    assert "lu-schengen" not in small.holdings
    assert not small.ties.has_edge("de-perl", "lu-schengen")


def test_subdivisions_of_actors_and_territories():
    """A territory is in the ISO 3166-2 subdivisions that contain it, an actor in its own and
    in those of the territories it serves; a State that spans its Länder is in none."""
    study = load_study()
    assert study.subdivisions_of["t-de-palzem"] == ("DE-RP",)
    assert study.subdivisions_of["de-palzem"] == ("DE-RP",)
    assert study.subdivisions_of["de-saarland"] == ("DE-SL",)
    assert "de-bund" not in study.subdivisions_of
    assert {"DE-RP", "DE-SL"} <= set(study.subdivisions)
    assert study.in_side("de-perl", "DE") and study.in_side("de-perl", "DE-SL")
    assert not study.in_side("de-perl", "DE-RP")


def test_a_study_is_of_one_day():
    """A body, holding or tie not valid on the day is left out; by default the day is the
    dataset's date; every fact stays in a study of the plain graph."""
    from govgraph.study import check_day, valid_on

    G = govgraph.load_graph()
    assert load_study().as_of == G.graph["date"]
    before = load_study(as_of="2023-11-16")
    after = load_study(as_of="2024-01-01")
    assert (
        "lu-ministere-interieur" in before.actors and "lu-ministere-interieur" not in after.actors
    )
    assert "lu-ministere-affaires-interieures" in after.actors
    assert "lu-ministere-affaires-interieures" not in before.actors
    # communes merged into Schengen on 1 Jan 2012: live in 2011 only
    assert "lu-wellenstein" in load_study(as_of="2011-06-30").actors
    assert "lu-wellenstein" not in after.actors and "lu-schengen" in after.actors

    # a relationship's own dates count: the EVS collected Mettlach's waste until 2010
    # and again from 2025
    def collects_for(study, body):
        return {
            h for h, d in study.exercises.get(body, []) if d["competence"] == "waste_collection"
        }

    assert "de-mettlach" in collects_for(load_study(as_of="2005-01-01"), "de-evs")
    assert "de-mettlach" not in collects_for(load_study(as_of="2015-01-01"), "de-evs")
    assert "de-mettlach" in collects_for(load_study(as_of="2025-06-01"), "de-evs")
    assert "lu-ministere-interieur" in Study(G).actors and Study(G).as_of is None
    assert valid_on(G, "2024-01-01").graph["as_of"] == "2024-01-01"
    with pytest.raises(GovgraphError, match="'2024-13-01' is not a day: write YYYY-MM-DD"):
        check_day("2024-13-01")
    with pytest.raises(GovgraphError, match="'2024' is not a day"):
        load_study(as_of="2024")


@pytest.mark.parametrize(("stated", "day"), [("2024-02", "2024-02-29"), ("2025", "2025-12-31")])
def test_a_dataset_dated_by_month_or_year_is_read_as_of_its_last_day(minimal, stated, day):
    import json

    manifest = json.loads((minimal / "manifest.json").read_text(encoding="utf-8"))
    manifest["date"] = stated
    (minimal / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert load_study(minimal).as_of == day


# --------------------------------------------------------------------------- a federal border


def test_an_actor_serves_every_territory_it_names(federal):
    served = ["t-be-kortrijk", "t-be-menen", "t-be-mouscron", "t-fr-mel"]
    assert federal.territory_of["xb-eurometropole"] == served
    assert federal.serves["xb-eurometropole"] == served
    assert all("xb-eurometropole" in federal.actors_in[t] for t in served)
    assert federal.subdivisions_of["xb-eurometropole"] == ("BE-VLG", "BE-WAL")


def test_a_community_serving_two_regions_is_in_both(federal):
    community = "be-federation-wallonie-bruxelles"
    assert federal.territory_of[community] == ["t-be-bru", "t-be-wal"]
    assert federal.subdivisions_of[community] == ("BE-BRU", "BE-WAL")
    assert federal.in_side(community, "BE-WAL") and federal.in_side(community, "BE-BRU")
    assert not federal.in_side(community, "BE-VLG")
    assert federal.subdivisions == ["BE-BRU", "BE-VLG", "BE-WAL"]


def test_a_body_without_a_territory_serves_its_members(federal):
    assert "be-leiedal" not in federal.territory_of
    assert federal.serves["be-leiedal"] == ["t-be-kortrijk", "t-be-menen"]
    assert federal.subdivisions_of["be-leiedal"] == ("BE-VLG",)


def test_a_dissolved_body_is_there_only_on_a_day_it_existed(federal):
    from conftest import FEDERAL

    npdc = "fr-region-nord-pas-de-calais"
    assert npdc not in federal.actors and "fr-region-hauts-de-france" in federal.actors
    then = load_study(FEDERAL, as_of="2010-06-01")
    assert npdc in then.actors and "fr-region-hauts-de-france" not in then.actors
    assert then.graph.has_edge(npdc, "xb-eurometropole", "MEMBER_OF")


def test_former_names_are_read_in_order_with_their_facts(federal):
    [former] = federal.former_names["fr-ilevia"]
    assert former == {
        "name": "Transpole",
        "language": "fr",
        "valid_to": "2019",
        "source": "https://fr.wikipedia.org/wiki/Il%C3%A9via",
        "confidence": "medium",
        "note": "The network's name until 2019.",
    }
    assert federal.name_index["transpole"] == ["fr-ilevia"]
    assert federal.node("fr-ilevia")["former_names"] == ("Transpole",)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("health", ["health"]),  # the id
        ("Santé", ["health"]),  # a whole name, accents and case aside
        ("sante", ["health"]),
        ("Promotion du tourisme", ["tourism_promotion"]),
        ("Gesundheit", ["health"]),
        ("tourism", ["tourism_promotion"]),  # a word of a name
        ("déchets", ["waste_management"]),  # the broadest of the names holding it
        ("waste", ["waste_management"]),  # a whole word before a word beginning (wastewater)
        ("atlantis", []),
    ],
)
def test_a_competence_is_found_by_any_of_its_names(text, found):
    from govgraph.study import load_study

    assert load_study().find_competence(text) == found
