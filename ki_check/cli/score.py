"""``ki-check score``: one company's scores as a table or JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ki_check.cli.common import (
    AsOfOption,
    BaselineOption,
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

    from ki_check.assessment.assess import Assessment

# Library modules are imported inside the command: ``--help`` stays fast.


@handle_errors
def score(
    answers: Annotated[Path, typer.Argument(help="Antwortdatei (YAML).", metavar="ANTWORTEN.yaml")],
    as_json: Annotated[
        bool, typer.Option("--json", help="Ergebnis als ein JSON-Objekt ausgeben.")
    ] = False,
    baseline: BaselineOption = None,
    as_of: AsOfOption = None,
    questionnaire: Annotated[
        Path | None,
        typer.Option(
            "--questionnaire", help="Fragebogen-Datei statt des in der Antwortdatei genannten."
        ),
    ] = None,
    lang: LangOption = "de",
) -> None:
    """Ein Unternehmen bewerten: Punkte, Stufe, Vergleich, die nächsten Schritte und Förderung.

    Beispiel: ki-check score examples/muster-gmbh.yaml --json
    Exit-Code 0: bewertet, 2: ungültige Eingabe (Meldung mit Datei und Zeile).
    """
    from ki_check.assessment.answers import open_answers
    from ki_check.assessment.assess import assess
    from ki_check.questionnaire.load import load_questionnaire

    day = parse_as_of(as_of)
    q, af = open_answers(answers, load_questionnaire(questionnaire) if questionnaire else None)
    assessment = assess(q, af, baseline=baseline, as_of=day)
    if af.warnings:
        print_issues(af.warnings, lang)
    if as_json:
        data = assessment.to_json(lang)
        data["company"] = {"name": af.company.name, "file": str(answers)}
        data["status"] = af.interview.status
        out.file.write(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n")
        return
    print_assessment(assessment, lang)
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


def print_assessment(a: Assessment, lang: str) -> None:
    """The scores as a table, then the advice: actions, light, programmes, the advisor's word."""
    from ki_check import fmt
    from ki_check.assessment.explain import baseline_comparison, overall_line, position_text

    result = a.result
    _print_dimensions(a, lang)
    out.print(overall_line(result, lang, a.provisional), markup=False)
    if a.provisional:
        share = fmt.percent(result.coverage, lang)
        limit = fmt.percent(a.provisional_below, lang, decimals=0)
        out.print(
            pick(
                lang,
                f"Vorläufig: erst {share} der Fragen beantwortet, weniger als {limit}. Stufe und"
                " Einordnung beruhen auf zu wenigen Antworten; der Plan beginnt damit, den"
                " Check zu vervollständigen.",
                f"Provisional: only {share} of the questions answered, less than {limit}. Stage"
                " and position rest on too few answers; the plan starts by completing the check.",
            ),
            style="yellow",
            markup=False,
        )
    if result.comparability:
        out.print(tr(result.comparability, lang), style="yellow", markup=False)
    if result.baseline:
        out.print(baseline_comparison(result.baseline, lang), markup=False)
        out.print(position_text(result.baseline, lang), markup=False)
    # The terminal shows what the report's summary shows, in the same words: the plan
    # is the one list of what to do (docs/report.md, "score and report").
    _print_actions(a, lang)
    _print_findings(a, lang)
    if a.conclusion or a.follow_up:
        out.print()
        if a.conclusion:
            out.print(
                pick(lang, "Fazit der Beratung: ", "Advisor's conclusion: ") + a.conclusion,
                markup=False,
            )
        if a.follow_up:
            out.print(
                pick(lang, "Nachprüfung: ", "Re-check: ") + fmt.date(a.follow_up, lang),
                markup=False,
            )


def _print_dimensions(a: Assessment, lang: str) -> None:
    """The table of dimensions: score, a bar and how many questions were answered."""
    from rich.table import Table

    from ki_check import fmt

    company = a.answers.company.name
    title = tr(a.questionnaire.title, lang)
    table = Table(title=f"{title} · {company}" if company else title, title_justify="left")
    table.add_column("Dimension")
    table.add_column(pick(lang, "Punkte", "Score"), justify="right")
    table.add_column(pick(lang, "Skala 0–100", "Scale 0–100"), no_wrap=True)
    table.add_column(pick(lang, "beantwortet", "answered"), justify="right")
    for d in a.result.dimensions:
        value = (
            fmt.number(d.score, lang)
            if d.score is not None
            else pick(lang, "keine Angabe", "no answers")
        )
        table.add_row(tr(d.label, lang), value, _bar(d.score), f"{d.answered}/{d.total}")
    out.print(table)


HORIZON_WORDS = {
    "now": ("sofort", "now"),
    "90d": ("90 Tage", "90 days"),
    "6m": ("6 Monate", "6 months"),
    "12m": ("12 Monate", "12 months"),
}


def _print_actions(a: Assessment, lang: str) -> None:
    """The prioritised actions, numbered, with horizon, owner and why."""
    if not a.actions:
        return
    out.print()
    out.print(
        pick(lang, "Nächste Schritte, in dieser Reihenfolge:", "Next steps, in this order:"),
        style="bold",
    )
    for i, action in enumerate(a.actions, start=1):
        horizon = pick(lang, *HORIZON_WORDS[action.when])
        out.print(
            f"{i}. {tr(action.title, lang)} ({horizon} · {tr(action.owner, lang)})", markup=False
        )
        out.print(
            f"   {pick(lang, 'Warum', 'Why')}: {tr(action.why, lang)}", markup=False, style="dim"
        )


def _print_barriers(a: Assessment, lang: str) -> None:
    """The barriers the company named, then those only its answers show (docs/advice.md)."""
    barriers = a.barriers
    named = ", ".join(tr(b.label, lang) for b in barriers if b.named)
    derived = ", ".join(tr(b.label, lang) for b in barriers if not b.named)
    if named:
        out.print(
            pick(lang, "Von Ihnen genannte Hürden: ", "Barriers you named: ") + named,
            markup=False,
        )
    if derived:
        out.print(
            pick(lang, "Aus Ihren Antworten abgeleitete Hürden: ", "Barriers your answers show: ")
            + derived,
            markup=False,
        )


LEVEL_WORDS = {
    "red": ("rot – Handlungsbedarf", "red – action needed"),
    "amber": ("gelb – prüfen", "amber – check"),
    "green": ("grün", "green"),
}
ROLE_WORDS = {
    "none": ("keine (nutzt keine KI)", "none (uses no AI)"),
    "deployer": ("Betreiber (nutzt KI anderer)", "deployer (uses the AI of others)"),
    "provider": ("Anbieter (KI unter eigenem Namen)", "provider (AI under its own name)"),
    "unknown": ("unbekannt – noch nicht erfragt", "unknown – not asked yet"),
}


def _print_findings(a: Assessment, lang: str) -> None:
    """Strengths, gaps, barriers, the AI Act light and the funding, one short block each.

    Strengths and gaps are the report summary's (dimensions with their score);
    barriers are split into those the company named and those its answers show.
    """
    from ki_check import fmt
    from ki_check.funding.model import ends_text

    out.print()
    strengths = " · ".join(
        f"{tr(d.label, lang)} ({fmt.number(d.score or 0.0, lang)})" for d in a.strengths
    )
    least = fmt.number(a.strength_from, lang, 0)
    out.print(
        pick(lang, "Stärken: ", "Strengths: ")
        + (
            strengths
            or pick(
                lang,
                f"Bisher keine Dimension mit mindestens {least} Punkten.",
                f"No dimension with {least} points or more yet.",
            )
        ),
        markup=False,
    )
    if a.summary_gaps:
        out.print(pick(lang, "Größte Lücken:", "Largest gaps:"), style="bold")
    for g in a.summary_gaps:
        score = fmt.number(g.dimension.score, lang)  # type: ignore[arg-type]
        out.print(f"• {tr(g.dimension.label, lang)} ({score})", markup=False)
    _print_barriers(a, lang)
    parts = [
        f"{tr(s.title, lang)}: {pick(lang, *LEVEL_WORDS[s.level])}" for s in a.act_items if s.level
    ]
    role = pick(lang, *ROLE_WORDS[a.role])
    if a.provisional and a.role == "none":
        role = pick(lang, "keine erkennbar (nach den bisherigen Antworten)", "none seen (so far)")
    out.print(
        pick(lang, f"EU-KI-Verordnung, Rolle {role}: ", f"EU AI Act, role {role}: ")
        + (" · ".join(parts) or pick(lang, "keine Angaben", "no answers")),
        markup=False,
    )
    for c in a.clarify:
        out.print(pick(lang, "Zu klären: ", "To clarify: ") + tr(c.title, lang), markup=False)
    if a.shortlist:
        # a programme ending before its step is due says so (docs/advice.md)
        names = ", ".join(
            tr(v.programme.name, lang) + (f" ({tr(ends_text(v.ends), lang)})" if v.ends else "")
            for v in a.shortlist
        )
        out.print(
            pick(lang, "Empfohlene Förderung: ", "Recommended funding: ") + names, markup=False
        )
    possible = len(a.tier("possible")) + len(a.tier("recommended")) - len(a.shortlist)
    if possible:
        out.print(
            pick(
                lang,
                f"Weitere {possible} Programme kommen in Frage (ki-check report zeigt alle).",
                f"{possible} more programmes are possible (ki-check report shows all).",
            ),
            markup=False,
            style="dim",
        )
