"""``ki-check export xlsform``: a questionnaire as a form for ODK Collect and KoboToolbox."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ki_check.cli.common import ForceOption, LangOption, handle_errors, out_option
from ki_check.i18n import pick

app = typer.Typer(
    help="Fragebögen für andere Werkzeuge exportieren (XLSForm für ODK und KoboToolbox).",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.command("xlsform")
@handle_errors
def xlsform(
    questionnaire: Annotated[
        str,
        typer.Argument(
            help="ID eines gebündelten Fragebogens (z. B. kurzcheck) oder Pfad.",
            metavar="FRAGEBOGEN",
        ),
    ],
    output: Annotated[Path, out_option("Ziel, z. B. formular.xlsx.")],
    force: ForceOption = False,
    lang: LangOption = "de",
) -> None:
    """Den Fragebogen als XLSForm (.xlsx) schreiben: für ODK Collect, KoboToolbox, ODK Central.

    Beispiel: ki-check export xlsform kurzcheck --out kurzcheck-formular.xlsx
    Die Exporte der Einsendungen (CSV/XLSX) liest danach: ki-check batch EXPORT --out ORDNER
    """
    from ki_check.interchange.xlsform_sheets import write_xlsform

    written = write_xlsform(questionnaire, output, force=force)
    typer.echo(pick(lang, f"XLSForm geschrieben: {written}", f"XLSForm written: {written}"))
