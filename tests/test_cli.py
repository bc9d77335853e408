"""Every command through click's CliRunner, with exact exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import read_rows, write_rows

from govgraph.cli import main
from govgraph.version import __version__

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_version_and_help(run):
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"govgraph, version {__version__}"
    result = run("--help")
    assert result.exit_code == 0
    assert "Examples:" in result.output
    for command in main.commands:
        sub = run(command, "--help")
        assert sub.exit_code == 0
        assert "Examples:" in sub.output and f"govgraph {command}" in sub.output


def test_validate_bundled_dataset(run):
    result = run("validate")
    assert result.exit_code == 0
    assert result.output.startswith("valid: three-borders ")


def test_validate_reports_every_problem_and_exits_1(run, minimal: Path):
    rows = read_rows(minimal / "actors.csv")
    rows[0]["kind"] = "town"
    rows[1]["level"] = "FR-epic"
    write_rows(minimal / "actors.csv", rows)
    result = run("validate", str(minimal))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == f"error: 2 problems in {minimal}:"
    assert lines[1].startswith(f"  {minimal}/actors.csv:2: kind: unknown value 'town'")
    assert lines[2] == (
        f"  {minimal}/actors.csv:3: level: unknown level 'FR-epic' — did you mean 'FR-epci'?"
    )
    assert "Traceback" not in result.output


def test_validate_a_folder_that_is_not_a_dataset(run, tmp_path: Path):
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    assert "is not a govgraph dataset (no manifest.json)" in result.output


def test_dataset_option_reaches_every_command(run, minimal: Path):
    assert run("validate", "--dataset", str(minimal)).output.startswith("valid: minimal ")
    assert "minimal 0.1.0" in run("info", "--dataset", str(minimal)).output
    result = run("actors", "--dataset", str(minimal), "--format", "json")
    assert {a["id"] for a in json.loads(result.output)} == {
        "fr-apach",
        "fr-cc-bouzonvillois-trois-frontieres",
        "de-perl",
        "de-lk-merzig-wadern",
        "lu-schengen",
        "lu-government",
    }


def test_info_formats(run):
    table = run("info")
    assert table.exit_code == 0
    assert "actors by country:" in table.output
    data = json.loads(run("info", "--format", "json").output)
    assert data["dataset"]["name"] == "three-borders"
    assert data["nodes"]["Actor"] >= 100
    assert 0 < data["cross_border"]["share"] < 1
    csv_out = run("info", "--format", "csv").output.splitlines()
    assert csv_out[0] == "section,key,value"


def test_actors_search_and_filters(run):
    result = run("actors", "--search", "sierck")
    assert result.exit_code == 0
    assert "fr-sierck-les-bains" in result.output
    result = run("actors", "--search", "merzig wadern", "--format", "csv")
    assert "de-lk-merzig-wadern" in result.output
    assert result.output.splitlines()[0].startswith("id,name,kind,country,subdivision,level,tier")


def test_a_subdivision_is_asked_for_like_a_country(run):
    result = run(
        "counterparts",
        "lu-stadtbredimus",
        "--competence",
        "primary_education",
        "--country",
        "DE-RP",
    )
    assert result.exit_code == 0
    assert "DE-RP" in result.output and "de-vg-saarburg-kell" in result.output
    assert "de-perl" not in result.output  # a Saarland Gemeinde
    listed = list(
        csv.DictReader(io.StringIO(run("actors", "--country", "de-sl", "--format", "csv").output))
    )
    assert len(listed) > 10 and all("DE-SL" in r["subdivision"].split(";") for r in listed)


def test_actors_unknown_country_and_no_match(run):
    result = run("actors", "--country", "IT")
    assert result.exit_code == 1
    assert result.output.startswith(
        "error: no actor in country or subdivision 'IT'; countries in the data: BE, DE, FR, LU"
    )
    assert "subdivisions: DE-RP, DE-SL, LU-GR, LU-RM" in result.output
    result = run("actors", "--country", "BE-VLG")
    assert result.exit_code == 1 and "no actor in country or subdivision 'BE-VLG'" in result.output
    result = run("actors", "--search", "atlantis")
    assert result.exit_code == 1
    assert result.output.strip() == "no actor matches"
    result = run("actors", "--tier", "galactic")
    assert result.exit_code == 2  # click's usage error lists the allowed values
    assert "'galactic' is not one of" in result.output


def test_broken_bundled_path_gives_one_clean_message(run, tmp_path: Path):
    missing = tmp_path / "missing"
    result = run("info", "--dataset", str(missing))
    assert result.exit_code == 1
    assert result.output == (
        f"error: 1 problem in {missing}:\n  {missing}: is not a folder — give the folder that "
        "holds manifest.json and the CSV files\n"
    )


def test_help_imports_no_heavy_library():
    code = (
        "import sys; from govgraph.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('networkx', 'pandas', 'neo4j', 'pyvis') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_top_level_cli_py_runs_from_a_checkout():
    out = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "--version"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert out.stdout.strip() == f"govgraph, version {__version__}"


def test_counterparts_command(run):
    result = run("counterparts", "CC Bouzonvillois", "--top", "2")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == (
        "Counterparts of Communauté de communes Bouzonvillois-Trois Frontières "
        "(fr-cc-bouzonvillois-trois-frontieres)"
    )
    assert "\nDE\n" in result.output and "\nLU\n" in result.output
    data = json.loads(run("counterparts", "fr-apach", "--country", "DE", "--format", "json").output)
    assert data[0]["candidate"] == "de-perl" and data[0]["parts"]["tier"] == 1.0
    explained = run("counterparts", "fr-apach", "--country", "DE", "--top", "1", "--explain").output
    assert "shared:" in explained and "border steps: 1 (t-fr-apach → t-de-perl)" in explained
    assert "fact: t-fr-apach borders t-de-perl — https://de.wikipedia.org/wiki/Apach" in explained
    organ = run(
        "counterparts", "fr-apach", "--country", "LU", "--competence", "bus_transport", "--explain"
    ).output
    assert "note: exercises interurban_bus for Gouvernement du Grand-Duché de Luxembourg" in organ
    assert "1. Gemeinde Perl (de-perl): Gemeinde [local] vs Commune [local]" in explained
    tourism = run(
        "counterparts",
        "fr-trois-frontieres-tourisme",
        "--competence",
        "tourism_promotion",
        "--country",
        "DE",
        "--top",
        "1",
        "--explain",
    ).output
    assert "): no level vs no level" in tourism and "None" not in tourism  # bodies with no level
    land = run(
        "counterparts", "Hestroff", "--country", "DE", "--competence", "wastewater", "--explain"
    ).output
    assert "1. Entsorgungsverband Saar (de-evs)" in land
    assert (
        "note: de-vg-saarburg-kell serves DE-RP, not the DE-SL that fr-hestroff faces: ranked "
        "after the bodies that serve it"
    ) in land
    roads = run(
        "counterparts",
        "Perl",
        "--country",
        "LU",
        "--competence",
        "roads",
        "--top",
        "2",
        "--explain",
    ).output
    assert "1. Administration des ponts et chaussées (lu-pch)" in roads
    assert (
        "note: lu-schengen holds roads only through its level's allocation, with others "
        "(shared): counted at 0.75 of its role, after a body the data shows doing the job"
    ) in roads
    csv_out = run("counterparts", "fr-apach", "--country", "DE", "--format", "csv").output
    assert csv_out.splitlines()[0].startswith("country,rank,candidate,name,level,tier,score,")


def test_export_writes_the_bulk_importers_files(run, tmp_path):
    out = tmp_path / "bulk"
    result = run("export", "--format", "neo4j-import", "--out", str(out))
    assert result.exit_code == 0
    assert result.output.startswith(f"wrote {out} (neo4j-import: ")
    listed = json.loads((out / "import.json").read_text(encoding="utf-8"))
    assert listed["dataset"] == "three-borders"
    assert all((out / file).is_file() for _, file in listed["nodes"] + listed["relationships"])
    again = run("export", "--format", "neo4j-import", "--out", str(out))
    assert again.exit_code == 1 and "already exists" in again.output


def test_counterparts_user_errors(run, tmp_path):
    ambiguous = run("counterparts", "trier")
    assert ambiguous.exit_code == 2
    assert ambiguous.output.startswith("error: 'trier' matches 4 actors; give one of these ids:")
    assert run("counterparts", "sierck").output.startswith(  # the town everyone means
        "Counterparts of Commune de Sierck-les-Bains"
    )
    unknown = run("counterparts", "fr-bouzonvile")
    assert unknown.exit_code == 1
    assert (
        unknown.output.strip() == "error: no actor 'fr-bouzonvile'; did you mean 'fr-bouzonville'?"
    )
    bad_weight = run("counterparts", "fr-apach", "--weight", "size=2")
    assert bad_weight.exit_code == 1
    assert "unknown weight 'size'" in bad_weight.output
    both = run(
        "counterparts", "fr-apach", "--competence", "roads", "--theme", "environment_mobility"
    )
    assert both.exit_code == 2
    country = run("counterparts", "fr-apach", "--country", "IT")
    assert country.exit_code == 1 and "no actor in country or subdivision 'IT'" in country.output
    competence = run("counterparts", "fr-apach", "--competence", "roadz")
    assert competence.exit_code == 1
    assert "no competence 'roadz'; did you mean 'roads'?" in competence.output
    weights = tmp_path / "w.toml"
    weights.write_text("proximity = 2\n", encoding="utf-8")
    assert run("counterparts", "fr-apach", "--weights", str(weights)).exit_code == 0
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    result = run("counterparts", "fr-apach", "--weights", str(broken))
    assert result.exit_code == 1 and result.output.startswith(
        f"error: cannot read weights from {broken}"
    )


def test_who_and_levels_commands(run):
    result = run("who", "public_transport", "--around", "CC Bouzonvillois")
    assert result.exit_code == 0
    assert "FR (own side)" in result.output and "LU (across side)" in result.output
    # the organs answer for the Luxembourg State, which is named in their record
    assert "organ for Gouvernement du Grand-Duché de Luxembourg" in result.output
    rows = json.loads(
        run(
            "who",
            "--theme",
            "public_services_healthcare",
            "--around",
            "fr-sierck-les-bains",
            "--format",
            "json",
        ).output
    )
    assert {r["side"] for r in rows} == {"own", "across"}
    assert run("who", "--around", "fr-apach").exit_code == 2  # neither competence nor theme
    levels = run("levels", "--countries", "FR,DE")
    assert levels.exit_code == 0 and "FR – DE" in levels.output
    data = json.loads(run("levels", "--countries", "FR,LU", "--format", "json").output)
    assert {r["country_a"] for r in data} == {"FR"} and {r["country_b"] for r in data} == {"LU"}
    assert run("levels", "--countries", "FR").exit_code == 1


def test_as_of_chooses_the_day_of_the_answer(run, tmp_path):
    search = ("actors", "--search", "Ministère de l'Intérieur", "--format", "csv")
    assert "lu-ministere-interieur" not in run(*search).output  # ended on 2023-11-16
    assert "lu-ministere-interieur" in run(*search, "--as-of", "2023-01-01").output
    bad = run(*search, "--as-of", "2023-02-30")
    assert bad.exit_code == 1
    assert (
        bad.output.strip() == "error: '2023-02-30' is not a day: write YYYY-MM-DD, e.g. 2024-01-01"
    )
    # an export keeps every fact unless a day is asked for
    run("export", "--out", str(tmp_path / "all"))
    run("export", "--out", str(tmp_path / "2024"), "--as-of", "2024-01-01")
    assert "lu-ministere-interieur," in (tmp_path / "all" / "actors.csv").read_text(
        encoding="utf-8"
    )
    assert "lu-ministere-interieur," not in (tmp_path / "2024" / "actors.csv").read_text(
        encoding="utf-8"
    )
    page = tmp_path / "page.html"
    run("html", "--out", str(page), "--country", "LU", "--as-of", "2024-01-01")
    assert "as of 2024-01-01" in page.read_text(encoding="utf-8")


def test_levels_default_to_the_dataset_countries(run, minimal):
    manifest = json.loads((minimal / "manifest.json").read_text(encoding="utf-8"))
    manifest["countries"] = ["FR", "LU"]
    (minimal / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    data = json.loads(run("levels", "--dataset", str(minimal), "--format", "json").output)
    assert data and {(r["country_a"], r["country_b"]) for r in data} == {("FR", "LU")}


def test_gaps_command(run):
    result = run("gaps", "--around", "CC Bouzonvillois", "--top", "5")
    assert result.exit_code == 0
    assert result.output.splitlines()[0].split() == [
        "kind",
        "severity",
        "about",
        "side_a",
        "side_b",
    ]
    assert "\nDocumented obstacles (a perimeter, a link, an instrument):\n1. [" in result.output
    table = result.output.split("\n\n")[0]
    assert "Convention de coopération transfrontali…" in table  # what each gap is about
    assert "Regionalverband Saarbrücken" in table  # a table names the places and actors
    assert "t-de-" not in table and "fr-alzing" not in table
    data = json.loads(
        run(
            "gaps", "--kind", "no_counterpart", "--around", "CC Bouzonvillois", "--format", "json"
        ).output
    )
    assert data and all(g["kind"] == "no_counterpart" for g in data)
    csv_out = run("gaps", "--kind", "level_mismatch", "--country", "LU", "--format", "csv").output
    assert csv_out.splitlines()[0].startswith("kind,severity,competence,themes,side_a,side_b,")
    assert "lu-" in csv_out and "Commune de" not in csv_out.split("\n")[1]  # a file keeps ids
    bad = run("gaps", "--kind", "gap")
    assert bad.exit_code == 1
    assert bad.output.startswith("error: unknown gap kind 'gap'; allowed: perimeter_stops_short,")
    bad_theme = run("gaps", "--theme", "sport")
    assert bad_theme.exit_code == 1 and "allowed: environment_mobility" in bad_theme.output
    assert run("gaps", "--around", "atlantis").exit_code == 1


def test_gaps_on_a_dataset_without_cross_border_ties(run, minimal: Path):
    rows = read_rows(minimal / "relations.csv")
    write_rows(minimal / "relations.csv", [r for r in rows if r["type"] != "PARTICIPATES_IN"])
    result = CliRunner().invoke(main, ["gaps", "--dataset", str(minimal)])
    assert result.exit_code == 0
    assert "note: the dataset has no cross-border cooperation tie" in result.output


def test_metrics_command(run):
    result = run("metrics")
    assert result.exit_code == 0
    assert result.output.startswith("cooperation ties: ")
    assert "who holds what — environment_mobility" in result.output
    data = json.loads(run("metrics", "--format", "json").output)
    assert {"ties", "communities", "brokers", "coverage"} <= set(data)
    csv_out = run("metrics", "--format", "csv").output.splitlines()
    assert csv_out[0].startswith("theme,competence,name,")


def test_html_and_report_commands(run, tmp_path):
    out = tmp_path / "n.html"
    result = run("html", "--out", str(out), "--country", "LU")
    assert result.exit_code == 0 and result.output.startswith(f"wrote {out}: ")
    again = run("html", "--out", str(out))
    assert again.exit_code == 1 and "already exists" in again.output
    assert run("html", "--out", str(out), "--force", "--ego", "fr-apach").exit_code == 0
    assert run("html", "--out", str(out), "--force", "--country", "IT").exit_code == 1
    report = tmp_path / "r.html"
    result = run(
        "report", "--out", str(report), "--theme", "tourism_attractiveness", "--around", "fr-apach"
    )
    assert result.exit_code == 0
    assert "1 theme(s), 1 focus actor(s)" in result.output
    page = report.read_text(encoding="utf-8")
    # the roadmap is a section of the report: the dialogue to set up, with who meets whom
    assert "<h3>The dialogue to set up</h3>" in page and "<b>Meet:</b> " in page
    assert "Commune d&#39;Apach" in page.split("<h3>The dialogue to set up</h3>")[1]
    bad = run("report", "--out", str(tmp_path / "x.html"), "--theme", "sport")
    assert bad.exit_code == 1 and "unknown theme 'sport'" in bad.output


def test_ctrl_c_during_a_load_waits_for_the_next_batch_boundary():
    import os
    import signal

    from govgraph.cli import interrupt_between_batches

    before = signal.getsignal(signal.SIGINT)
    with interrupt_between_batches() as stop_point:
        stop_point()  # nothing asked yet
        os.kill(os.getpid(), signal.SIGINT)  # deferred: the driver's read is not cut
        with pytest.raises(KeyboardInterrupt):
            stop_point()
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)  # a second Ctrl-C stops at once
    assert signal.getsignal(signal.SIGINT) is before


def test_an_empty_answer_is_a_sentence_that_says_why(run):
    result = run(
        "who", "health_insurance", "--around", "fr-apach", "--max-distance", "0", "--country", "LU"
    )
    assert result.exit_code == 1
    assert result.output.strip() == (
        "no answer: LU: no holder of health_insurance within 0 border steps of Commune d'Apach; "
        "the nearest: Caisse nationale de santé, Direction de la santé, Ministère de la Santé "
        "et de la Sécurité sociale (1 border step): try --max-distance 1"
    )
    # machine formats keep their empty answer and still say why on stderr
    result = run(
        "who",
        "health_insurance",
        "--around",
        "fr-apach",
        "--max-distance",
        "0",
        "--country",
        "LU",
        "--format",
        "json",
    )
    assert result.exit_code == 0 and result.output.endswith("[]\n")  # stderr is mixed in
    assert "no answer: LU" in result.output


def test_an_inland_question_is_answered_from_farther_and_says_so(run):
    result = run(
        "counterparts",
        "fr-anzeling",
        "--competence",
        "waste_collection",
        "--country",
        "DE",
        "--explain",
    )
    assert result.exit_code == 0
    assert "the search went on from the territories containing fr-anzeling's" in result.output


# --------------------------------------------------------------------------- a federal border

FEDERAL = str(ROOT / "tests" / "fixtures" / "federal")


def test_validate_lists_the_warnings_of_a_valid_dataset(run):
    result = run("validate", FEDERAL)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("valid: federal-test 0.1.0")
    assert lines[1] == "3 warnings (valid, but worth mending):"
    assert lines[2].endswith(
        "territories.csv:13: population_date: is empty but population is given (the figure is "
        "read as undated) — give the reference date of the population figure"
    )
    assert result.stderr == ""  # listed once, not logged as well


def test_other_commands_say_a_dataset_has_warnings_once(run):
    result = run("actors", "--dataset", FEDERAL, "--search", "Moeskroen")
    assert result.exit_code == 0
    [warning] = result.stderr.splitlines()
    assert warning.startswith(f"warning: {FEDERAL}: 3 warnings (the first: ")
    assert warning.endswith("; govgraph validate lists them")
    assert "be-mouscron" in result.stdout and "BE-WAL" in result.stdout


def test_a_former_name_is_found_and_the_answer_says_so(run):
    result = run("actors", "--dataset", FEDERAL, "--search", "transpole")
    assert result.exit_code == 0
    assert "former_names" in result.stdout and "Transpole (until 2019)" in result.stdout
    result = run("counterparts", "Transpole", "--dataset", FEDERAL, "--top", "1")
    assert result.exit_code == 0
    assert "note: 'Transpole' is a former name of Ilévia (until 2019)" in result.stderr
    assert "Counterparts of Ilévia (fr-ilevia)" in result.stdout


def test_a_subdivision_is_a_side_everywhere(run):
    result = run("counterparts", "Halluin", "--dataset", FEDERAL, "--country", "BE-VLG")
    assert result.exit_code == 0
    assert "be-menen" in result.stdout and "be-mouscron" not in result.stdout
    result = run("counterparts", "Tourcoing", "--dataset", FEDERAL, "--country", "BE-WAL")
    assert "be-mouscron" in result.stdout and "be-menen" not in result.stdout
    result = run("counterparts", "Halluin", "--dataset", FEDERAL, "--country", "BE-WAL")
    assert "be-menen" not in result.stdout  # beyond the Walloon side
    result = run("gaps", "--dataset", FEDERAL, "--country", "BE-WAL", "--format", "json")
    assert result.exit_code == 0
    sides = {s["country"] for g in json.loads(result.stdout) for s in (g["side_a"], g["side_b"])}
    assert "BE-WAL" in sides and "BE-VLG" not in sides
    result = run("metrics", "--dataset", FEDERAL, "--format", "json")
    coverage = json.loads(result.stdout)["coverage"]["public_services_healthcare"]
    assert {"BE-BRU", "BE-VLG", "BE-WAL", "FR"} <= set(coverage[0])  # a column per region


def test_as_of_brings_back_a_dissolved_body(run):
    result = run("actors", "--dataset", FEDERAL, "--search", "Nord-Pas-de-Calais")
    assert result.exit_code == 1
    assert "no actor matches" in result.stderr
    result = run(
        "actors", "--dataset", FEDERAL, "--search", "Nord-Pas-de-Calais", "--as-of", "2010-06-01"
    )
    assert result.exit_code == 0 and "fr-region-nord-pas-de-calais" in result.stdout


GENEVA = str(ROOT / "datasets" / "greater-geneva")


def test_every_command_works_on_the_second_bundled_border(run, tmp_path):
    commands = [
        ("validate", GENEVA),
        ("info", "--dataset", GENEVA),
        ("actors", "--dataset", GENEVA, "--country", "CH-VD", "--kind", "municipality"),
        ("counterparts", "Annemasse Agglo", "--dataset", GENEVA, "--country", "CH-GE"),
        ("who", "urban_bus", "--around", "Gaillard", "--dataset", GENEVA),
        ("levels", "--dataset", GENEVA),
        ("gaps", "--around", "CC du Genevois", "--dataset", GENEVA, "--top", "5"),
        ("metrics", "--dataset", GENEVA, "--format", "json"),
        ("html", "--dataset", GENEVA, "--out", str(tmp_path / "gg.html")),
        ("report", "--dataset", GENEVA, "--out", str(tmp_path / "gg-report.html")),
        ("export", "--dataset", GENEVA, "--out", str(tmp_path / "gg-copy")),
    ]
    for args in commands:
        result = run(*args)
        assert result.exit_code == 0, (args, result.output[-500:])
    assert "CH-VD" in run("actors", "--dataset", GENEVA, "--country", "CH-VD").stdout
    assert "FR – CH" in run("levels", "--dataset", GENEVA).stdout
    assert run("validate", str(tmp_path / "gg-copy")).exit_code == 0


def _self_contained_minimal(tmp_path: Path) -> Path:
    """The minimal dataset with the test reference inside it (``"reference": "included"``),
    without the two test allocations that name no article: a dataset whose sources are clean."""
    import shutil

    folder = tmp_path / "clean"
    shutil.copytree(ROOT / "datasets" / "minimal", folder)
    for file in (ROOT / "tests" / "fixtures" / "reference").glob("*.csv"):
        shutil.copy(file, folder / file.name)
    rows = read_rows(folder / "allocations.csv")
    write_rows(
        folder / "allocations.csv",
        [r for r in rows if "art" in r["legal_basis"] or "§" in r["legal_basis"]],
    )
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["reference"] = "included"
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def test_validate_strict_fails_on_a_weak_source_only(run, tmp_path):
    folder = _self_contained_minimal(tmp_path)
    result = run("validate", str(folder), "--strict")
    assert result.exit_code == 0, result.output
    assert "about sources" not in result.stdout
    rows = read_rows(folder / "actors.csv")
    rows[0]["source"] = "https://www.dewiki.de/Lexikon/Apach"
    write_rows(folder / "actors.csv", rows)
    lenient = run("validate", str(folder))
    assert lenient.exit_code == 0
    assert "1 warning about sources (valid, but worth mending):" in lenient.stdout
    assert "cite the page it copies: https://de.wikipedia.org/wiki/Apach" in lenient.stdout
    strict = run("validate", str(folder), "--strict")
    assert strict.exit_code == 1
    assert strict.stderr.strip() == "error: 1 warning about sources (--strict)"


def test_sources_reports_kinds_hosts_and_weak_rows(run, tmp_path):
    folder = _self_contained_minimal(tmp_path)
    table = run("sources", str(folder))
    assert table.exit_code == 0
    assert "no weak source" in table.stdout and "official" in table.stdout
    report = json.loads(run("sources", str(folder), "--format", "json").stdout)
    assert report["weak"] == [] and report["kinds"]["mirror"]["count"] == 0
    hosts = list(csv.DictReader(io.StringIO(run("sources", str(folder), "--format", "csv").stdout)))
    assert hosts and set(hosts[0]) == {"host", "kind", "count"}
    rows = read_rows(folder / "holdings.csv")
    rows[0]["source"] = "https://www.ccb3f.fr/"
    write_rows(folder / "holdings.csv", rows)
    weak = json.loads(run("sources", str(folder), "--format", "json").stdout)["weak"]
    assert [w["problem"] for w in weak] == ["is only a homepage, which does not show this fact"]


def test_roadmap_command(run):
    """Per theme, who should meet whom through which body about which gap, with evidence; as
    text, JSON and CSV; an unknown theme is a clear error."""
    result = run("roadmap", "--around", "CC Bouzonvillois", "--theme", "environment_mobility")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("== environment_mobility ==")
    assert "   meet: " in result.output and "   evidence: " in result.output
    assert "   through: " in result.output
    steps = json.loads(run("roadmap", "--around", "CC Bouzonvillois", "--format", "json").output)
    assert {s["theme"] for s in steps} == {
        "environment_mobility",
        "public_services_healthcare",
        "tourism_attractiveness",
    }
    assert all(s["meet"] and s["evidence"] for s in steps)
    assert all(f["source"] for s in steps for f in s["evidence"])
    # the studied actor is at the table in every step
    ccb3f = "fr-cc-bouzonvillois-trois-frontieres"
    assert all(
        any(p["id"] == ccb3f or p.get("for", {}).get("id") == ccb3f for p in s["meet"])
        for s in steps
    )
    csv_out = run("roadmap", "--around", "Bouzonville", "--steps", "2", "--format", "csv").output
    assert csv_out.splitlines()[0] == "theme,rank,kind,severity,about,meet,through,evidence"
    assert len(csv_out.splitlines()) <= 1 + 3 * 2 + 20  # quoted cells may wrap
    bad = run("roadmap", "--around", "CC Bouzonvillois", "--theme", "sport")
    assert bad.exit_code == 1 and "unknown theme 'sport'" in bad.output
    assert "Traceback" not in bad.output


def test_competences_by_name_and_the_catalogue(run):
    """Any name of a competence, in any language of the catalogue, works where one is asked
    for (with a note), an ambiguous one lists the candidates, and `govgraph competences` lists
    the catalogue with each country's levels."""
    result = run("who", "Santé", "--around", "Apach", "--country", "LU")
    assert result.exit_code == 0
    assert "note: 'Santé' is the competence health" in result.output
    ambiguous = run("who", "school", "--around", "Apach")
    assert ambiguous.exit_code == 1 and "names several competences" in ambiguous.output
    assert "school_transport (School transport)" in ambiguous.output
    unknown = run("counterparts", "Apach", "--competence", "atlantis")
    assert unknown.exit_code == 1 and "govgraph competences lists them" in unknown.output
    table = run("competences", "--theme", "public_services_healthcare")
    assert table.exit_code == 0 and table.output.split()[:2] == ["id", "name_en"]
    rows = json.loads(run("competences", "--format", "json").output)
    health = next(r for r in rows if r["id"] == "health")
    assert health["name_fr"] == "Santé" and health["cofog"] == "07"
    police = next(r for r in rows if r["id"] == "police")
    assert "Land (shared)" in police["DE"] and "Commune (shared)" in police["FR"]
    assert run("competences", "--format", "csv").output.startswith("id,name_en,name_fr,name_de")
    gaps = json.loads(
        run(
            "gaps", "--competence", "waste", "--around", "CC Bouzonvillois", "--format", "json"
        ).output.split("\n", 1)[-1]
    )
    assert gaps and all(
        {g["competence"]} & {"waste_management", "waste_collection", "waste_treatment"}
        if isinstance(g["competence"], str)
        else set(g["competence"]) & {"waste_management", "waste_collection", "waste_treatment"}
        for g in gaps
    )


def test_an_output_into_a_missing_folder_is_a_clear_error(run, tmp_path):
    """--out into a folder that does not exist: an error with the fix, exit 1, nothing made."""
    target = tmp_path / "no" / "such" / "x.html"
    for command in (("html", "--out", str(target)), ("report", "--out", str(target))):
        result = run(*command)
        assert result.exit_code == 1
        assert f"the folder {target.parent} does not exist" in result.output
        assert "mkdir -p" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "no").exists()


TABLE_COMMANDS = [
    ("who", "public_transport", "--around", "CC Bouzonvillois"),
    ("gaps", "--around", "CC Bouzonvillois", "--top", "10"),
    ("metrics",),
    ("actors",),
    ("counterparts", "CC Bouzonvillois", "--explain"),
    ("levels",),
    ("competences",),
    ("roadmap", "--around", "CC Bouzonvillois"),
    ("info",),
    ("sources",),
]


@pytest.mark.parametrize("columns", [80, 120])
def test_every_line_fits_the_terminal_and_wide_gives_the_full_table(columns):
    """At COLUMNS=80 and 120 every line of every command with a table fits; --wide gives the
    full width; JSON and CSV are never wrapped."""
    from govgraph.render.tables import TABLE_WIDTH

    runner = CliRunner()
    try:
        for command in TABLE_COMMANDS:
            result = runner.invoke(main, list(command), env={"COLUMNS": str(columns)})
            assert result.exit_code == 0, (command, result.output)
            longest = max(len(line) for line in result.stdout.splitlines())
            assert longest <= columns, (command, longest)
        wide = runner.invoke(main, ["--wide", "actors"], env={"COLUMNS": str(columns)})
        assert max(len(line) for line in wide.stdout.splitlines()) > columns
        csv_out = runner.invoke(main, ["actors", "--format", "csv"], env={"COLUMNS": "80"})
        assert max(len(line) for line in csv_out.stdout.splitlines()) > 80  # machine formats
    finally:
        TABLE_WIDTH.set(None)


def test_log_levels_verbose_and_quiet():
    """The library logs through logging; -v shows its info lines, --quiet hides its warnings
    (a dataset's population-date warnings), the default shows warnings only."""
    import logging

    runner = CliRunner()
    gg = ["--dataset", "datasets/greater-geneva"]
    try:
        default = runner.invoke(main, ["info", *gg])
        assert "warning: " in default.stderr and "info: " not in default.stderr
        verbose = runner.invoke(main, ["-v", "info"])
        assert "info: built the graph of three-borders" in verbose.stderr
        quiet = runner.invoke(main, ["--quiet", "info", *gg])
        assert quiet.exit_code == 0 and "warning: " not in quiet.stderr
        both = runner.invoke(main, ["-v", "--quiet", "info"])
        assert both.exit_code == 2 and "not both" in both.output
    finally:
        logging.getLogger("govgraph").setLevel(logging.NOTSET)
        runner.invoke(main, ["info"])  # back to the default handler level
