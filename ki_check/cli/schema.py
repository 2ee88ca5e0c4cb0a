"""``ki-check schema questionnaire | answers FRAGEBOGEN``: JSON Schemas for editors."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ki_check.cli.common import LangOption, handle_errors

app = typer.Typer(
    help="JSON Schema (2020-12) für Fragebögen und Antwortdateien ausgeben (für Editoren).",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print(schema: dict[str, Any]) -> None:
    import json

    typer.echo(json.dumps(schema, ensure_ascii=False, indent=2, allow_nan=False))


@app.command("questionnaire")
@handle_errors
def questionnaire(lang: LangOption = "de") -> None:
    """JSON Schema eines Fragebogens ausgeben.

    Beispiel: ki-check schema questionnaire > fragebogen.schema.json
    In der YAML-Datei dann: # yaml-language-server: $schema=fragebogen.schema.json
    """
    from ki_check.interchange.json_schema import questionnaire_schema

    _print(questionnaire_schema())


@app.command("answers")
@handle_errors
def answers(
    questionnaire: Annotated[
        str,
        typer.Argument(
            help="ID eines gebündelten Fragebogens (z. B. kmu-basis) oder Pfad.",
            metavar="FRAGEBOGEN",
        ),
    ],
    lang: LangOption = "de",
) -> None:
    """JSON Schema der Antwortdateien eines Fragebogens ausgeben (Fragen- und Options-IDs).

    Beispiel: ki-check schema answers kmu-basis > kmu-basis-antworten.schema.json
    In der Antwortdatei dann: # yaml-language-server: $schema=kmu-basis-antworten.schema.json
    """
    from ki_check.interchange.json_schema import answers_schema
    from ki_check.questionnaire.load import load_questionnaire

    _print(answers_schema(load_questionnaire(questionnaire)))
