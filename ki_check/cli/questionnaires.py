"""``ki-check questionnaires list | show | validate``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ki_check.cli.common import LangOption, err, handle_errors, out, print_issues
from ki_check.errors import EXIT_USAGE, KiCheckError
from ki_check.i18n import pick, plural, tr
from ki_check.util.textsafe import styled

if TYPE_CHECKING:
    from ki_check.assessment.validate import FileReport
    from ki_check.questionnaire.model import Question, Questionnaire

# Library modules are imported inside the commands: ``--help`` stays fast.

app = typer.Typer(
    help="Fragebögen auflisten, anzeigen und prüfen.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.command("list")
@handle_errors
def list_(lang: LangOption = "de") -> None:
    """Gebündelte Fragebögen auflisten.

    Beispiel: ki-check questionnaires list
    """
    from rich.table import Table

    from ki_check.questionnaire.load import load_questionnaire
    from ki_check.util.resources import bundled_questionnaires

    table = Table(title=pick(lang, "Gebündelte Fragebögen", "Bundled questionnaires"))
    for head in ("ID", "Version", pick(lang, "Titel", "Title"), pick(lang, "Fragen", "Questions")):
        table.add_column(head)
    for qid in bundled_questionnaires():
        try:
            q = load_questionnaire(qid)
        except KiCheckError:
            table.add_row(qid, "–", pick(lang, "ungültig (validate zeigt warum)", "invalid"), "–")
            continue
        table.add_row(q.id, q.version, tr(q.title, lang), str(len(q.questions)))
    out.print(table)


@app.command("show")
@handle_errors
def show(
    questionnaire: Annotated[
        str, typer.Argument(help="ID eines gebündelten Fragebogens oder Pfad.")
    ],
    lang: LangOption = "de",
) -> None:
    """Einen Fragebogen mit Dimensionen, Fragen, Optionen, Punkten und Stufen anzeigen.

    Beispiel: ki-check questionnaires show kmu-basis
    """
    from ki_check.questionnaire.load import load_questionnaire

    _print_questionnaire(load_questionnaire(questionnaire), lang)


def _print_questionnaire(q: Questionnaire, lang: str) -> None:
    """The questionnaire: title, dimensions with their questions, stages, adoption question."""
    from rich.table import Table

    out.print(styled((tr(q.title, lang), "bold"), f"  ({q.id} {q.version})"))
    if q.description:
        out.print(tr(q.description, lang), markup=False)
    for d in q.dimensions:
        out.print()
        weight = pick(lang, "Gewicht", "weight")
        out.print(styled((tr(d.label, lang), "bold"), (f" ({d.id}, {weight} {d.weight:g})", "dim")))
        for question in d.questions:
            _print_question(question, lang)
    out.print()
    table = Table(title=pick(lang, "Stufen", "Stages"))
    for head in ("ID", pick(lang, "Stufe", "Stage"), pick(lang, "Bereich", "Range")):
        table.add_column(head)
    for s in q.stages:
        table.add_row(s.id, tr(s.label, lang), f"{s.min:g} – {s.max:g}")
    out.print(table)
    if q.adoption:
        opts = ", ".join(sorted(q.adoption.adopter_options))
        out.print(
            pick(lang, "KI-Einsatz-Frage: ", "AI adoption question: ")
            + f"{q.adoption.question} ∈ {{{opts}}}"
        )


def _print_question(q: Question, lang: str) -> None:
    from ki_check.questionnaire.conditions import describe

    flags: list[str] = [q.type]
    if q.weight != 1:
        flags.append(f"×{q.weight:g}")
    if q.required:
        flags.append(pick(lang, "Pflicht", "required"))
    if q.allow_not_relevant:
        flags.append(pick(lang, "nicht relevant erlaubt", "not relevant allowed"))
    if not q.scored:
        flags.append(pick(lang, "ohne Wertung", "unscored"))
    out.print(styled("  ", (q.id, "cyan"), (f" [{', '.join(flags)}]", "dim")))
    out.print(f"    {tr(q.text, lang)}", markup=False)
    if q.show_if is not None:
        out.print(f"    {pick(lang, 'nur wenn', 'only if')} {describe(q.show_if)}", style="dim")
    for row in q.rows:
        out.print(f"    ▸ {row.id}: {tr(row.label, lang)}", markup=False)
    for o in q.options:
        out.print(f"    - {o.id}: {tr(o.label, lang)} ({o.points:g})", markup=False)
    if q.type == "scale":
        out.print(f"    {q.min:g} … {q.max:g}", markup=False)
    for b in q.bands:
        out.print(f"    {b.min:g} … {b.max:g} → {b.points:g}", markup=False)


@app.command("validate")
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Fragebögen oder Antwortdateien (YAML).")],
    strict: Annotated[
        bool, typer.Option("--strict", help="Warnungen wie Fehler behandeln.")
    ] = False,
    lang: LangOption = "de",
) -> None:
    """Fragebögen und Antwortdateien prüfen; meldet alle Fehler mit Datei:Zeile:Spalte.

    Beispiel: ki-check questionnaires validate questionnaires/kmu-basis.yaml meine-antworten.yaml
    Exit-Code 0: gültig, 2: Fehler gefunden (mit --strict auch bei Warnungen).
    """
    from ki_check.assessment.validate import validate_file

    failed = False
    for path in paths:
        report = validate_file(path)
        print_issues(report.issues, lang)
        _print_verdict(path, report, strict, lang)
        failed = report.failed(strict) or failed
    if failed:
        err.print(
            pick(lang, "Validierung fehlgeschlagen.", "Validation failed."),
            style="red",
            markup=False,
        )
        raise typer.Exit(EXIT_USAGE)


def _print_verdict(path: Path, report: FileReport, strict: bool, lang: str) -> None:
    """``✗ path: 2 Fehler, 1 Warnung`` for a file that fails, else ``✓ path: what it is``."""
    errors, warnings = report.errors, report.warnings
    if report.failed(strict):
        out.print(
            f"✗ {path}: "
            + pick(
                lang,
                f"{errors} Fehler, {plural(warnings, 'Warnung', 'Warnungen')}",
                f"{plural(errors, 'error', 'errors')}, {plural(warnings, 'warning', 'warnings')}",
            ),
            markup=False,
        )
        return
    note = (
        pick(
            lang,
            f" ({plural(warnings, 'Warnung', 'Warnungen')})",
            f" ({plural(warnings, 'warning', 'warnings')})",
        )
        if warnings
        else ""
    )
    out.print(f"✓ {path}: {report.summary(lang)}{note}", markup=False)
