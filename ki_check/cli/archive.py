"""``ki-check archive …``: store assessments, read them back, peer groups, export, push,
forget and purge. SQLAlchemy is imported inside the commands only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ki_check import fmt
from ki_check.cli import archive_peers
from ki_check.cli.archive_options import (
    DbOption,
    JsonOption,
    YesOption,
    confirm,
    parse_period,
    print_json,
)
from ki_check.cli.common import (
    LangOption,
    SinceOption,
    err,
    handle_errors,
    out,
    parse_date,
    print_issues,
)
from ki_check.errors import EXIT_PARTIAL
from ki_check.i18n import pick, plural, tr

if TYPE_CHECKING:
    from ki_check.archive.ingest import AddSummary

app = typer.Typer(
    help="Archiv der Erhebungen: Verlauf, Vergleichsgruppen, Export, Übertragung, Löschung.",
    no_args_is_help=True,
)


STATUS = {"complete": ("abgeschlossen", "complete"), "in_progress": ("offen", "open")}


def added_at(stamp: str, lang: str) -> str:
    """``2026-11-30T04:05:06Z`` as ``30.11.2026, 04:05 UTC`` (``30 Nov 2026, 04:05 UTC``)."""
    try:
        when = dt.datetime.fromisoformat(stamp.rstrip("Z"))
    except ValueError:
        return stamp
    return f"{fmt.date(when.date(), lang, 'medium')}, {when:%H:%M} UTC"


@app.command("add")
@handle_errors
def add(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Antwortdateien, Ordner oder Exporte aus KoboToolbox / ODK Central (CSV, XLSX).",
            metavar="DATEI|ORDNER|EXPORT…",
        ),
    ],
    questionnaire: Annotated[
        Path | None, typer.Option("--questionnaire", help="Fragebogen-Datei für alle Dateien.")
    ] = None,
    db: DbOption = None,
    lang: LangOption = "de",
) -> None:
    """Antwortdateien und Einsendungen bewerten und im Archiv ablegen; fehlerhafte einzeln melden.

    Beispiel: ki-check archive add erhebungen/ --db kammer.sqlite
    Beispiel: ki-check archive add kobo-export.csv   (jede Einsendung eine Erhebung)
    Dieselbe Datei zweimal hinzuzufügen ändert nichts. Exit-Code 0: alles abgelegt,
    1: einige Dateien oder Zeilen fehlerhaft (die übrigen sind abgelegt), 2: Archiv
    nicht nutzbar.
    """
    from ki_check.archive.ingest import add_files
    from ki_check.archive.store import open_archive
    from ki_check.questionnaire.load import load_questionnaire

    q = load_questionnaire(questionnaire) if questionnaire else None
    with open_archive(db) as archive:
        summary = add_files(
            archive,
            paths,
            questionnaire=q,
            questionnaire_ref=str(questionnaire) if questionnaire else None,
            lang=lang,
        )
        where = archive.target.display
    _print_added(summary, where, lang)
    if summary.count("invalid"):
        raise typer.Exit(EXIT_PARTIAL)


def _print_added(summary: AddSummary, where: str, lang: str) -> None:
    warned = 0
    for o in summary.outcomes:
        if o.status == "invalid":
            for e in o.row_errors:
                head, _, rest = e.format(lang).partition("\n")
                err.print(head, style="red", markup=False, soft_wrap=True)
                if rest:
                    err.print(rest, markup=False, soft_wrap=True)
            if o.issues:
                print_issues(o.issues, lang)
            elif o.error is not None:
                err.print(f"{o.path}: {o.error.message(lang)}", style="red", markup=False)
        elif o.issues:
            warned += 1
            if warned <= 3:
                print_issues(o.issues, lang)
        if o.status == "forgotten":
            err.print(
                pick(
                    lang,
                    f"{o.path}: früher mit 'archive forget/purge' gelöscht – nicht wieder"
                    " aufgenommen.",
                    f"{o.path}: erased earlier with 'archive forget/purge' – not taken back.",
                ),
                style="yellow",
                markup=False,
            )
    if warned > 3:
        err.print(
            pick(
                lang,
                f"… und {plural(warned - 3, 'weitere Erhebung', 'weitere Erhebungen')}"
                " ohne company.id.",
                f"… and {plural(warned - 3, 'more assessment', 'more assessments')}"
                " without company.id.",
            ),
            style="yellow",
        )
    incomplete = sum(1 for o in summary.outcomes if o.in_progress and o.status == "stored")
    text = pick(
        lang,
        f"{summary.count('stored')} abgelegt, {summary.count('duplicate')} schon im Archiv,"
        f" {summary.count('invalid')} fehlerhaft → {where}",
        f"{summary.count('stored')} stored, {summary.count('duplicate')} already there,"
        f" {summary.count('invalid')} invalid → {where}",
    )
    err.print(text, markup=False, soft_wrap=True)
    if incomplete:
        err.print(
            pick(
                lang,
                f"{incomplete} davon mit unvollständigem Interview: sie zählen nicht für"
                " Vergleichsgruppen.",
                f"{incomplete} of them with an incomplete interview: they do not count for"
                " peer groups.",
            ),
            style="yellow",
        )


@app.command("list")
@handle_errors
def list_(
    company: Annotated[
        str | None, typer.Option("--company", help="Nur dieses Unternehmen (Schlüssel oder Name).")
    ] = None,
    since: SinceOption = None,
    questionnaire: Annotated[
        str | None, typer.Option("--questionnaire", help="Nur dieser Fragebogen.")
    ] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
    lang: LangOption = "de",
) -> None:
    """Die abgelegten Erhebungen auflisten, älteste zuerst.

    Beispiel: ki-check archive list --company id:IHK-4711 --json
    """
    from ki_check.archive.store import open_archive

    day = parse_date(since, "--since")
    with open_archive(db) as archive:
        rows = archive.list(company=company, since=day, questionnaire=questionnaire)
    if as_json:
        print_json(rows)
        return
    if not rows:
        err.print(pick(lang, "Keine Erhebungen gefunden.", "No assessments found."))
        return
    _print_rows(rows, lang)


def _print_rows(rows: list[dict[str, Any]], lang: str) -> None:
    """The stored assessments as a table, one row each."""
    from rich.table import Table

    from ki_check.archive.labels import stage_label

    table = Table()
    for head in ("ID", pick(lang, "Datum", "Date"), pick(lang, "Unternehmen", "Company")):
        table.add_column(head)
    table.add_column(pick(lang, "Schlüssel", "Key"))
    table.add_column(pick(lang, "Fragebogen", "Questionnaire"))
    table.add_column(pick(lang, "Gesamt", "Overall"), justify="right")
    table.add_column(pick(lang, "Stufe", "Stage"))
    from rich.text import Text

    for r in rows:
        table.add_row(  # names and keys are typed by people: plain text, never markup
            str(r["id"]),
            fmt.date(r["as_of"], lang, "medium"),
            Text(r["company_name"]),
            Text(r["company"]),
            Text(r["questionnaire_id"]),
            "–" if r["overall"] is None else fmt.number(r["overall"], lang),
            (stage_label(r["questionnaire_id"], r["stage"], lang) or "–")
            + ("" if r["status"] == "complete" else pick(lang, " (offen)", " (open)")),
        )
    out.print(table, markup=False)


@app.command("show")
@handle_errors
def show(
    ref: Annotated[
        str, typer.Argument(help="Nummer oder Anfang des Inhalts-Hashes.", metavar="ID")
    ],
    as_json: JsonOption = False,
    db: DbOption = None,
    lang: LangOption = "de",
) -> None:
    """Eine Erhebung mit Antworten, Notizen und Ergebnis zeigen.

    Beispiel: ki-check archive show 12 --json
    """
    from ki_check.archive.store import open_archive

    with open_archive(db) as archive:
        row = archive.get(ref)
    if as_json:
        print_json(row)
        return
    _print_record(row, lang)


def _print_record(row: dict[str, Any], lang: str) -> None:
    """One stored assessment: who, when, which questionnaire, its result, what it holds."""
    result = row["result"]
    day = fmt.date(row["as_of"], lang, "medium")
    status = STATUS.get(row["status"], (row["status"], row["status"]))
    lines = [
        f"#{row['id']} · {row['company_name']} ({row['company']}) · {day}",
        f"{tr(result['questionnaire']['title'], lang)} ({row['questionnaire_id']}"
        f" {row['questionnaire_version']}) · Status: {pick(lang, *status)}",
        pick(lang, "Berater/in: ", "Advisor: ") + (row["advisor"] or "–"),
    ]
    overall = "–" if row["overall"] is None else fmt.number(row["overall"], lang)
    stage = tr(result["stage"]["label"], lang) if result.get("stage") else "–"
    lines.append(
        pick(lang, f"Gesamt: {overall} · Stufe: {stage}", f"Overall: {overall} · Stage: {stage}")
    )
    for d in result["dimensions"]:
        value = "–" if d["score"] is None else fmt.number(d["score"], lang)
        lines.append(f"  {tr(d['label'], lang)}: {value}")
    answers = len(row["answers"].get("answers", {}))
    notes = len(row["answers"].get("notes", {}))
    added = added_at(row["added_at"], lang)
    lines.append(
        pick(
            lang,
            f"{plural(answers, 'Antwort', 'Antworten')}, {plural(notes, 'Notiz', 'Notizen')}"
            f" · abgelegt am {added} aus {row['source']} · ki-check {row['ki_check_version']}",
            f"{plural(answers, 'answer', 'answers')}, {plural(notes, 'note', 'notes')}"
            f" · added on {added} from {row['source']} · ki-check {row['ki_check_version']}",
        )
    )
    for line in lines:
        out.print(line, markup=False, soft_wrap=True)


@app.command("push")
@handle_errors
def push(
    to: Annotated[str, typer.Option("--to", help="Ziel-Archiv (Pfad oder URL).", metavar="URL")],
    db: DbOption = None,
    lang: LangOption = "de",
) -> None:
    """Erhebungen, die dem Ziel fehlen, dorthin kopieren (zweimal schadet nicht).

    Beispiel: ki-check archive push --to postgresql://beratung@kammer-db/ki_check
    """
    from ki_check.archive.push import push as copy
    from ki_check.archive.store import open_archive

    with open_archive(db) as source, open_archive(to) as target:
        summary = copy(source, target)
        where = target.target.display
    err.print(
        pick(
            lang,
            f"{summary.copied} kopiert, {summary.present} schon vorhanden,"
            f" {summary.forgotten} dort gelöscht und ausgelassen → {where}",
            f"{summary.copied} copied, {summary.present} already there,"
            f" {summary.forgotten} erased there and left out → {where}",
        ),
        markup=False,
        soft_wrap=True,
    )


@app.command("link")
@handle_errors
def link(
    key: Annotated[str, typer.Argument(help="Schlüssel, der aufgeht.", metavar="SCHLÜSSEL")],
    into: Annotated[str, typer.Argument(help="Schlüssel, der bleibt.", metavar="IN")],
    db: DbOption = None,
    lang: LangOption = "de",
) -> None:
    """Zwei Schlüssel desselben Unternehmens zusammenführen (z. B. Name → Mitgliedsnummer).

    Beispiel: ki-check archive link "name:muster metallbau gmbh/BY" id:IHK-4711
    """
    from ki_check.archive.store import open_archive

    with open_archive(db) as archive:
        canonical, moved = archive.link(key, into)
    err.print(
        pick(
            lang,
            f"{plural(moved, 'Erhebung gehört', 'Erhebungen gehören')} jetzt zu {canonical}.",
            f"{plural(moved, 'assessment now belongs', 'assessments now belong')} to {canonical}.",
        ),
        markup=False,
    )


@app.command("forget")
@handle_errors
def forget(
    company: Annotated[str, typer.Argument(help="Schlüssel oder Name.", metavar="UNTERNEHMEN")],
    yes: YesOption = False,
    db: DbOption = None,
    lang: LangOption = "de",
) -> None:
    """Alle Erhebungen eines Unternehmens löschen (Recht auf Löschung); protokolliert ohne Namen.

    Beispiel: ki-check archive forget id:IHK-4711 --yes
    """
    from ki_check.archive.store import open_archive

    confirm(
        yes,
        pick(
            lang,
            f"Alle Erhebungen von '{company}' löschen?",
            f"Erase every assessment of '{company}'?",
        ),
        lang,
    )
    with open_archive(db) as archive:
        key, n = archive.forget(company)
    err.print(
        pick(
            lang,
            f"{plural(n, 'Erhebung', 'Erhebungen')} von {key} gelöscht.",
            f"{plural(n, 'assessment', 'assessments')} of {key} erased.",
        ),
        markup=False,
    )


@app.command("purge")
@handle_errors
def purge(
    older_than: Annotated[
        str, typer.Option("--older-than", help="z. B. 36m, 3y oder 90d.", metavar="DAUER")
    ],
    yes: YesOption = False,
    db: DbOption = None,
    lang: LangOption = "de",
) -> None:
    """Erhebungen löschen, deren Tag länger zurückliegt als die Aufbewahrungsfrist.

    Beispiel: ki-check archive purge --older-than 36m --yes
    """
    from ki_check.archive.store import open_archive

    before = parse_period(older_than, dt.date.today())
    day = fmt.date(before, lang, "medium")
    confirm(
        yes,
        pick(
            lang, f"Alle Erhebungen vor dem {day} löschen?", f"Erase every assessment before {day}?"
        ),
        lang,
    )
    with open_archive(db) as archive:
        n = archive.purge(before)
    err.print(
        pick(
            lang,
            f"{plural(n, 'Erhebung', 'Erhebungen')} vor dem {day} gelöscht.",
            f"{plural(n, 'assessment', 'assessments')} before {day} erased.",
        ),
        markup=False,
    )


@app.command("upgrade")
@handle_errors
def upgrade(db: DbOption = None, lang: LangOption = "de") -> None:
    """Das Schema des Archivs auf den Stand dieser ki-check-Version bringen.

    Beispiel: ki-check archive upgrade --db postgresql://admin@kammer-db/ki_check
    Vorher sichern; ein Archiv einer neueren Version bleibt unverändert.
    """
    from ki_check.archive.store import open_archive

    with open_archive(db) as archive:
        before, after = archive.upgrade()
        where = archive.target.display
    if before == after:
        text = pick(
            lang, f"Schema {after} ist aktuell → {where}", f"Schema {after} is current → {where}"
        )
    else:
        text = pick(
            lang,
            f"Schema {before or 'leer'} → {after} → {where}",
            f"Schema {before or 'empty'} → {after} → {where}",
        )
    err.print(text, markup=False, soft_wrap=True)


app.command("benchmark")(archive_peers.benchmark)
app.command("export")(archive_peers.export)
