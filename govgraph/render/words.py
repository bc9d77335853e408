"""The words of govgraph's pages in English, French and German: the pages' own strings, tier,
tie and role names, and country and subdivision names (ISO 3166, from pycountry's translations).

Example:
    >>> side_name("DE-SL", "fr"), side_name("LU", "de"), side_name("cross-border", "en")
    ('Sarre (DE)', 'Luxemburg', 'Cross-border bodies')
    >>> TIER_NAMES["de"]["local"]
    'Kommunal'
"""

from __future__ import annotations

import functools
import gettext
from typing import TYPE_CHECKING

from govgraph.errors import GovgraphError
from govgraph.model import CROSS_BORDER

if TYPE_CHECKING:
    from govgraph.study import Study

__all__ = [
    "LANGUAGES",
    "KIND_NAMES",
    "NETWORK_WORDS",
    "REPORT_WORDS",
    "ROLE_NAMES",
    "STRINGS",
    "TIER_NAMES",
    "TIE_NAMES",
    "catalogue_name",
    "check_language",
    "side_name",
]

LANGUAGES = ("en", "fr", "de")
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
#: The kinds of actor and initiative, per language (the data's ids are English identifiers).
KIND_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "municipality": "municipality",
        "intermunicipal_body": "intermunicipal body",
        "county": "county (département, Landkreis)",
        "region": "region",
        "federated_state": "federated state (Land, canton)",
        "national_government": "national government",
        "ministry": "ministry",
        "state_agency": "State agency",
        "deconcentrated_state_service": "deconcentrated State service",
        "special_purpose_body": "special-purpose body (syndicate, Zweckverband)",
        "social_security_body": "social security body",
        "public_establishment": "public establishment",
        "public_company": "public company",
        "cross_border_body": "cross-border body",
        "association": "association",
        "programme_authority": "programme authority",
        "project": "project",
        "agreement": "agreement",
        "programme": "programme",
        "forum": "forum",
        "workshop": "workshop",
        "mission": "mission",
        "network": "network",
        "service": "service",
        "link": "link (a line, a bridge)",
        "instrument": "planning or service instrument",
    },
    "fr": {
        "municipality": "commune",
        "intermunicipal_body": "intercommunalité",
        "county": "département, Landkreis",
        "region": "région",
        "federated_state": "État fédéré (Land, canton)",
        "national_government": "gouvernement national",
        "ministry": "ministère",
        "state_agency": "agence ou administration de l'État",
        "deconcentrated_state_service": "service déconcentré de l'État",
        "special_purpose_body": "syndicat, Zweckverband",
        "social_security_body": "organisme de sécurité sociale",
        "public_establishment": "établissement public",
        "public_company": "entreprise publique",
        "cross_border_body": "organisme transfrontalier",
        "association": "association",
        "programme_authority": "autorité de programme",
        "project": "projet",
        "agreement": "accord",
        "programme": "programme",
        "forum": "forum",
        "workshop": "atelier",
        "mission": "mission",
        "network": "réseau",
        "service": "service",
        "link": "liaison (ligne, pont)",
        "instrument": "instrument de planification ou de service",
    },
    "de": {
        "municipality": "Gemeinde",
        "intermunicipal_body": "Gemeindeverband",
        "county": "Landkreis, Département",
        "region": "Region",
        "federated_state": "Gliedstaat (Land, Kanton)",
        "national_government": "nationale Regierung",
        "ministry": "Ministerium",
        "state_agency": "staatliche Behörde",
        "deconcentrated_state_service": "nachgeordnete staatliche Dienststelle",
        "special_purpose_body": "Zweckverband, Syndikat",
        "social_security_body": "Sozialversicherungsträger",
        "public_establishment": "öffentliche Einrichtung",
        "public_company": "öffentliches Unternehmen",
        "cross_border_body": "grenzüberschreitende Stelle",
        "association": "Verein",
        "programme_authority": "Programmbehörde",
        "project": "Projekt",
        "agreement": "Abkommen",
        "programme": "Programm",
        "forum": "Forum",
        "workshop": "Workshop",
        "mission": "Mission",
        "network": "Netzwerk",
        "service": "Dienst",
        "link": "Verbindung (Strecke, Brücke)",
        "instrument": "Planungs- oder Dienstleistungsinstrument",
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


def check_language(lang: str) -> None:
    """GovgraphError for a language the pages are not written in.

    >>> check_language("fr")
    >>> check_language("it")
    Traceback (most recent call last):
    govgraph.errors.GovgraphError: unknown language 'it': use one of en, fr, de
    """
    if lang not in LANGUAGES:
        raise GovgraphError(f"unknown language '{lang}': use one of {', '.join(LANGUAGES)}")


def catalogue_name(study: Study, node: str, lang: str) -> str:
    """A competence's or a theme's name in ``lang``, else in English, else its id.

    >>> from govgraph.study import load_study
    >>> catalogue_name(load_study(), "tourism_attractiveness", "de")
    'Tourismus und Attraktivität'
    """
    data = study.graph.nodes[node]
    return str(data.get(f"name_{lang}") or data.get("name_en") or data.get("name") or node)


def side_name(side: str, lang: str) -> str:
    """A column's heading: the country or subdivision in ``lang`` (ISO 3166 names)."""
    import pycountry

    if side == CROSS_BORDER:
        return STRINGS[lang]["cross-border"]
    if "-" in side:
        found = pycountry.subdivisions.get(code=side)
        name = found.name if found else side
        return f"{_translations('iso3166-2', lang).gettext(name)} ({side.split('-')[0]})"
    country = pycountry.countries.get(alpha_2=side)
    return _translations("iso3166-1", lang).gettext(country.name) if country else side


#: The roadmap report's own words, per language.
REPORT_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "report": "roadmap report",
        "focus": "focus",
        "intro": "For each theme: who holds each competence on each side of the border (by "
        "name, and by national level and harmonised tier), the counterparts of the "
        "focus actors, the dialogue to set up, the gaps in multi-level governance "
        "ranked by severity (with how it was computed, who could close them and the "
        "sources), and the cooperation network of the theme. How the answers are "
        "computed: docs/counterparts.md and docs/gaps.md of govgraph.",
        "summary": "Summary",
        "area": "The area:",
        "actors": "actors",
        "compared": "borders compared:",
        "severe": "most severe gaps:",
        "key": "Key counterparts",
        "key_note": "(the first of each country):",
        "no_gap": "No gap found.",
        "no_focus": "No focus actor with a territory.",
        "contents": "Contents",
        "sources": "Sources",
        "who": "Who holds what on each side",
        "by_level": "The same by level of government",
        "counterparts": "Counterparts",
        "dialogue": "The dialogue to set up",
        "gaps": "Gaps, most severe first",
        "network": "Network",
        "competence": "competence",
        "country": "country",
        "rank": "rank",
        "counterpart": "counterpart",
        "level": "level (tier)",
        "score": "score",
        "shared": "shared competences",
        "notes": "notes",
        "no_holder": "no holder",
        "no_competence": "No competence in this theme.",
        "severity": "severity",
        "could_close": "could close it:",
        "more": "more:",
        "no_theme_gap": "No gap found for this theme.",
        "meet": "Meet:",
        "through": "Through:",
        "no_body": "no existing body: one to set up",
        "no_step": "No roadmap step for this theme (one focus actor is needed: govgraph report "
        "--around ACTOR).",
        "no_tier": "no tier",
        "for_": "for",
        "explained": "Gap explanations are written in English.",
    },
    "fr": {
        "report": "rapport de feuille de route",
        "focus": "acteur étudié",
        "intro": "Pour chaque thème : qui détient chaque compétence de chaque côté de la "
        "frontière (par nom, puis par niveau national et échelon harmonisé), les "
        "homologues des acteurs étudiés, le dialogue à mettre en place, les lacunes "
        "de la gouvernance multiniveau classées par gravité (avec le calcul, qui "
        "pourrait les combler et les sources) et le réseau de coopération du thème. "
        "Le calcul des réponses : docs/counterparts.md et docs/gaps.md de govgraph.",
        "summary": "Synthèse",
        "area": "Le territoire :",
        "actors": "acteurs",
        "compared": "frontières comparées :",
        "severe": "lacunes les plus graves :",
        "key": "Homologues clés",
        "key_note": "(le premier de chaque pays) :",
        "no_gap": "Aucune lacune trouvée.",
        "no_focus": "Aucun acteur étudié n'a de territoire.",
        "contents": "Sommaire",
        "sources": "Sources",
        "who": "Qui détient quoi de chaque côté",
        "by_level": "La même chose par niveau de gouvernement",
        "counterparts": "Homologues",
        "dialogue": "Le dialogue à mettre en place",
        "gaps": "Lacunes, de la plus grave à la moins grave",
        "network": "Réseau",
        "competence": "compétence",
        "country": "pays",
        "rank": "rang",
        "counterpart": "homologue",
        "level": "niveau (échelon)",
        "score": "score",
        "shared": "compétences communes",
        "notes": "remarques",
        "no_holder": "aucun titulaire",
        "no_competence": "Aucune compétence dans ce thème.",
        "severity": "gravité",
        "could_close": "pourrait la combler :",
        "more": "de plus :",
        "no_theme_gap": "Aucune lacune trouvée pour ce thème.",
        "meet": "Rencontrer :",
        "through": "Par :",
        "no_body": "aucun organisme existant : un à créer",
        "no_step": "Pas d'étape de feuille de route pour ce thème (il faut un acteur étudié : "
        "govgraph report --around ACTEUR).",
        "no_tier": "sans échelon",
        "for_": "pour",
        "explained": "Les explications des lacunes sont rédigées en anglais.",
    },
    "de": {
        "report": "Fahrplan-Bericht",
        "focus": "untersuchter Akteur",
        "intro": "Für jedes Thema: wer jede Zuständigkeit auf jeder Seite der Grenze hat "
        "(namentlich, dann nach nationaler Ebene und harmonisierter Stufe), die "
        "Gegenüber der untersuchten Akteure, der aufzubauende Dialog, die Lücken der "
        "Mehrebenen-Governance nach Schwere (mit der Berechnung, wer sie schließen "
        "könnte und den Quellen) und das Kooperationsnetz des Themas. Wie die "
        "Antworten berechnet werden: docs/counterparts.md und docs/gaps.md von "
        "govgraph.",
        "summary": "Zusammenfassung",
        "area": "Das Gebiet:",
        "actors": "Akteure",
        "compared": "verglichene Grenzen:",
        "severe": "gravierendsten Lücken:",
        "key": "Wichtigste Gegenüber",
        "key_note": "(das erste jedes Landes):",
        "no_gap": "Keine Lücke gefunden.",
        "no_focus": "Kein untersuchter Akteur hat ein Gebiet.",
        "contents": "Inhalt",
        "sources": "Quellen",
        "who": "Wer hat was auf jeder Seite",
        "by_level": "Dasselbe nach Verwaltungsebene",
        "counterparts": "Gegenüber",
        "dialogue": "Der aufzubauende Dialog",
        "gaps": "Lücken, die gravierendsten zuerst",
        "network": "Netz",
        "competence": "Zuständigkeit",
        "country": "Land",
        "rank": "Rang",
        "counterpart": "Gegenüber",
        "level": "Ebene (Stufe)",
        "score": "Wert",
        "shared": "gemeinsame Zuständigkeiten",
        "notes": "Hinweise",
        "no_holder": "kein Träger",
        "no_competence": "Keine Zuständigkeit in diesem Thema.",
        "severity": "Schwere",
        "could_close": "könnte sie schließen:",
        "more": "weitere:",
        "no_theme_gap": "Keine Lücke für dieses Thema gefunden.",
        "meet": "Treffen:",
        "through": "Über:",
        "no_body": "keine bestehende Stelle: eine zu schaffen",
        "no_step": "Kein Fahrplan-Schritt für dieses Thema (ein untersuchter Akteur ist nötig: "
        "govgraph report --around AKTEUR).",
        "no_tier": "keine Stufe",
        "for_": "für",
        "explained": "Die Erklärungen der Lücken sind auf Englisch.",
    },
}


#: The network page's own words, per language (``shapes``: the shape legend, "|"-separated).
NETWORK_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "formerly": "formerly",
        "role": "role",
        "cross_border_tie": "cross-border tie",
        "studied_actor": "studied actor",
        "counterpart_rank": "counterpart #{rank} in {country}",
        "score": "score",
        "shared": "shared",
        "tiers": "tiers",
        "steps": "border steps",
        "tier_of": "{tier} tier",
        "how": "How to read this",
        "how_text": "Each shape is an actor or an initiative; its colour is its country, its "
        "shape its kind, its size its degree centrality in the network shown. "
        "Lines are documented ties; thick lines cross a border. Hover a shape or a "
        "line for names, level, competences and sources; drag to move, scroll to "
        "zoom. Use the boxes below to hide countries, tiers, themes or kinds of "
        "tie, and the search to find an actor by any of its names.",
        "find": "Find an actor",
        "placeholder": "name in any language, e.g. Sierck",
        "filters": "Filters",
        "legend": "Legend",
        "country": "Country",
        "subdivision": "Subdivision",
        "tier": "Tier",
        "theme": "Theme",
        "type": "Kind of tie",
        "colour": "Colour = country",
        "several": "several countries (cross-border)",
        "borders": "Borders",
        "studied": "the studied actor",
        "ranked": "its ranked counterparts (hover for rank and score)",
        "labels": "Labels: the studied actor, its counterparts and the most central nodes; "
        "every label when zoomed in",
        "shape": "Shape = kind",
        "size": "Size = degree centrality in the network shown",
        "lines": "Lines = kind of tie (thick: crosses a border)",
        "found": "found",
        "none_found": "no actor found",
        "png": "Save as PNG",
        "link": "Copy a link to this view",
        "restored": "View restored from the link.",
        "copied": "Link copied: send it with the file.",
        "address": "The address bar holds the link to this view.",
        "none_country": "none (cross-border)",
        "none": "none",
        "no_tier": "no tier (a body without a level)",
        "nodes": "nodes",
        "links": "links",
        "network": "cooperation network",
        "close": "Close",
        "COUNTERPART": "counterpart (ranked)",
        "MISSING_DIALOGUE": "missing dialogue (gap)",
        "LEVEL_MISMATCH": "level mismatch (gap)",
        "shapes": "municipality|intermunicipal body|county (département, Landkreis); in grey, "
        "a cross-border body|region, federated state|national government, "
        "ministry|State agency or service|special-purpose body, public company, "
        "association|initiative (project, agreement, programme, forum, workshop)",
    },
    "fr": {
        "formerly": "anciennement",
        "role": "rôle",
        "cross_border_tie": "lien transfrontalier",
        "studied_actor": "acteur étudié",
        "counterpart_rank": "homologue n° {rank} en {country}",
        "score": "score",
        "shared": "en commun",
        "tiers": "échelons",
        "steps": "pas de frontière",
        "tier_of": "échelon {tier}",
        "how": "Comment lire ce réseau",
        "how_text": "Chaque forme est un acteur ou une initiative ; sa couleur est son pays, "
        "sa forme son type, sa taille sa centralité de degré dans le réseau "
        "affiché. Les lignes sont des liens documentés ; les lignes épaisses "
        "franchissent une frontière. Survolez une forme ou une ligne pour les "
        "noms, le niveau, les compétences et les sources ; faites glisser pour "
        "déplacer, la molette pour zoomer. Les cases ci-dessous masquent des pays, "
        "des échelons, des thèmes ou des types de liens ; la recherche trouve un "
        "acteur par n'importe lequel de ses noms.",
        "find": "Trouver un acteur",
        "placeholder": "nom dans toute langue, p. ex. Sierck",
        "filters": "Filtres",
        "legend": "Légende",
        "country": "Pays",
        "subdivision": "Subdivision",
        "tier": "Échelon",
        "theme": "Thème",
        "type": "Type de lien",
        "colour": "Couleur = pays",
        "several": "plusieurs pays (transfrontalier)",
        "borders": "Bordures",
        "studied": "l'acteur étudié",
        "ranked": "ses homologues classés (survoler pour le rang et le score)",
        "labels": "Étiquettes : l'acteur étudié, ses homologues et les nœuds les plus centraux "
        "; toutes en zoomant",
        "shape": "Forme = type",
        "size": "Taille = centralité de degré dans le réseau affiché",
        "lines": "Lignes = type de lien (épaisse : franchit une frontière)",
        "found": "trouvé(s)",
        "none_found": "aucun acteur trouvé",
        "png": "Enregistrer en PNG",
        "link": "Copier un lien vers cette vue",
        "restored": "Vue restaurée depuis le lien.",
        "copied": "Lien copié : envoyez-le avec le fichier.",
        "address": "La barre d'adresse contient le lien vers cette vue.",
        "none_country": "aucun (transfrontalier)",
        "none": "aucune",
        "no_tier": "sans échelon (organisme sans niveau)",
        "nodes": "nœuds",
        "links": "liens",
        "network": "réseau de coopération",
        "close": "Fermer",
        "COUNTERPART": "homologue (classé)",
        "MISSING_DIALOGUE": "dialogue manquant (lacune)",
        "LEVEL_MISMATCH": "décalage de niveaux (lacune)",
        "shapes": "commune|intercommunalité|département, Landkreis ; en gris, un organisme "
        "transfrontalier|région, État fédéré|gouvernement national, ministère|agence "
        "ou service de l'État|organisme spécialisé, entreprise publique, "
        "association|initiative (projet, accord, programme, forum, atelier)",
    },
    "de": {
        "formerly": "früher",
        "role": "Rolle",
        "cross_border_tie": "grenzüberschreitende Verbindung",
        "studied_actor": "untersuchter Akteur",
        "counterpart_rank": "Gegenüber Nr. {rank} in {country}",
        "score": "Wert",
        "shared": "gemeinsam",
        "tiers": "Ebenen",
        "steps": "Grenzschritte",
        "tier_of": "Ebene {tier}",
        "how": "So liest man dieses Netz",
        "how_text": "Jede Form ist ein Akteur oder eine Initiative; ihre Farbe ist ihr Land, "
        "ihre Form ihre Art, ihre Größe ihre Gradzentralität im gezeigten Netz. "
        "Linien sind belegte Verbindungen; dicke Linien überqueren eine Grenze. "
        "Fahren Sie über eine Form oder Linie für Namen, Ebene, Zuständigkeiten "
        "und Quellen; ziehen zum Verschieben, scrollen zum Zoomen. Die Kästchen "
        "unten blenden Länder, Stufen, Themen oder Verbindungsarten aus; die Suche "
        "findet einen Akteur unter jedem seiner Namen.",
        "find": "Akteur finden",
        "placeholder": "Name in jeder Sprache, z. B. Sierck",
        "filters": "Filter",
        "legend": "Legende",
        "country": "Land",
        "subdivision": "Gliedstaat, Region",
        "tier": "Stufe",
        "theme": "Thema",
        "type": "Art der Verbindung",
        "colour": "Farbe = Land",
        "several": "mehrere Länder (grenzüberschreitend)",
        "borders": "Ränder",
        "studied": "der untersuchte Akteur",
        "ranked": "seine gereihten Gegenüber (darüberfahren für Rang und Wert)",
        "labels": "Beschriftungen: der untersuchte Akteur, seine Gegenüber und die zentralsten "
        "Knoten; alle beim Zoomen",
        "shape": "Form = Art",
        "size": "Größe = Gradzentralität im gezeigten Netz",
        "lines": "Linien = Art der Verbindung (dick: überquert eine Grenze)",
        "found": "gefunden",
        "none_found": "kein Akteur gefunden",
        "png": "Als PNG speichern",
        "link": "Link zu dieser Ansicht kopieren",
        "restored": "Ansicht aus dem Link wiederhergestellt.",
        "copied": "Link kopiert: mit der Datei senden.",
        "address": "Die Adresszeile enthält den Link zu dieser Ansicht.",
        "none_country": "keines (grenzüberschreitend)",
        "none": "keine",
        "no_tier": "keine Stufe (Stelle ohne Ebene)",
        "nodes": "Knoten",
        "links": "Verbindungen",
        "network": "Kooperationsnetz",
        "close": "Schließen",
        "COUNTERPART": "Gegenüber (gereiht)",
        "MISSING_DIALOGUE": "fehlender Dialog (Lücke)",
        "LEVEL_MISMATCH": "Ebenen-Ungleichgewicht (Lücke)",
        "shapes": "Gemeinde|Gemeindeverband|Département, Landkreis; grau: grenzüberschreitende "
        "Stelle|Region, Land|nationale Regierung, Ministerium|Behörde oder Dienst "
        "des Staates|Zweckverband, öffentliches Unternehmen, Verein|Initiative "
        "(Projekt, Abkommen, Programm, Forum, Workshop)",
    },
}
