"""``archive benchmark`` and ``archive export``: peer groups and upward reporting."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ki_check.cli.archive_options import DbOption, JsonOption, print_json
from ki_check.cli.common import (
    ForceOption,
    LangOption,
    SinceOption,
    err,
    handle_errors,
    out,
    out_option,
    parse_date,
)
from ki_check.errors import KiCheckError
from ki_check.i18n import pick, plural, tr

if TYPE_CHECKING:
    from ki_check.archive.queries import PeerGroup


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
    from ki_check.assessment.profile import SECTORS, SIZE_CLASSES, STATES

    for value, allowed, option in (
        (sector, SECTORS, "--sector"),
        (size, SIZE_CLASSES, "--size"),
        (state, STATES, "--state"),
    ):
        _check_choice(value, allowed, option, lang)
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
        print_json(group.to_json())
        return
    _print_group(group, lang)


def _check_choice(value: str | None, allowed: Collection[str], option: str, lang: str) -> None:
    """Raise a usage error (exit 2) naming ``option`` when ``value`` is given and not allowed."""
    if value is not None and value not in allowed:
        raise typer.BadParameter(
            pick(
                lang,
                "'{v}' ist nicht erlaubt; eines von: {a}",
                "'{v}' is not allowed; one of: {a}",
            ).format(v=value, a=" ".join(allowed)),
            param_hint=f"'{option}'",
        )


def _print_group(group: PeerGroup, lang: str) -> None:
    """The peer group's size and filters; its medians and quartiles when it is large enough."""
    from ki_check import fmt

    filters = ", ".join(f"{k}={v}" for k, v in group.filters.items() if v) or pick(
        lang, "alle", "all"
    )
    out.print(
        pick(
            lang,
            f"Vergleichsgruppe {group.questionnaire or '–'} ({filters}): {group.n} Unternehmen",
            f"Peer group {group.questionnaire or '–'} ({filters}):"
            f" {plural(group.n, 'company', 'companies')}",
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
    from ki_check.questionnaire.load import load_questionnaire

    try:
        q = load_questionnaire(questionnaire) if questionnaire else None
    except KiCheckError:
        q = None
    return {d.id: tr(d.label, lang) for d in q.dimensions} if q else {}


@handle_errors
def export(
    fmt_: Annotated[str, typer.Option("--format", help="csv, xlsx oder jsonl.", metavar="FORMAT")],
    output: Annotated[
        Path | None,
        out_option("Zieldatei (bei jsonl ohne --out: Standardausgabe)."),
    ] = None,
    since: SinceOption = None,
    pseudonymise: Annotated[
        bool,
        typer.Option("--pseudonymise", help="Ohne Namen, Schlüssel, Berater und Freitext."),
    ] = False,
    force: ForceOption = False,
    db: DbOption = None,
    lang: LangOption = "de",
) -> None:
    """Zahlen nach Stufe, Branche, Größe und Land und die Zeilen exportieren.

    Beispiel: ki-check archive export --format xlsx --since 2026-01-01 --out 2026.xlsx
    CSV wie deutsches Excel es liest (; und Dezimalkomma); die Zahlen in NAME-zahlen.csv.
    """
    from ki_check.archive.export import collect, write
    from ki_check.archive.store import open_archive

    day = parse_date(since, "--since")
    with open_archive(db) as archive:
        data = collect(archive, since=day, pseudonymise=pseudonymise)
    files = write(data, fmt_.lower(), output, force=force, stream=out.file, lang=lang)
    for path in files:
        err.print(pick(lang, f"Geschrieben: {path}", f"Written: {path}"), markup=False)
    err.print(
        pick(
            lang,
            f"{plural(len(data.rows), 'Erhebung', 'Erhebungen')} von {data.companies} Unternehmen.",
            f"{plural(len(data.rows), 'assessment', 'assessments')} of"
            f" {plural(data.companies, 'company', 'companies')}.",
        )
    )
