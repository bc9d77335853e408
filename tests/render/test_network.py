"""The network page and the report: built right, offline, safe, usable — checked in Chromium."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from browser import open_page
from conftest import MINIMAL, read_rows, write_rows

import govgraph
from govgraph.files import OutputExistsError
from govgraph.errors import GovgraphError
from govgraph.render import network as gghtml
from govgraph.render.network import _safe_json, build_network, select_nodes, write_network_html
from govgraph.render.report import write_report

CCB3F = "fr-cc-bouzonvillois-trois-frontieres"
HOSTILE_TITLE = '</title><script>window.pwned = "title"</script>'
HOSTILE = [
    '<script>window.pwned = "script"</script>',
    '"><img src=x onerror="window.pwned = \'img\'">',
    "javascript:window.pwned = 'js'",
    '<a href="javascript:window.pwned=1">href</a>',
]


@pytest.fixture(scope="module")
def G():
    return govgraph.load_graph()


@pytest.fixture(scope="module")
def bundled_page(G, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html") / "network.html"
    write_network_html(G, out, counterparts_of=CCB3F, gaps=True)
    return out


@pytest.fixture(scope="module")
def hostile_graph(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "hostile"
    shutil.copytree(MINIMAL, folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["title"] = HOSTILE_TITLE
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    actors = read_rows(folder / "actors.csv")
    for row, text in zip(actors, HOSTILE, strict=False):
        row["name"] = text
        row["note"] = text + " href"
    write_rows(folder / "actors.csv", actors)
    relations = read_rows(folder / "relations.csv")
    relations[0]["role"] = HOSTILE[1]
    write_rows(folder / "relations.csv", relations)
    return govgraph.load_graph(folder)


# ------------------------------------------------------------------ without a browser


def test_json_in_a_script_cannot_close_it():
    text = _safe_json({"name": "</script><script>alert(1)</script>", "x": "a & b\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script>", "x": "a & b\u2028"}


def test_page_has_no_external_reference(bundled_page):
    text = bundled_page.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=\"?https?:", text)
    assert "Content-Security-Policy" in text


def test_filters_select_nodes(G):
    everything = select_nodes(G)
    french = select_nodes(G, country=["FR"])
    assert french < everything
    assert all("FR" in G.nodes[n]["countries"] for n in french)
    ego = select_nodes(G, ego="fr-bouzonville", depth=1)
    assert "de-rehlingen-siersburg" in ego and "fr-bouzonville" in ego
    assert all(
        n == "fr-bouzonville" or G.has_edge("fr-bouzonville", n) or G.has_edge(n, "fr-bouzonville")
        for n in ego
    )
    themed = select_nodes(G, theme="tourism_attractiveness")
    assert "xb-moselle3-trail" in themed and "lu-police" not in themed
    with pytest.raises(GovgraphError, match="no actor in country 'IT'"):
        select_nodes(G, country=["IT"])


def test_large_views_get_a_precomputed_layout_and_huge_ones_are_refused(G, monkeypatch):
    monkeypatch.setattr(gghtml, "PHYSICS_LIMIT", 10)
    network = build_network(G, select_nodes(G, country=["LU"]))
    assert network["physics"] is False
    assert all("x" in n and n["physics"] is False for n in network["nodes"])
    monkeypatch.setattr(gghtml, "MAX_NODES", 10)
    with pytest.raises(GovgraphError, match="more than a browser can draw in one page"):
        build_network(G, select_nodes(G))


def test_counterparts_and_gaps_overlays(G):
    network = build_network(G, select_nodes(G, country=["FR"]), counterparts_of=CCB3F, gaps=True)
    relations = {e["relation"] for e in network["edges"]}
    assert {"COUNTERPART", "LEVEL_MISMATCH"} <= relations
    ids = {n["id"] for n in network["nodes"]}
    assert "de-vg-saarburg-kell" in ids  # a counterpart across the border is pulled in


def test_existing_output_is_kept_without_force(G, tmp_path):
    out = tmp_path / "n.html"
    out.write_text("mine", encoding="utf-8")
    with pytest.raises(OutputExistsError):
        write_network_html(G, out)
    with pytest.raises(OutputExistsError):
        write_report(G, out)
    assert out.read_text(encoding="utf-8") == "mine"


def test_hostile_text_is_escaped_in_the_source(hostile_graph, tmp_path):
    out = tmp_path / "hostile.html"
    write_network_html(hostile_graph, out)
    text = out.read_text(encoding="utf-8")
    assert "<script>window.pwned" not in text and "<img src=x" not in text
    assert "&lt;/title&gt;&lt;script&gt;" in text  # the heading, escaped


# ------------------------------------------------------------------ in Chromium


@pytest.mark.browser
def test_network_page_works_offline(bundled_page, G):
    with open_page(bundled_page) as visit:
        seconds = visit.wait_for("() => !!(window.govgraph && window.govgraph.stable)")
        assert seconds < 30
        assert visit.external_requests == [] and visit.failed_requests == []
        assert visit.errors == []
        assert visit.js("() => document.querySelector('#network canvas').width") > 0
        count = visit.js("() => window.govgraph.nodes.length")
        assert count == len(select_nodes(G) | {CCB3F})
        legend = visit.js("() => document.getElementById('legend').textContent")
        assert "Colour = country" in legend and "Size = degree centrality" in legend
        assert "counterpart (ranked)" in legend


@pytest.mark.browser
def test_a_filter_really_hides_nodes(bundled_page):
    with open_page(bundled_page) as visit:
        visit.wait_for("() => !!(window.govgraph && window.govgraph.stable)")
        french_only = visit.js(
            "() => window.govgraph.nodes.get().filter(n => n.countries.length === 1 && "
            "n.countries[0] === 'FR').length"
        )
        visit.page.click("input[data-filter='country'][value='FR']")
        hidden = visit.js("() => window.govgraph.nodes.get().filter(n => n.hidden).length")
        assert hidden == french_only > 0
        visit.page.click("input[data-filter='country'][value='FR']")
        assert visit.js("() => window.govgraph.nodes.get().filter(n => n.hidden).length") == 0
        visit.page.click("input[data-filter='type'][value='MEMBER_OF']")
        assert visit.js(
            "() => window.govgraph.edges.get().filter(e => e.relation === 'MEMBER_OF')"
            ".every(e => e.hidden)"
        )


@pytest.mark.browser
def test_search_focuses_an_actor_by_any_name(bundled_page):
    with open_page(bundled_page) as visit:
        visit.wait_for("() => !!(window.govgraph && window.govgraph.stable)")
        visit.page.fill("#search", "busendorf")  # Bouzonville's German name
        visit.wait_for("() => window.govgraph.focused === 'fr-bouzonville'")
        assert visit.js("() => window.govgraph.network.getSelectedNodes()") == ["fr-bouzonville"]
        assert "Bouzonville" in visit.js("() => document.getElementById('found').textContent")


@pytest.mark.browser
def test_hostile_names_run_no_script(hostile_graph, tmp_path):
    out = tmp_path / "hostile.html"
    write_network_html(hostile_graph, out)
    with open_page(out) as visit:
        visit.wait_for("() => !!(window.govgraph && window.govgraph.stable)")
        node = "fr-apach"
        x, y = visit.js(
            f"() => {{ const n = window.govgraph.network; const p = n.getPositions(['{node}'])"
            f"['{node}']; const d = n.canvasToDOM(p); const r = document.querySelector("
            "'#network canvas').getBoundingClientRect(); return [d.x + r.left, d.y + r.top]; }"
        )
        visit.page.mouse.move(x, y)
        visit.wait_for(
            "() => !!document.querySelector('div.vis-tooltip') && "
            "document.querySelector('div.vis-tooltip').style.visibility !== 'hidden'"
        )
        tooltip = visit.js("() => document.querySelector('div.vis-tooltip').textContent")
        assert HOSTILE[0] in tooltip  # shown as text
        assert visit.js("() => document.querySelector('div.vis-tooltip img')") is None
        assert visit.js("() => typeof window.pwned") == "undefined"
        assert visit.js("() => document.title").startswith("</title><script>")
        assert visit.js("() => document.querySelectorAll('script').length") == 2
        assert visit.external_requests == []


@pytest.mark.browser
def test_report_is_offline_complete_and_safe(hostile_graph, G, tmp_path):
    out = tmp_path / "report.html"
    write_report(G, out, around=[CCB3F])
    with open_page(out) as visit:
        visit.wait_for("() => document.querySelectorAll('iframe').length === 3")
        headings = visit.js("() => [...document.querySelectorAll('h2')].map(h => h.textContent)")
        assert headings == [
            "Environment and mobility",
            "Public services and healthcare provision",
            "Tourism and attractiveness",
        ]
        assert visit.js("() => document.querySelectorAll('table').length") >= 6
        visit.page.wait_for_timeout(1500)
        assert visit.external_requests == [] and visit.errors == []
    hostile = tmp_path / "hostile-report.html"
    write_report(hostile_graph, hostile)
    with open_page(hostile) as visit:
        visit.page.wait_for_timeout(1500)
        assert visit.js("() => typeof window.pwned") == "undefined"
        assert visit.js("() => document.getElementById('report-title').textContent").startswith(
            "</title><script>"
        )
        assert visit.external_requests == []


def test_a_large_view_is_laid_out_beforehand(tmp_path):
    # more than PHYSICS_LIMIT nodes, and more than networkx lays out without scipy (500)
    from govgraph.data.synth import write_synthetic

    write_synthetic(tmp_path / "big", actors=1000, seed=2)
    G = govgraph.load_graph(tmp_path / "big")
    info = write_network_html(G, tmp_path / "big.html")
    assert info["nodes"] > 600 and info["physics"] is False
