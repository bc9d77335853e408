"""The governance map page, checked in real headless Chromium: it reads at first sight on a
1920×1080 screen, lights the holders of a competence, opens an actor's panel, exports to PNG and
PDF, stays offline and runs no script from the data."""

from __future__ import annotations

import re
import shutil
import struct
from pathlib import Path

import pytest
from browser import open_page, require_chromium
from click.testing import CliRunner
from conftest import MINIMAL, read_rows, write_rows
from test_network import HOSTILE

import govgraph
from govgraph.analysis.governance_map import governance_map
from govgraph.cli import main
from govgraph.errors import GovgraphError
from govgraph.render.map_page import render_map, write_map
from govgraph.render.words import side_name

CCB3F = "fr-cc-bouzonvillois-trois-frontieres"
SCREEN = (1920, 1080)
#: every box, the size of its label and of the box itself, and whether two boxes overlap
LAYOUT = """() => {
  const boxes = [...document.querySelectorAll('#map .box')].map(b => {
    const r = b.getBoundingClientRect(), l = b.querySelector('.label');
    return {id: b.dataset.id, x: r.left, y: r.top, w: r.width, h: r.height,
            clipped: b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1,
            text: l.textContent, visible: getComputedStyle(l).visibility === 'visible'};
  });
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    const apart = a.x >= b.x + b.w - 0.5 || b.x >= a.x + a.w - 0.5
      || a.y >= b.y + b.h - 0.5 || b.y >= a.y + a.h - 0.5;
    if (!apart) overlaps.push([a.id, b.id]);
  }
  return {boxes, overlaps, bottom: document.getElementById('map').getBoundingClientRect().bottom};
}"""


@pytest.fixture(scope="module")
def study():
    return govgraph.load_study()


@pytest.fixture(scope="module")
def page(study, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("map") / "map.html"
    write_map(study, governance_map(study, around="CC Bouzonvillois"), out)
    return out


# ------------------------------------------------------------------ without a browser


def test_the_page_is_offline_and_in_the_chosen_language(study):
    plan = governance_map(study, around="Apach")
    english, french, german = (render_map(study, plan, lang) for lang in ("en", "fr", "de"))
    assert "Content-Security-Policy" in english
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=\"?https?:", english)
    assert "Governance map" in english and "How to read this map" in english
    assert "Carte de la gouvernance" in french and ">Intercommunal<" in french
    assert "Governance-Karte" in german and ">Kommunal<" in german
    assert "Ramassage" in french or "Collecte" in french  # the catalogue's French names
    assert side_name("DE-RP", "de") == "Rheinland-Pfalz (DE)"
    with pytest.raises(GovgraphError, match="unknown language 'it'"):
        render_map(study, plan, "it")


def test_cli_map_writes_the_page_and_refuses_bad_input(tmp_path):
    runner = CliRunner()
    out = tmp_path / "map.html"
    result = runner.invoke(main, ["map", "--around", "Apach", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "actors in" in result.output and out.stat().st_size > 10_000
    again = runner.invoke(main, ["map", "--around", "Apach", "--out", str(out)])
    assert again.exit_code != 0 and "already exists" in again.output
    bad = runner.invoke(main, ["map", "--countries", "FR,XX", "--out", str(tmp_path / "b.html")])
    assert bad.exit_code != 0 and "no actor in country or subdivision 'XX'" in bad.output
    assert "Traceback" not in bad.output and not (tmp_path / "b.html").exists()


def test_exports_need_chromium_and_say_so(study, tmp_path, monkeypatch):
    monkeypatch.setenv("GOVGRAPH_CHROMIUM", "")
    monkeypatch.setenv("PATH", str(tmp_path))
    plan = governance_map(study, countries=["LU"])
    with pytest.raises(GovgraphError, match="PNG and PDF exports need headless Chromium"):
        write_map(study, plan, tmp_path / "map.png", fmt="png")
    assert not (tmp_path / "map.png").exists()


# ------------------------------------------------------------------ in Chromium


@pytest.mark.browser
def test_every_box_is_labelled_none_overlap_and_the_map_fits_the_screen(page):
    with open_page(page, viewport=SCREEN) as visit:
        visit.wait_for("document.body.dataset.ready")
        layout = visit.js(LAYOUT)
        assert len(layout["boxes"]) > 150
        assert all(b["text"] and b["visible"] and b["w"] > 10 for b in layout["boxes"])
        assert [b["id"] for b in layout["boxes"] if b["clipped"]] == []
        assert layout["overlaps"] == []
        assert layout["bottom"] <= SCREEN[1]  # the whole grid on one screen
        assert visit.js("document.querySelectorAll('#links line').length") >= 4
        assert visit.external_requests == [] and visit.errors == []
        visit.page.screenshot(path=str(page.with_name("screen.png")))


@pytest.mark.browser
def test_choosing_a_competence_lights_its_holders_and_dims_the_rest(page):
    with open_page(page, viewport=SCREEN) as visit:
        visit.wait_for("document.body.dataset.ready")
        assert visit.js("document.querySelectorAll('#map .box.dim').length") == 0
        visit.page.select_option("#competence", "waste_collection")
        classes = visit.js(
            "Object.fromEntries([...document.querySelectorAll('#map .box')]"
            ".map(b => [b.dataset.id, b.className]))"
        )
        assert "operational" in classes["de-evs"] and "operational" in classes[CCB3F]
        assert "dim" in classes["lu-police"]
        opacity = visit.js(
            "getComputedStyle(document.querySelector('.box[data-id=\"lu-police\"]')).opacity"
        )
        assert float(opacity) < 0.5
        visit.page.select_option("#competence", "")
        assert visit.js("document.querySelectorAll('#map .box.dim').length") == 0


@pytest.mark.browser
def test_clicking_a_box_opens_its_panel(page):
    with open_page(page, viewport=SCREEN) as visit:
        visit.wait_for("document.body.dataset.ready")
        assert not visit.js("document.getElementById('panel').classList.contains('open')")
        visit.page.click('.box[data-id="lu-atp"]')
        assert visit.js("document.getElementById('panel').classList.contains('open')")
        text = visit.js("document.getElementById('panel-body').textContent")
        assert "Administration des transports publics" in text
        assert "exercises for" in text and "Gouvernement du Grand-Duché" in text
        assert "transports.public.lu" in text  # the row's source
        visit.page.click("#close")
        assert not visit.js("document.getElementById('panel').classList.contains('open')")


@pytest.mark.browser
def test_names_from_the_data_run_no_script(tmp_path):
    folder = tmp_path / "hostile"
    shutil.copytree(MINIMAL, folder)
    actors = read_rows(folder / "actors.csv")
    for row, text in zip(actors, HOSTILE, strict=False):
        row["name"] = text
        row["note"] = text
    write_rows(folder / "actors.csv", actors)
    study = govgraph.load_study(folder)
    out = tmp_path / "map.html"
    write_map(study, governance_map(study, around="fr-cc-bouzonvillois-trois-frontieres"), out)
    with open_page(out, viewport=SCREEN) as visit:
        visit.wait_for("document.body.dataset.ready")
        for box in visit.js("[...document.querySelectorAll('#map .box')].map(b => b.dataset.id)"):
            visit.page.click(f'.box[data-id="{box}"]')
        assert visit.js("window.pwned") is None
        assert HOSTILE[1] in visit.js("document.getElementById('map').textContent")  # as text
        visit.page.click('.box[data-id="fr-apach"]')
        assert HOSTILE[0] in visit.js("document.getElementById('panel-body').textContent")


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.browser
def test_png_and_pdf_exports(study, tmp_path):
    require_chromium()
    plan = governance_map(study, around="CC Bouzonvillois")
    png = tmp_path / "map.png"
    write_map(study, plan, png, fmt="png", lang="fr")
    assert _png_size(png) == SCREEN and png.stat().st_size > 50_000
    pdf = tmp_path / "map.pdf"
    write_map(study, plan, pdf, fmt="pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and pdf.stat().st_size > 20_000
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) == 1  # one sheet
    width, height = (float(v) for v in re.search(
        rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", data).groups())  # fmt: skip
    assert abs(width - 1190.55) < 2 and abs(height - 841.89) < 2  # A3 landscape, in points
