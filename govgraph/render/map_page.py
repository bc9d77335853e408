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

import functools
import gettext
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from govgraph import model
from govgraph.analysis.governance_map import CROSS_BORDER, NO_BAND
from govgraph.errors import GovgraphError
from govgraph.files import atomic_file, check_output, write_atomically
from govgraph.render.network import provenance, safe_json, templates

if TYPE_CHECKING:
    from govgraph.study import Study

__all__ = ["FORMATS", "LANGUAGES", "export_page", "render_map", "write_map"]

LANGUAGES = ("en", "fr", "de")
FORMATS = ("html", "png", "pdf")
#: The PNG export's size: a 1920×1080 screen.
SCREEN = (1920, 1080)

#: The page's own words, per language.
STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Governance map",
        "around": "around",
        "theme": "Theme",
        "competence": "Competence",
        "all": "— none —",
        "legend": "How to read this map",
        "formal": "formal holder (the law gives it the competence; another body exercises it)",
        "operational": "operational holder (exercises the competence)",
        "support": "supports or coordinates (liaison body)",
        "dimmed": "dimmed: does not hold the chosen competence",
        "focus": "the actor the map is drawn around",
        "counterpart": "its ranked counterparts (number = rank in its country)",
        "gap": "a gap, numbered as in the list below",
        "next": "exercises a competence for the box before it",
        "gaps": "The most severe gaps around",
        "no_gaps": "No gap is marked: the map is not drawn around an actor (use --around).",
        "names": "Names",
        "level": "Level",
        "kind": "Kind",
        "competences": "Competences",
        "ties": "Ties",
        "website": "Website",
        "source": "Source",
        "close": "Close",
        "holds": "holds",
        "exercises": "exercises for",
        "none": "no level in the data",
        "cross-border": "Cross-border bodies",
        "federal": "federal",
        "print": "Print",
        "dataset": "Dataset",
    },
    "fr": {
        "title": "Carte de la gouvernance",
        "around": "autour de",
        "theme": "Thème",
        "competence": "Compétence",
        "all": "— aucune —",
        "legend": "Comment lire cette carte",
        "formal": "titulaire formel (la loi lui donne la compétence ; un autre organisme l'exerce)",
        "operational": "titulaire opérationnel (exerce la compétence)",
        "support": "appui ou coordination (organisme de liaison)",
        "dimmed": "estompé : ne détient pas la compétence choisie",
        "focus": "l'acteur autour duquel la carte est dessinée",
        "counterpart": "ses homologues classés (numéro = rang dans son pays)",
        "gap": "une lacune, numérotée comme dans la liste ci-dessous",
        "next": "exerce une compétence pour la case qui le précède",
        "gaps": "Les lacunes les plus graves autour de",
        "no_gaps": "Aucune lacune marquée : la carte n'est pas centrée sur un acteur (--around).",
        "names": "Noms",
        "level": "Niveau",
        "kind": "Type",
        "competences": "Compétences",
        "ties": "Liens",
        "website": "Site web",
        "source": "Source",
        "close": "Fermer",
        "holds": "détient",
        "exercises": "exerce pour",
        "none": "niveau inconnu dans les données",
        "cross-border": "Organismes transfrontaliers",
        "federal": "fédéral",
        "print": "Imprimer",
        "dataset": "Jeu de données",
    },
    "de": {
        "title": "Governance-Karte",
        "around": "um",
        "theme": "Thema",
        "competence": "Zuständigkeit",
        "all": "— keine —",
        "legend": "So liest man diese Karte",
        "formal": (
            "formaler Träger (das Gesetz gibt ihm die Zuständigkeit; "
            "eine andere Stelle übt sie aus)"
        ),
        "operational": "operativer Träger (übt die Zuständigkeit aus)",
        "support": "unterstützt oder koordiniert (Verbindungsstelle)",
        "dimmed": "abgeblendet: hat die gewählte Zuständigkeit nicht",
        "focus": "der Akteur, um den die Karte gezeichnet ist",
        "counterpart": "seine gereihten Gegenüber (Zahl = Rang in seinem Land)",
        "gap": "eine Lücke, nummeriert wie in der Liste unten",
        "next": "übt eine Zuständigkeit für das Feld davor aus",
        "gaps": "Die gravierendsten Lücken um",
        "no_gaps": "Keine Lücke markiert: die Karte ist um keinen Akteur gezeichnet (--around).",
        "names": "Namen",
        "level": "Ebene",
        "kind": "Art",
        "competences": "Zuständigkeiten",
        "ties": "Verbindungen",
        "website": "Website",
        "source": "Quelle",
        "close": "Schließen",
        "holds": "hat",
        "exercises": "übt aus für",
        "none": "keine Ebene in den Daten",
        "cross-border": "Grenzüberschreitende Stellen",
        "federal": "Bund",
        "print": "Drucken",
        "dataset": "Datensatz",
    },
}
#: The harmonised tiers' names, per language.
TIER_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "supranational": "Supranational",
        "national": "National",
        "regional": "Regional",
        "intermediate": "Intermediate",
        "intermunicipal": "Intermunicipal",
        "local": "Local",
    },
    "fr": {
        "supranational": "Supranational",
        "national": "National",
        "regional": "Régional",
        "intermediate": "Intermédiaire",
        "intermunicipal": "Intercommunal",
        "local": "Local",
    },
    "de": {
        "supranational": "Supranational",
        "national": "National",
        "regional": "Regional",
        "intermediate": "Kreisebene",
        "intermunicipal": "Interkommunal",
        "local": "Kommunal",
    },
}
#: Tie types' names, per language.
TIE_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "MEMBER_OF": "member of",
        "SUPERVISED_BY": "supervised by",
        "FUNDS": "funds",
        "COOPERATES_WITH": "cooperates with",
        "PARTICIPATES_IN": "participates in",
        "EXERCISES": "exercises a competence for",
    },
    "fr": {
        "MEMBER_OF": "membre de",
        "SUPERVISED_BY": "sous la tutelle de",
        "FUNDS": "finance",
        "COOPERATES_WITH": "coopère avec",
        "PARTICIPATES_IN": "participe à",
        "EXERCISES": "exerce une compétence pour",
    },
    "de": {
        "MEMBER_OF": "Mitglied von",
        "SUPERVISED_BY": "beaufsichtigt von",
        "FUNDS": "finanziert",
        "COOPERATES_WITH": "kooperiert mit",
        "PARTICIPATES_IN": "beteiligt an",
        "EXERCISES": "übt eine Zuständigkeit aus für",
    },
}


#: Holding roles and kinds of exercise, per language.
ROLE_NAMES: dict[str, dict[str, str]] = {
    "en": {},
    "fr": {
        "exclusive": "exclusive",
        "shared": "partagée",
        "delegated": "déléguée",
        "support": "appui",
        "liaison": "liaison",
        "organ": "organe",
        "transfer": "transfert",
        "delegation": "délégation",
        "concession": "concession",
    },
    "de": {
        "exclusive": "ausschließlich",
        "shared": "geteilt",
        "delegated": "übertragen",
        "support": "unterstützend",
        "liaison": "Verbindungsstelle",
        "organ": "Organ",
        "transfer": "Übertragung",
        "delegation": "Delegation",
        "concession": "Konzession",
    },
}


@functools.lru_cache(maxsize=8)
def _translations(domain: str, lang: str) -> gettext.NullTranslations:
    import pycountry

    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang], fallback=True)


def side_name(side: str, lang: str) -> str:
    """A column's heading: the country or subdivision in ``lang`` (ISO 3166 names).

    >>> side_name("DE-SL", "fr"), side_name("LU", "de"), side_name("cross-border", "en")
    ('Sarre (DE)', 'Luxemburg', 'Cross-border bodies')
    """
    import pycountry

    if side == CROSS_BORDER:
        return STRINGS[lang]["cross-border"]
    if "-" in side:
        found = pycountry.subdivisions.get(code=side)
        name = found.name if found else side
        return f"{_translations('iso3166-2', lang).gettext(name)} ({side.split('-')[0]})"
    country = pycountry.countries.get(alpha_2=side)
    return _translations("iso3166-1", lang).gettext(country.name) if country else side


def _competence_names(study: Study, lang: str) -> dict[str, str]:
    G = study.graph
    return {
        c: G.nodes[c].get(f"name_{lang}")
        or G.nodes[c].get("name_en")
        or G.nodes[c].get("name")
        or c
        for c in study.competences
    }


def render_map(study: Study, plan: dict[str, Any], lang: str = "en") -> str:
    """The whole map page for ``plan`` in ``lang`` (en, fr, de)."""
    if lang not in LANGUAGES:
        raise GovgraphError(f"unknown language '{lang}': use one of {', '.join(LANGUAGES)}")
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
    competence_names = _competence_names(study, lang)
    theme_names = {
        t: G.nodes[t].get(f"name_{lang}") or G.nodes[t].get("name_en") or t for t in study.themes
    }
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
        "competenceNames": {c: competence_names[c] for c in plan["competences"]},
        "tierNames": TIER_NAMES[lang],
        "tieNames": TIE_NAMES[lang],
        "roleNames": ROLE_NAMES[lang],
        "words": words,
        "kinds": {k: k.replace("_", " ") for k in model.ACTOR_KINDS},
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
        themes=[(t, theme_names[t]) for t in plan["themes"]],
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
