"""Merge the issue-15 research (staging CSVs) into the reference data and datasets/greater-geneva.

Run from the repository root: python docs/research/issue-15/merge.py (once: the dataset has been
edited since, by the issue-16 source audit; re-running would undo those edits)
Source hygiene on the way: document-scraper and private law-copy hosts are removed from sources
(a row left with none cites its legal reference instead, at confidence medium at most); mobile
Wikipedia URLs become canonical; rows resting on an encyclopaedia alone are at most medium.
"""

import csv
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
SCRAPERS = {
    "docslib.org", "online.flipbuilder.com", "docplayer.fr", "fr.readkong.com", "readkong.com",
    "studylib.es", "123dok.net", "9dok.net", "documents.pub", "www.fichier-pdf.fr", "e-tud.com",
    "lexaris.de", "lexaris.io", "droit-bilingue.ch", "www.droit-bilingue.ch", "lawbrary.ch",
    "merkt.ch", "www.merkt.ch",
}
LOG: list[str] = []


def read(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(path, rows, header):
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    Path(path).write_text(buf.getvalue(), encoding="utf-8")


def host(part):
    m = re.match(r"https?://([^/ ]+)", part)
    return m.group(1).lower().split(":")[0].rstrip(".") if m else None


def lower(conf, cap="medium"):
    order = ["high", "medium", "low"]
    conf = conf or "high"
    return order[max(order.index(conf), order.index(cap))]


def clean(row, where):
    parts = [p.strip() for p in (row.get("source") or "").split(" ; ") if p.strip()]
    kept = []
    for part in parts:
        h = host(part)
        if h in SCRAPERS:
            continue
        part = re.sub(r"^(https?://)([a-z]+)\.m\.wikipedia\.org", r"\1\2.wikipedia.org", part)
        part = part.replace("tresordesregions.mgm.fr:443", "tresordesregions.mgm.fr")
        if part.startswith("http://fr.wikipedia.org"):
            part = "https://" + part[len("http://"):]
        kept.append(part)
    if len(kept) < len(parts):
        LOG.append(f"{where}: dropped {len(parts) - len(kept)} scraper/copy source(s)")
    if not kept:
        if row.get("legal_basis"):
            kept = [row["legal_basis"]]
            row["confidence"] = lower(row.get("confidence"))
            row["note"] = ((row.get("note") or "") + " The text was read on a private copy; the "
                           "official publication of the law is the reference.").strip()
            LOG.append(f"{where}: source replaced by its legal reference")
        else:
            LOG.append(f"{where}: DROPPED (no acceptable source)")
            return None
    row["source"] = " ; ".join(kept)
    urls = [p for p in kept if host(p)]
    if urls and all("wikipedia.org" in host(p) for p in urls) and not any(not host(p) for p in kept):
        row["confidence"] = lower(row.get("confidence"))
    return row


def merge_reference():
    ref = ROOT / "datasets" / "reference"
    levels = read(ref / "levels.csv")
    header_levels = list(levels[0])
    allocations = read(ref / "allocations.csv")
    header_alloc = list(allocations[0])
    known = {r["id"] for r in levels}
    for country in ("ch", "be"):
        for r in read(HERE / f"{country}-reference" / "levels.csv"):
            if r["id"] in known:
                continue
            if clean(r, f"{country} levels {r['id']}"):
                levels.append(r)
        for i, r in enumerate(read(HERE / f"{country}-reference" / "allocations.csv"), start=2):
            if country == "be" and "LSRI" in (r["legal_basis"] or "") and (r["confidence"] or "high") == "high":
                r["confidence"] = "medium"
                r["note"] = ((r.get("note") or "") + " The sub-point of the special law was not "
                             "re-read against its consolidated text.").strip()
            if clean(r, f"{country} allocations line {i}"):
                allocations.append(r)
    brussels = (
        "https://www.vie-publique.fr/discours/158017-conseil-des-ministres-du-19-mars-2003-accord-"
        "franco-belge-sur-la-cooper ; http://espaces-transfrontaliers.org/ressources/territoires/"
        "frontieres/frontieres-en-europe/frontiere-france-belgique/frontiere-france-belgique-4"
    )
    for level in ("FR-commune", "FR-epci", "FR-departement", "FR-region"):
        allocations.append({
            "country": "FR", "subdivision": "", "level": level,
            "competence": "cross_border_cooperation", "role": "shared",
            "legal_basis": "Accord de Bruxelles du 16 septembre 2002 sur la coopération "
            "transfrontalière entre les collectivités territoriales et organismes publics locaux",
            "partners": "BE", "source": brussels, "confidence": "high",
            "note": "On the French side the agreement applies to régions, départements, communes, "
            "their groupings and public bodies.",
        })
    write(ref / "levels.csv", levels, header_levels)
    write(ref / "allocations.csv", allocations, header_alloc)


TABLES = ("territories", "actors", "initiatives", "names", "holdings", "exercises", "relations")
PARTS = ("gg-crossborder", "gg-switzerland", "gg-france", "gg-extra")
HEADERS = {
    "territories": "id,name,name_fr,name_de,name_en,kind,country,code,code_scheme,part_of,population,population_date,area_km2,valid_from,valid_to,source,confidence,note",
    "actors": "id,name,name_fr,name_de,name_en,kind,country,subdivision,level,territory,website,valid_from,valid_to,source,confidence,note",
    "initiatives": "id,name,name_fr,name_de,name_en,kind,themes,countries,territory,part_of,valid_from,valid_to,website,source,confidence,note",
    "names": "node,name,language,valid_from,valid_to,source,confidence,note",
    "holdings": "actor,competence,role,status,legal_basis,valid_from,valid_to,source,confidence,note",
    "exercises": "actor,competence,on_behalf_of,kind,legal_basis,valid_from,valid_to,source,confidence,note",
    "relations": "from_id,type,to_id,role,theme,formal,valid_from,valid_to,source,confidence,note",
}
DECRET_2004 = (
    "Décret n° 2004-580 du 17 juin 2004 (convention franco-suisse du 18 janvier 2002 portant "
    "rectifications de la frontière entre les départements de l'Ain et de la Haute-Savoie et le "
    "canton de Genève) ; RS 0.132.349.16 ; https://www.assemblee-nationale.fr/12/rapports/r1339.asp"
)
WIKI_BORDER = "https://fr.wikipedia.org/wiki/Fronti%C3%A8re_entre_la_France_et_la_Suisse"
#: French–Swiss commune borders the helpers found (their notes.md), each with its source.
BORDERS = [
    ("chens-sur-leman", "hermance", WIKI_BORDER, "medium"),
    ("veigy-foncenex", "jussy", DECRET_2004, "high"),
    ("saint-cergues", "jussy", "https://www.ghi.ch/la-colere-gronde-contre-la-fermeture-de-la-douane-de-la-renfile", "medium"),
    ("ville-la-grand", "puplinge", "https://www.lemanbleu.ch/fr/Actualites/Geneve/Le-Foron-reprend-ses-aises-entre-Geneve-et-la-Haute-Savoie.html", "medium"),
    ("ambilly", "puplinge", "https://www.lemanbleu.ch/fr/Actualites/Geneve/Le-Foron-reprend-ses-aises-entre-Geneve-et-la-Haute-Savoie.html", "medium"),
    ("ambilly", "thonex", "https://eo.wikipedia.org/wiki/Th%C3%B4nex", "medium"),
    ("gaillard", "thonex", "https://eo.wikipedia.org/wiki/Th%C3%B4nex", "medium"),
    ("etrembieres", "veyrier", "https://etrembieres.fr/geographie-tourisme", "high"),
    ("collonges-sous-saleve", "bardonnex", "https://memoire-alpine.com/index.php/Detail/objects/29913", "medium"),
    ("saint-julien-en-genevois", "bardonnex", "https://conferenceconsensuslogement.senat.fr/seances/s199903/s19990303018.html", "high"),
    ("saint-julien-en-genevois", "perly-certoux", "https://www.fdfa.admin.ch/countries/chad/it/home/attualita/novita.html/content/eda/it/meta/news/2025/10/28/VHUbwdtoSqU6bdGpm7RPE", "medium"),
    ("viry", "chancy", DECRET_2004, "high"),
    ("viry", "soral", DECRET_2004, "high"),
    ("valleiry", "chancy", DECRET_2004, "high"),
    ("vulbens", "chancy", "https://fr.wikipedia.org/wiki/Chancy", "medium"),
    ("pougny", "chancy", "https://bazg.admin.ch/bazg/fr/home/actualites/forumd/nah-dran/chancy.html ; https://fr.wikipedia.org/wiki/Chancy", "medium"),
    ("saint-genis-pouilly", "satigny", DECRET_2004, "high"),
    ("saint-genis-pouilly", "meyrin", WIKI_BORDER, "medium"),
    ("ornex", "collex-bossy", "https://ferney-en-memoire.fr/samedi-15-juin-circuit-des-bornes-frontiere/", "medium"),
    ("sauverny", "versoix", "https://www.letemps.ch/suisse/versoix-coupe-paysage-deux", "medium"),
    ("grilly", "chavannes-des-bois", "http://www.terresainte.ch/popup/chav_bois.htm", "high"),
    ("divonne-les-bains", "chavannes-de-bogis", "https://faovd.ch/alphabet-des-communes/216/chavannes-de-bogis/", "high"),
    ("divonne-les-bains", "la-rippe", "https://www.faovd.ch/alphabet-des-communes/16/La-Rippe/", "high"),
]


#: Exercises rows a better-sourced row contradicts: the GLCT of cross-border public transport
#: holds its members' cross-border lines by delegation ("prérogatives qui lui sont déléguées par
#: ses membres", Cour des comptes; the delegation row, high), not a transfer of all their buses
#: (a low-confidence reading whose convention was not read).
CONTRADICTED = {("xb-glct-transports-publics-transfrontaliers", "bus_transport", "transfer")}
#: Rows the helpers referred to but did not create (the merge's own, each sourced).
ADDED_TERRITORIES = [
    {"id": "t-ch-vs", "name": "Valais / Wallis", "name_fr": "Valais", "name_de": "Wallis",
     "kind": "region", "country": "CH", "code": "CH-VS", "code_scheme": "ISO3166-2",
     "part_of": "t-ch", "source": "https://www.iso.org/obp/ui/#iso:code:3166:CH"},
]
ADDED_ACTORS = [
    {"id": "ch-canton-valais", "name": "État du Valais", "name_de": "Kanton Wallis",
     "kind": "federated_state", "country": "CH", "subdivision": "CH-VS", "level": "CH-canton",
     "territory": "t-ch-vs", "website": "https://www.vs.ch/",
     "source": "https://vs.ch/es/web/rapport-annuel-2021/collaborations-transfrontali%C3%A8res",
     "note": "Member of the Conseil du Léman; outside the Greater Geneva area otherwise."},
]


def merge_dataset():
    out = ROOT / "datasets" / "greater-geneva"
    merged = {t: [] for t in TABLES}
    seen: dict[str, set] = {t: set() for t in TABLES}
    for part in PARTS:
        for table in TABLES:
            path = HERE / part / f"{table}.csv"
            if not path.exists():
                continue
            for i, row in enumerate(read(path), start=2):
                if table in ("territories", "actors", "initiatives"):
                    key = row["id"]
                elif table == "holdings":
                    key = (row["actor"], row["competence"])
                elif table == "exercises":
                    key = (row["actor"], row["competence"], row["valid_from"])
                else:
                    key = tuple(row.get(c, "") for c in HEADERS[table].split(",")[:6])
                if table == "exercises" and (row["actor"], row["competence"], row["kind"]) in CONTRADICTED:
                    LOG.append(f"{part}/{table}.csv:{i}: contradicted by a better-sourced row, left out")
                    continue
                if key in seen[table]:
                    LOG.append(f"{part}/{table}.csv:{i}: duplicate of an earlier row, left out")
                    continue
                if clean(row, f"{part}/{table}.csv:{i}") is None:
                    continue
                seen[table].add(key)
                merged[table].append(row)
    merged["territories"] += ADDED_TERRITORIES
    merged["actors"] += ADDED_ACTORS
    territories = {r["id"] for r in merged["territories"]}
    for fr, ch, source, confidence in BORDERS:
        a, b = f"t-fr-{fr}", f"t-ch-{ch}"
        if a in territories and b in territories:
            merged["relations"].append({
                "from_id": a, "type": "BORDERS", "to_id": b, "source": source,
                "confidence": confidence, "note": "French–Swiss border between the two communes",
            })
        else:
            LOG.append(f"BORDERS {a} — {b}: a territory is missing, left out")
    for table in TABLES:
        write(out / f"{table}.csv", merged[table], HEADERS[table].split(","))


if __name__ == "__main__":
    what = sys.argv[1:] or ["reference", "dataset"]
    if "reference" in what:
        merge_reference()
    if "dataset" in what:
        merge_dataset()
    print("\n".join(LOG))
