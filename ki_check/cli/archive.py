"""``ki-check archive …``: store assessments, read them back, peer groups, export, push,
forget and purge. SQLAlchemy is imported inside the commands only."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ki_check.cli.common import LangOption, err, handle_errors, out, print_issues
from ki_check.errors import EXIT_PARTIAL, KiCheckError
from ki_check.i18n import pick, tr

if TYPE_CHECKING:
    from ki_check.archive.ingest import AddSummary

app = typer.Typer(
    help="Archiv der Erhebungen: Verlauf, Vergleichsgruppen, Export, Übertragung, Löschung.",
    no_args_is_help=True,
)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Archiv: Pfad einer SQLite-Datei oder postgresql://… (Standard: KI_CHECK_DB,"
        " sonst archiv.sqlite im Datenordner des Benutzers).",
        metavar="PFAD|URL",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Als JSON ausgeben.")]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Ohne Rückfrage löschen.")]


def _day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"'{value}' ist kein Datum JJJJ-MM-TT / is not a date YYYY-MM-DD", param_hint=option
        ) from None


def _json(data: Any) -> None:
    out.file.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _confirm(yes: bool, question: str, lang: str) -> None:
    if yes:
        return
    if not sys.stdin.isatty():
        raise KiCheckError(
            "Zum Löschen ohne Terminal bitte --yes angeben.",
            "To delete without a terminal, please add --yes.",
        )
    if not typer.confirm(question, default=False):
        raise typer.Exit(1)


@app.command("add")
@handle_errors
def add(
    paths: Annotated[
        list[Path], typer.Argument(help="Antwortdateien oder Ordner.", metavar="DATEI|ORDNER…")
    ],
    questionnaire: Annotated[
        Path | None, typer.Option("--questionnaire", help="Fragebogen-Datei für alle Dateien.")
    ] = None,
    db: DbOption = None,
    lang: LangOption = "de",
) -> None:
    """Antwortdateien bewerten und im Archiv ablegen; fehlerhafte einzeln melden.

    Beispiel: ki-check archive add erhebungen/ --db kammer.sqlite
    Dieselbe Datei zweimal hinzuzufügen ändert nichts. Exit-Code 0: alles abgelegt,
    1: einige Dateien fehlerhaft (die übrigen sind abgelegt), 2: Archiv nicht nutzbar.
    """
    from ki_check.archive.ingest import add_files
    from ki_check.archive.store import open_archive
    from ki_check.questionnaire import load_questionnaire

    q = load_questionnaire(questionnaire) if questionnaire else None
    with open_archive(db) as archive:
        summary = add_files(archive, paths, questionnaire=q)
        where = archive.target.display
    _print_added(summary, where, lang)
    if summary.count("invalid"):
        raise typer.Exit(EXIT_PARTIAL)


def _print_added(summary: AddSummary, where: str, lang: str) -> None:
    warned = 0
    for o in summary.outcomes:
        if o.status == "invalid":
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
                f"… und {warned - 3} weitere Dateien ohne company.id.",
                f"… and {warned - 3} more files without company.id.",
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
    since: Annotated[
        str | None, typer.Option("--since", help="Erst ab diesem Tag (JJJJ-MM-TT).")
    ] = None,
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

    day = _day(since, "--since")
    with open_archive(db) as archive:
        rows = archive.list(company=company, since=day, questionnaire=questionnaire)
    if as_json:
        _json(rows)
        return
    if not rows:
        err.print(pick(lang, "Keine Erhebungen gefunden.", "No assessments found."))
        return
    from rich.table import Table

    table = Table()
    for head in ("ID", pick(lang, "Datum", "Date"), pick(lang, "Unternehmen", "Company")):
        table.add_column(head)
    table.add_column(pick(lang, "Schlüssel", "Key"))
    table.add_column(pick(lang, "Fragebogen", "Questionnaire"))
    table.add_column(pick(lang, "Gesamt", "Overall"), justify="right")
    table.add_column(pick(lang, "Stufe", "Stage"))
    from ki_check import fmt

    for r in rows:
        table.add_row(
            str(r["id"]),
            r["as_of"],
            r["company_name"],
            r["company"],
            r["questionnaire_id"],
            "–" if r["overall"] is None else fmt.number(r["overall"], lang),
            (r["stage"] or "–")
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
        _json(row)
        return
    from ki_check import fmt

    result = row["result"]
    lines = [
        f"#{row['id']} · {row['company_name']} ({row['company']}) · {row['as_of']}",
        f"{tr(result['questionnaire']['title'], lang)} ({row['questionnaire_id']}"
        f" {row['questionnaire_version']}) · {pick(lang, 'Status', 'status')}: {row['status']}",
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
    lines.append(
        pick(
            lang,
            f"{len(row['answers'].get('answers', {}))} Antworten,"
            f" {len(row['answers'].get('notes', {}))} Notizen · abgelegt {row['added_at']}"
            f" aus {row['source']} · ki-check {row['ki_check_version']}",
            f"{len(row['answers'].get('answers', {}))} answers,"
            f" {len(row['answers'].get('notes', {}))} notes · added {row['added_at']}"
            f" from {row['source']} · ki-check {row['ki_check_version']}",
        )
    )
    for line in lines:
        out.print(line, markup=False, soft_wrap=True)


@app.command("benchmark")
@handle_errors
def benchmark(
    questionnaire: Annotated[
        str | None, typer.Option("--questionnaire", help="Fragebogen-ID.")
    ] = None,
    sector: Annotated[
        str | None, typer.Option("--sector", help="WZ-2008-Abschnitt, z. B. C.")
    ] = None,
    size: Annotated[
        str | None, typer.Option("--size", help="micro, small, medium oder large.")
    ] = None,
    state: Annotated[str | None, typer.Option("--state", help="Bundesland, z. B. BY.")] = None,
    min_group: Annotated[
        int | None,
        typer.Option("--min-group", help="Mindestgröße der Gruppe (5, nur höher erlaubt)."),
    ] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
    lang: LangOption = "de",
) -> None:
    """Vergleichsgruppe: Median und Quartile ähnlicher Unternehmen, nie unter fünf.

    Beispiel: ki-check archive benchmark --questionnaire kmu-basis --sector C --size small
    Jedes Unternehmen zählt einmal, mit seiner letzten abgeschlossenen Erhebung.
    """
    from ki_check.archive.queries import benchmark as peer_group
    from ki_check.archive.store import open_archive
    from ki_check.profile import SECTORS, SIZE_CLASSES, STATES

    for value, allowed, option in (
        (sector, SECTORS, "--sector"),
        (size, SIZE_CLASSES, "--size"),
        (state, STATES, "--state"),
    ):
        if value is not None and value not in allowed:
            raise typer.BadParameter(
                f"'{value}': erlaubt / allowed: {' '.join(allowed)}", param_hint=option
            )
    with open_archive(db) as archive:
        group = peer_group(
            archive,
            questionnaire=questionnaire,
            sector=sector,
            size=size,
            state=state,
            min_group=min_group,
        )
    if as_json:
        _json(group.to_json())
        return
    from ki_check import fmt

    filters = ", ".join(f"{k}={v}" for k, v in group.filters.items() if v) or pick(
        lang, "alle", "all"
    )
    out.print(
        pick(
            lang,
            f"Vergleichsgruppe {group.questionnaire or '–'} ({filters}): {group.n} Unternehmen",
            f"Peer group {group.questionnaire or '–'} ({filters}): {group.n} companies",
        ),
        markup=False,
    )
    if not group.large_enough:
        out.print(
            pick(
                lang,
                f"Keine Zahlen: die Gruppe hat weniger als {group.min_group} Unternehmen.",
                f"No figures: the group has fewer than {group.min_group} companies.",
            ),
            markup=False,
        )
        return
    labels = _dimension_labels(group.questionnaire, lang)

    def line(label: str, s: Any) -> str:
        if s is None:
            return f"  {label}: " + pick(lang, "zu wenige Werte", "too few values")
        return (
            f"  {label}: Median {fmt.number(s.median, lang)} · Q1 {fmt.number(s.q1, lang)}"
            f" · Q3 {fmt.number(s.q3, lang)}"
        )

    out.print(line(pick(lang, "Gesamt", "Overall"), group.overall), markup=False)
    dims = group.dimensions or {}
    for did in sorted(dims, key=lambda d: list(labels).index(d) if d in labels else 99):
        out.print(line(labels.get(did, did), dims[did]), markup=False)
    stages = ", ".join(f"{k}: {v}" for k, v in (group.stages or {}).items())
    out.print(pick(lang, "Stufen: ", "Stages: ") + stages, markup=False)


def _dimension_labels(questionnaire: str | None, lang: str) -> dict[str, str]:
    from ki_check.questionnaire import load_questionnaire

    try:
        q = load_questionnaire(questionnaire) if questionnaire else None
    except KiCheckError:
        q = None
    return {d.id: tr(d.label, lang) for d in q.dimensions} if q else {}


@app.command("export")
@handle_errors
def export(
    fmt_: Annotated[str, typer.Option("--format", help="csv, xlsx oder jsonl.", metavar="FORMAT")],
    output: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Zieldatei (bei jsonl ohne --out: Standardausgabe)."),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Ab diesem Tag (JJJJ-MM-TT).")
    ] = None,
    pseudonymise: Annotated[
        bool,
        typer.Option("--pseudonymise", help="Ohne Namen, Schlüssel, Berater und Freitext."),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Vorhandene Datei überschreiben.")] = False,
    db: DbOption = None,
    lang: LangOption = "de",
) -> None:
    """Zahlen nach Stufe, Branche, Größe und Land und die Zeilen exportieren.

    Beispiel: ki-check archive export --format xlsx --since 2026-01-01 --out 2026.xlsx
    CSV wie deutsches Excel es liest (; und Dezimalkomma); die Zahlen in NAME-zahlen.csv.
    """
    from ki_check.archive.export import collect, write
    from ki_check.archive.store import open_archive

    day = _day(since, "--since")
    with open_archive(db) as archive:
        data = collect(archive, since=day, pseudonymise=pseudonymise)
    files = write(data, fmt_.lower(), output, force=force, stream=out.file)
    for path in files:
        err.print(pick(lang, f"Geschrieben: {path}", f"Written: {path}"), markup=False)
    err.print(
        pick(
            lang,
            f"{len(data.rows)} Erhebungen von {data.companies} Unternehmen.",
            f"{len(data.rows)} assessments of {data.companies} companies.",
        )
    )


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
            f"{moved} Erhebungen gehören jetzt zu {canonical}.",
            f"{moved} assessments now belong to {canonical}.",
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

    _confirm(
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
        pick(lang, f"{n} Erhebungen von {key} gelöscht.", f"{n} assessments of {key} erased."),
        markup=False,
    )


_PERIOD = re.compile(r"^\s*(\d+)\s*([dmy])\s*$")


def parse_period(text: str, today: dt.date) -> dt.date:
    """``36m`` / ``3y`` / ``90d`` before ``today`` as a day (month ends clamp: 31 → 30)."""
    m = _PERIOD.match(text.lower())
    if not m:
        raise typer.BadParameter(
            f"'{text}': z. B. 36m (Monate), 3y (Jahre), 90d (Tage)", param_hint="--older-than"
        )
    n, unit = int(m.group(1)), m.group(2)
    if unit == "d":
        return today - dt.timedelta(days=n)
    months = n * (12 if unit == "y" else 1)
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    month += 1
    import calendar

    return dt.date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


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
    _confirm(
        yes,
        pick(
            lang,
            f"Alle Erhebungen vor dem {before} löschen?",
            f"Erase every assessment before {before}?",
        ),
        lang,
    )
    with open_archive(db) as archive:
        n = archive.purge(before)
    err.print(
        pick(
            lang,
            f"{n} Erhebungen vor dem {before} gelöscht.",
            f"{n} assessments before {before} erased.",
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
