"""The governance map page: one self-contained, offline, printable HTML file, and its PNG and
PDF exports through headless Chromium.

The page (templates/map.html.j2) draws :func:`~govgraph.analysis.governance_map.governance_map`:
tiers as horizontal bands, sides as columns, every actor a labelled box. Its texts are
HTML-escaped by the template; the data the script reads is JSON made safe to sit inside
``<script>``; the script writes data only through ``textContent``. A Content-Security-Policy
forbids the page from loading anything.

Example:
    >>> import pathlib, tempfile
    >>> from govgraph.study import load_study
    >>> from govgraph.analysis.governance_map import governance_map
    >>> study = load_study()
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "map.html"
    >>> info = write_map(study, governance_map(study, around="Apach"), out, lang="fr")
    >>> info["boxes"] > 50, "Carte de la gouvernance" in out.read_text(encoding="utf-8")
    (True, True)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from govgraph import model
from govgraph.analysis.governance_map import NO_BAND
from govgraph.errors import GovgraphError
from govgraph.files import atomic_file, check_output, write_atomically
from govgraph.render.network import provenance, safe_json, templates
from govgraph.render.words import (
    KIND_NAMES,
    ROLE_NAMES,
    STRINGS,
    TIE_NAMES,
    TIER_NAMES,
    catalogue_name,
    check_language,
    side_name,
)

if TYPE_CHECKING:
    from govgraph.study import Study

__all__ = ["FORMATS", "export_page", "render_map", "write_map"]

FORMATS = ("html", "png", "pdf")
#: The PNG export's size: a 1920×1080 screen.
SCREEN = (1920, 1080)


def render_map(study: Study, plan: dict[str, Any], lang: str = "en") -> str:
    """The whole map page for ``plan`` in ``lang`` (en, fr, de)."""
    check_language(lang)
    words = STRINGS[lang]
    G = study.graph
    federal = {c["id"] for c in plan["columns"]} & {
        c["id"].split("-")[0] for c in plan["columns"] if "-" in c["id"]
    }
    columns = [
        {
            **column,
            "name": side_name(column["id"], lang)
            + (f" ({words['federal']})" if column["id"] in federal else ""),
            "narrow": column["boxes"] <= 4,
        }
        for column in plan["columns"]
    ]
    bands = [
        {"id": b, "name": words["none"] if b == NO_BAND else TIER_NAMES[lang][b]}
        for b in plan["bands"]
    ]
    competence_names = {c: catalogue_name(study, c, lang) for c in plan["competences"]}
    cells: dict[tuple[str, str], list[dict[str, Any]]] = {}
    ranks = {link["to"]: link["rank"] for link in plan["links"]}
    for actor in plan["order"]:
        box = plan["boxes"][actor]
        cells.setdefault((box["band"], box["side"]), []).append(
            {**box, "rank": ranks.get(actor), "focus": actor == plan["focus"]}
        )
    data = {
        "boxes": plan["boxes"],
        "links": plan["links"],
        "focus": plan["focus"],
        "competence": plan["competence"],
        "theme": plan["theme"],
        "themeCompetences": {t: sorted(study.theme_competences.get(t, ())) for t in plan["themes"]},
        "competenceNames": competence_names,
        "tierNames": TIER_NAMES[lang],
        "tieNames": TIE_NAMES[lang],
        "roleNames": ROLE_NAMES[lang],
        "words": words,
        "kinds": {k: KIND_NAMES[lang].get(k, k.replace("_", " ")) for k in model.ACTOR_KINDS},
    }
    focus_name = G.nodes[plan["focus"]]["name"] if plan["focus"] else None
    page = templates().get_template("map.html.j2")
    return page.render(
        lang=lang,
        words=words,
        title=f"{words['title']} — {focus_name or G.graph.get('title') or G.graph.get('name')}",
        about=provenance(study),
        columns=columns,
        bands=bands,
        cells=cells,
        gaps=plan["gaps"],
        focus_name=focus_name,
        themes=[(t, catalogue_name(study, t, lang)) for t in plan["themes"]],
        competences=sorted(
            ((c, competence_names[c]) for c in plan["competences"]), key=lambda x: x[1].casefold()
        ),
        chosen_theme=plan["theme"],
        chosen_competence=plan["competence"],
        weights=_widths(plan),
        data=Markup(safe_json(data)),  # noqa: S704 - JSON with no '<', '>' or '&' left in it
    )


def _widths(plan: dict[str, Any]) -> list[float]:
    """Each column's share of the width: the label length of its fullest cell (a band is as
    tall as its fullest cell, so the columns with the fullest cells get the room)."""
    load: dict[tuple[str, str], int] = {}
    for box in plan["boxes"].values():
        cell = (box["band"], box["side"])
        load[cell] = load.get(cell, 0) + len(box["short"]) + 8
    return [
        max(1.0, sum(v for (_, side), v in load.items() if side == c["id"]) ** 0.6 / 15)
        for c in plan["columns"]
    ]


def write_map(
    study: Study,
    plan: dict[str, Any],
    out: str | Path,
    *,
    lang: str = "en",
    fmt: str = "html",
    force: bool = False,
) -> dict[str, Any]:
    """Write the map page of ``plan`` to ``out`` as HTML, or as a PNG (1920×1080) or a PDF
    (one A3 landscape page) through headless Chromium; return its boxes and bytes."""
    if fmt not in FORMATS:
        raise GovgraphError(f"unknown format '{fmt}': use one of {', '.join(FORMATS)}")
    target = Path(out)
    check_output(target, force)
    page = render_map(study, plan, lang)
    if fmt == "html":
        write_atomically(target, page)
    else:
        with (
            tempfile.TemporaryDirectory(prefix="govgraph-map-") as work,
            atomic_file(target) as partial,
        ):
            html, made = Path(work) / "map.html", Path(work) / f"map.{fmt}"
            html.write_text(page, encoding="utf-8")
            export_page(html, made, fmt)
            shutil.copyfile(made, partial)
    return {"boxes": len(plan["boxes"]), "bytes": target.stat().st_size, "format": fmt}


def chromium() -> str:
    """The Chromium to export with: ``GOVGRAPH_CHROMIUM``, else ``chromium`` on the PATH."""
    found = os.environ.get("GOVGRAPH_CHROMIUM") or next(
        (p for name in ("chromium", "chromium-browser") if (p := shutil.which(name))), None
    )
    if not found:
        raise GovgraphError(
            "PNG and PDF exports need headless Chromium: install it (Debian: apt-get install "
            "chromium) or set GOVGRAPH_CHROMIUM to its path; the HTML page needs nothing"
        )
    return found


def export_page(html: Path, out: Path, fmt: str, *, timeout: float = 120.0) -> None:
    """Render ``html`` to ``out`` with headless Chromium: a ``png`` screenshot of a 1920×1080
    screen, or a ``pdf`` printed with the page's own print style (one A3 landscape page)."""
    width, height = SCREEN
    command = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        "--disable-background-networking",
        "--virtual-time-budget=4000",
        f"--window-size={width},{height}",
    ]
    if fmt == "png":
        command.append(f"--screenshot={out}")
    else:
        command += [f"--print-to-pdf={out}", "--no-pdf-header-footer"]
    command.append(html.resolve().as_uri())
    try:
        done = subprocess.run(  # noqa: S603 - a fixed command line, the page is ours
            command, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise GovgraphError(
            f"Chromium did not finish the {fmt} export in {timeout:.0f} s"
        ) from error
    if done.returncode != 0 or not out.exists() or out.stat().st_size == 0:
        raise GovgraphError(
            f"Chromium could not export the map as {fmt} (exit {done.returncode}): "
            f"{done.stderr.strip().splitlines()[-1] if done.stderr.strip() else 'no message'}"
        )
