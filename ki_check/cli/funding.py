"""``ki-check funding list | show | match``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ki_check.cli.common import AsOfOption, LangOption, handle_errors, out, parse_as_of
from ki_check.i18n import pick, tr

if TYPE_CHECKING:
    from ki_check.assessment.funding_check import FundingCheck
    from ki_check.funding.model import Programme

app = typer.Typer(
    help="Förderprogramme auflisten, anzeigen und für ein Unternehmen prüfen.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Library modules are imported inside the commands: ``--help`` stays fast.


@app.command("list")
@handle_errors
def list_(
    state: Annotated[
        str | None, typer.Option("--state", help="Nur Programme für dieses Bundesland (z. B. BY).")
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Auch beendete Programme zeigen.")
    ] = False,
    lang: LangOption = "de",
) -> None:
    """Förderprogramme des Katalogs auflisten (Stand, Art, Höchstbetrag).

    Beispiel: ki-check funding list --state BY
    """
    from ki_check.funding.catalogue import list_programmes

    programmes = list_programmes(state, include_ended=show_all, where="--state")
    _print_programmes(programmes, lang)


def _print_programmes(programmes: Iterable[Programme], lang: str) -> None:
    """The programmes as a table: id, name, level, kind, maximum, status, newest source."""
    from rich.table import Table

    from ki_check import fmt
    from ki_check.funding.match import KIND_TEXT, STATUS_TEXT

    table = Table(title=pick(lang, "Förderprogramme", "Funding programmes"))
    table.add_column("ID", no_wrap=True)
    for head in (
        "Name",
        pick(lang, "Ebene", "Level"),
        pick(lang, "Art", "Kind"),
        pick(lang, "bis", "max"),
        "Status",
        pick(lang, "Quelle", "source"),
    ):
        table.add_column(head)
    for p in programmes:
        level = p.level.upper() if p.level != "land" else ",".join(p.states)
        table.add_row(
            p.id,
            tr(p.name, lang),
            level,
            tr(KIND_TEXT[p.kind], lang),
            fmt.money(p.max_eur, lang) if p.max_eur else "–",
            tr(STATUS_TEXT[p.status], lang),
            _newest(p, lang),
        )
    out.print(table)


@app.command("show")
@handle_errors
def show(
    programme: Annotated[str, typer.Argument(help="ID des Programms, z. B. digitalbonus-bayern.")],
    lang: LangOption = "de",
) -> None:
    """Ein Förderprogramm mit Bedingungen, Satz, Frist und Quelle anzeigen.

    Beispiel: ki-check funding show go-digital
    """
    from ki_check.funding.catalogue import get_programme

    _print_programme(get_programme(programme), lang)


def _print_programme(p: Programme, lang: str) -> None:
    """One programme: its facts line by line, the amount by company, its sources."""
    from ki_check import fmt
    from ki_check.funding.match import KIND_TEXT, amount_lines

    out.print(f"{tr(p.name, lang)}  ({p.id})", style="bold")
    rows = [
        (pick(lang, "Träger", "Provider"), tr(p.provider, lang)),
        (
            pick(lang, "Ebene", "Level"),
            p.level.upper() + (f" ({', '.join(p.states)})" if p.level == "land" else ""),
        ),
        (pick(lang, "Art", "Kind"), tr(KIND_TEXT[p.kind], lang)),
        (pick(lang, "Gefördert wird", "Funds"), tr(p.funds, lang)),
        (pick(lang, "Satz", "Rate"), tr(p.rate, lang)),
        (pick(lang, "Höchstbetrag", "Maximum"), fmt.money(p.max_eur, lang) if p.max_eur else "–"),
        (
            pick(lang, "Frist", "Valid until"),
            fmt.date(p.valid_until, lang) if p.valid_until else pick(lang, "offen", "open"),
        ),
        ("Status", _status(p, lang)),
        ("Link", p.url),
        (pick(lang, "Neueste Quelle", "Newest source"), _newest(p, lang)),
    ]
    if p.note:
        rows.append((pick(lang, "Hinweis", "Note"), tr(p.note, lang)))
    for label, value in rows:
        out.print(f"  {label}: {value}", markup=False, soft_wrap=True)
    lines = amount_lines(p, lang)
    if lines:
        label = pick(lang, "Betrag je nach Unternehmen", "Amount by company")
        out.print(f"  {label}:", markup=False)
        for line in lines:
            out.print(f"    – {line}", markup=False, soft_wrap=True)
    out.print(f"  {pick(lang, 'Quellen', 'Sources')}:", markup=False)
    for source in p.sources:
        out.print(f"    – {source.text(lang)}", markup=False, soft_wrap=True)


def _newest(p: Programme, lang: str) -> str:
    from ki_check import fmt

    newest = p.newest_source()
    return newest.date_text(lang) if newest else fmt.date(p.last_verified, lang)


def _status(p: Programme, lang: str) -> str:
    from ki_check import fmt

    if p.status == "ended":
        day = p.ended_on or p.valid_until
        return pick(lang, "beendet", "ended") + (
            f" ({pick(lang, 'am', 'on')} {fmt.date(day, lang)})" if day else ""
        )
    if p.status == "closed_call":
        return pick(lang, "derzeit keine offene Ausschreibung", "no open call at present")
    return pick(lang, "offen", "open")


@app.command("match")
@handle_errors
def match(
    answers: Annotated[
        Path,
        typer.Argument(
            help="Antwortdatei (YAML); das Firmenprofil genügt.", metavar="ANTWORTEN.yaml"
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Als JSON-Liste ausgeben.")] = False,
    as_of: AsOfOption = None,
    lang: LangOption = "de",
) -> None:
    """Förderprogramme für ein Unternehmen: empfohlen, möglich, vorher prüfen, passt nicht.

    Beispiel: ki-check funding match examples/muster-gmbh.yaml
    Mit Antworten dieselben Empfehlungen wie score und report, mit Gründen und Betrag.
    Enthält die Datei nur das Firmenprofil: nur Förderfähigkeit, keine Empfehlung.
    """
    from ki_check.assessment.funding_check import check_funding

    check = check_funding(answers, as_of=parse_as_of(as_of))
    if as_json:
        data = check.to_json(lang)
        out.file.write(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n")
        return
    _print_check(check, str(answers), lang)


# group → (German heading, English heading, mark, style)
GROUP_WORDS = {
    "recommended": ("Empfohlen", "Recommended", "✓", "green"),
    "possible": ("Möglich", "Possible", "○", ""),
    "check_first": ("Vor einem Antrag prüfen", "Check before applying", "!", "yellow"),
    "eligible": ("Förderfähig", "Eligible", "✓", "green"),
    "not_matching": ("Passt nicht", "Does not fit", "✗", "dim"),
}


def _print_check(check: FundingCheck, display: str, lang: str) -> None:
    """The verdicts by group, each with its reasons and, where eligible, the amount."""
    name = check.answers.company.name or display
    out.print(f"{pick(lang, 'Förderprogramme für', 'Funding programmes for')} {name}", style="bold")
    if not check.advised:
        out.print(
            pick(
                lang,
                "Nur Förderfähigkeit, keine Empfehlung: Die Antwortdatei enthält nur das"
                " Firmenprofil. Mit Antworten zeigt ki-check, welche Programme die nächsten"
                " Schritte bezahlen.",
                "Eligibility only, no recommendation: the answer file holds only the company"
                " profile. With answers, ki-check shows which programmes pay for the next steps.",
            ),
            style="yellow",
            markup=False,
        )
    for group, verdicts in check.groups():
        de, en, mark, style = GROUP_WORDS[group]
        out.print(f"{pick(lang, de, en)} ({len(verdicts)}):", style="bold", markup=False)
        for v in verdicts:
            out.print(
                f"{mark} {tr(v.programme.name, lang)} ({v.programme.id})", style=style, markup=False
            )
            reasons = "; ".join(tr(r, lang) for r in v.reasons)
            out.print(f"    {reasons}", markup=False, soft_wrap=True)
            if v.amount and v.tier != "not_matching":
                label = pick(lang, "Betrag", "Amount")
                out.print(f"    {label}: {tr(v.amount, lang)}", markup=False, soft_wrap=True)
