"""``ki-check score``: one company's scores as a table or JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ki_check.cli.common import (
    AsOfOption,
    LangOption,
    err,
    handle_errors,
    out,
    parse_as_of,
    print_issues,
)
from ki_check.i18n import pick, tr

if TYPE_CHECKING:
    from rich.text import Text

    from ki_check.model import Questionnaire
    from ki_check.scoring import ScoreResult

# Library modules are imported inside the command: ``--help`` stays fast.


@handle_errors
def score(
    answers: Annotated[Path, typer.Argument(help="Antwortdatei (YAML).", metavar="ANTWORTEN.yaml")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Ergebnis als ein JSON-Objekt ausgeben.")
    ] = False,
    baseline: Annotated[
        str | None,
        typer.Option(
            "--baseline",
            help="Vergleichszahl, z. B. destatis-2024 (Standard: bmwi-2019).",
            metavar="ID",
        ),
    ] = None,
    as_of: AsOfOption = None,
    questionnaire: Annotated[
        Path | None,
        typer.Option(
            "--questionnaire", help="Fragebogen-Datei statt des in der Antwortdatei genannten."
        ),
    ] = None,
    lang: LangOption = "de",
) -> None:
    """Ein Unternehmen bewerten: Punkte je Dimension, Gesamtwert, Stufe, Vergleich.

    Beispiel: ki-check score examples/muster-gmbh.yaml --json
    Exit-Code 0: bewertet, 2: ungültige Eingabe (Meldung mit Datei und Zeile).
    """
    from ki_check.answers import open_answers
    from ki_check.questionnaire import load_questionnaire
    from ki_check.scoring import score as compute_score

    day = parse_as_of(as_of)
    q, af = open_answers(answers, load_questionnaire(questionnaire) if questionnaire else None)
    result = compute_score(q, af, baseline=baseline, as_of=day)
    if af.warnings:
        print_issues(af.warnings, lang)
    if as_json:
        data = result.to_json(lang)
        data["company"] = {"name": af.company.name, "file": str(answers)}
        data["status"] = af.interview.status
        out.file.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    _print_table(result, q, af.company.name, lang)
    if af.interview.status != "complete":
        err.print(
            pick(
                lang,
                "Hinweis: Das Interview ist noch nicht abgeschlossen.",
                "Note: the interview is not complete yet.",
            ),
            style="yellow",
        )


def _bar(value: float | None, width: int = 20) -> Text:
    from rich.text import Text

    if value is None:
        return Text("–", style="dim")
    filled = round(value / 100 * width)
    return Text("█" * filled + "░" * (width - filled), style="cyan")


def _print_table(result: ScoreResult, q: Questionnaire, company: str, lang: str) -> None:
    from rich.table import Table

    from ki_check import fmt
    from ki_check.explain import baseline_comparison, overall_line, position_text

    title = tr(q.title, lang)
    table = Table(title=f"{title} · {company}" if company else title, title_justify="left")
    table.add_column("Dimension")
    table.add_column(pick(lang, "Punkte", "Score"), justify="right")
    table.add_column("", no_wrap=True)
    table.add_column(pick(lang, "beantwortet", "answered"), justify="right")
    for d in result.dimensions:
        value = (
            fmt.number(d.score, lang)
            if d.score is not None
            else pick(lang, "keine Angabe", "no answers")
        )
        table.add_row(tr(d.label, lang), value, _bar(d.score), f"{d.answered}/{d.total}")
    out.print(table)
    out.print(overall_line(result, lang), markup=False)
    if result.baseline:
        out.print(baseline_comparison(result.baseline, lang), markup=False)
        out.print(position_text(result.baseline, lang), markup=False)
    _print_findings(result, q, lang)
    if result.recommendations:
        out.print()
        out.print(pick(lang, "Empfehlungen:", "Recommendations:"), style="bold")
        for rec in result.recommendations:
            out.print(f"• {tr(rec.text, lang)}", markup=False)


LEVEL_WORDS = {
    "red": ("rot – Handlungsbedarf", "red – action needed"),
    "amber": ("gelb – prüfen", "amber – check"),
    "green": ("grün", "green"),
}


def _print_findings(result: ScoreResult, q: Questionnaire, lang: str) -> None:
    """Gaps, barriers, the AI Act light and matching programmes, one short block each."""
    from ki_check.advice import load_ai_act, load_barriers

    if result.gaps:
        out.print()
        out.print(
            pick(
                lang,
                "Größte Lücken (relevant, aber wenig genutzt):",
                "Largest gaps (relevant but little used):",
            ),
            style="bold",
        )
        for g in result.gaps[:3]:
            question = q.question(g.question)
            out.print(f"• {tr(question.text, lang) if question else g.question}", markup=False)
    if result.barriers:
        barriers = load_barriers()
        labels = ", ".join(tr(barriers[b].label, lang) for b in result.barriers)
        out.print(pick(lang, "Hürden: ", "Barriers: ") + labels, markup=False)
    if result.ai_act:
        rules = load_ai_act()
        parts = [
            f"{tr(item.title, lang)}: {pick(lang, *LEVEL_WORDS[result.ai_act[item.id]])}"
            for item in rules.items
            if item.id in result.ai_act
        ]
        out.print(pick(lang, "EU-KI-Verordnung: ", "EU AI Act: ") + " · ".join(parts), markup=False)
    if result.funding:
        names = ", ".join(tr(m.programme.name, lang) for m in result.funding)
        out.print(
            pick(lang, "Passende Förderprogramme: ", "Matching funding: ") + names, markup=False
        )
