"""The diagnostics codes of the command line: names, options and outputs.

Where :mod:`ki_check.diagnostics` holds the findings in a file (a questionnaire,
an answer file, a row), these are the problems of a command itself: something
it names that is not there (``REF_…``), an input it cannot read (``INPUT_…``),
an output it cannot write (``OUT_…``), options that do not fit together
(``USAGE_…``), a file another process holds (``LOCK_…``) and a report template
that does what templates may not (``TMPL_…``). Each is German and English, with
a fix; :mod:`ki_check.diagnostics` merges them into ``CODES``, and errors carry
them with :meth:`ki_check.errors.KiCheckError.coded`::

    ki-check schema answers nosuch
    REF_001 Unbekannter Fragebogen 'nosuch'.
        Lösung: Gebündelt: eu-dma, handwerk, kmu-basis, kurzcheck, produktion. Eigene
        Fragebögen als Pfad zur YAML-Datei angeben.

Each entry: German message, English message, German fix, English fix.
"""

COMMAND_CODES: dict[str, tuple[str, str, str, str]] = {
    # --- what a command names -----------------------------------------------------
    "REF_001": (
        "Unbekannter Fragebogen '{name}'.",
        "Unknown questionnaire '{name}'.",
        "{suggestion}Gebündelt: {bundled}. Eigene Fragebögen als Pfad zur YAML-Datei angeben.",
        "{suggestion}Bundled: {bundled}. Give your own questionnaires as a path to the YAML file.",
    ),
    "REF_002": (
        "Fragebogen '{name}' liegt in Version {found} vor, nicht {wanted}.",
        "Questionnaire '{name}' is available in version {found}, not {wanted}.",
        "Die Version weglassen ({name}) oder die Datei dieser Version als Pfad angeben.",
        "Leave out the version ({name}) or give the file of that version as a path.",
    ),
    "REF_003": (
        "Fragebogen '{name}': {length} Zeichen sind kein Fragebogen-Name und kein Pfad.",
        "Questionnaire '{name}': {length} characters are no questionnaire name or path.",
        "Die ID eines gebündelten Fragebogens ('ki-check questionnaires list') oder den Pfad"
        " zur YAML-Datei angeben.",
        "Give the id of a bundled questionnaire ('ki-check questionnaires list') or the path"
        " to the YAML file.",
    ),
    "REF_004": (
        "Fragebogen-Datei nicht gefunden.",
        "Questionnaire file not found.",
        "Pfad prüfen; die gebündelten Fragebögen zeigt 'ki-check questionnaires list'.",
        "Check the path; 'ki-check questionnaires list' shows the bundled questionnaires.",
    ),
    "REF_005": (
        "Fragebogen-Datei nicht lesbar ({length} Zeichen im Pfad): {reason}",
        "Questionnaire file not readable ({length} characters in the path): {reason}",
        "Einen kürzeren Pfad angeben, der auf eine lesbare Datei zeigt.",
        "Give a shorter path that leads to a readable file.",
    ),
    "REF_006": (
        "Unbekannte Vergleichsbasis '{name}'.",
        "Unknown baseline '{name}'.",
        "{suggestion}Verfügbar: {available}.",
        "{suggestion}Available: {available}.",
    ),
    "REF_007": (
        "Unbekanntes Förderprogramm '{name}'.",
        "Unknown funding programme '{name}'.",
        "{suggestion}'ki-check funding list --all' zeigt alle.",
        "{suggestion}'ki-check funding list --all' shows them all.",
    ),
    "REF_008": (
        "'{ref}' ist weder eine Antwortdatei noch eine Nummer im Archiv.",
        "'{ref}' is neither an answer file nor an id in the archive.",
        "Den Pfad der Antwortdatei prüfen oder die Nummer aus 'ki-check archive list' nehmen.",
        "Check the path of the answer file or take the id from 'ki-check archive list'.",
    ),
    "REF_009": (
        "'{name}' passt auf mehrere Unternehmen: {found}.",
        "'{name}' matches several companies: {found}.",
        "Den Schlüssel angeben (id:… oder name:…); 'ki-check archive list' zeigt ihn.",
        "Give the key (id:… or name:…); 'ki-check archive list' shows it.",
    ),
    "REF_010": (
        "Kein Unternehmen '{name}' im Archiv.",
        "No company '{name}' in the archive.",
        "'ki-check archive list' zeigt die Schlüssel (id:… oder name:…).",
        "'ki-check archive list' shows the keys (id:… or name:…).",
    ),
    "REF_011": (
        "Keine Erhebung '{ref}' im Archiv.",
        "No assessment '{ref}' in the archive.",
        "'ki-check archive list' zeigt die Nummern.",
        "'ki-check archive list' shows the ids.",
    ),
    # --- inputs -------------------------------------------------------------------
    "INPUT_001": (
        "Eingabe nicht gefunden: {path}",
        "Input not found: {path}",
        "Pfad prüfen: einen Ordner mit Antwortdateien, eine .csv- oder eine .xlsx-Datei angeben.",
        "Check the path: give a folder of answer files, a .csv or an .xlsx file.",
    ),
    "INPUT_002": (
        "Unbekanntes Format '{suffix}'.",
        "Unknown format '{suffix}'.",
        "Einen Ordner mit Antwortdateien, eine .csv- oder eine .xlsx-Datei angeben.",
        "Give a folder of answer files, a .csv or an .xlsx file.",
    ),
    "INPUT_003": (
        "Keine auswertbare {unit} für {questionnaire} in {path}.",
        "No usable {unit} for {questionnaire} in {path}.",
        "Die Meldungen darüber nennen, was jeder übersprungenen fehlt; mindestens eine muss"
        " gültig sein und zu diesem Fragebogen gehören.",
        "The messages above say what each skipped one lacks; at least one must be valid and"
        " belong to this questionnaire.",
    ),
    "INPUT_004": (
        "Die Spalten '{first}' und '{second}' meinen beide das Feld '{field}'.",
        "Columns '{first}' and '{second}' both stand for field '{field}'.",
        "Eine davon aus der Tabelle löschen.",
        "Delete one of them from the table.",
    ),
    "INPUT_005": (
        "Keine Spalte der Tabelle passt zu einer Frage von {questionnaire}.",
        "No column of the table matches a question of {questionnaire}.",
        "In KoboToolbox mit „XML values and headers“ exportieren (ODK Central: CSV-Export)"
        " und den Fragebogen prüfen, aus dem das Formular stammt.",
        "Export from KoboToolbox with “XML values and headers” (ODK Central: the CSV export)"
        " and check the questionnaire the form was made from.",
    ),
    # --- outputs ------------------------------------------------------------------
    "OUT_001": (
        "{path} ist ein Ordner.",
        "{path} is a folder.",
        "Einen Dateinamen angeben.",
        "Give a file name.",
    ),
    "OUT_002": (
        "{path} existiert bereits.",
        "{path} already exists.",
        "Mit --force überschreiben oder einen anderen Namen wählen.",
        "Use --force to overwrite or choose another name.",
    ),
    "OUT_003": (
        "Der Ordner {folder} existiert nicht.",
        "The folder {folder} does not exist.",
        "Zuerst anlegen (mkdir -p {folder}).",
        "Create it first (mkdir -p {folder}).",
    ),
    "OUT_004": (
        "Der Datenträger mit {folder} ist schreibgeschützt (nur lesbar eingebunden).",
        "The file system holding {folder} is read-only (mounted read-only).",
        "Einen anderen Ort wählen.",
        "Choose another place.",
    ),
    "OUT_005": (
        "Kein Platz mehr auf dem Datenträger für {path}.",
        "No space left on the device for {path}.",
        "Platz schaffen oder einen anderen Ort wählen.",
        "Free some space or choose another place.",
    ),
    "OUT_006": (
        "Keine Schreibrechte für {path} (Ordner {folder}).",
        "No permission to write {path} (folder {folder}).",
        "Einen anderen Ort wählen.",
        "Choose another place.",
    ),
    "OUT_007": (
        "Der Dateiname ist zu lang: {path}",
        "The file name is too long: {path}",
        "Einen kürzeren Namen wählen.",
        "Choose a shorter name.",
    ),
    "OUT_008": (
        "{path} konnte nicht geschrieben werden: {reason}.",
        "{path} could not be written: {reason}.",
        "Einen anderen Ort wählen.",
        "Choose another place.",
    ),
    "OUT_009": (
        "{path} ist schreibgeschützt und wird nicht ersetzt.",
        "{path} is read-only and is not replaced.",
        "Schreibschutz aufheben (chmod u+w {path}) oder einen anderen Namen wählen.",
        "Remove the protection (chmod u+w {path}) or choose another name.",
    ),
    "OUT_010": (
        "{path} ist eine Datei, kein Ordner.",
        "{path} is a file, not a folder.",
        "Einen Ordner angeben (fehlt er, wird er angelegt).",
        "Give a folder (it is created if missing).",
    ),
    "OUT_011": (
        "{path}: diese Endung wird nicht geschrieben.",
        "{path}: this ending is not written.",
        "Einen Namen auf {expected} angeben.",
        "Give a name ending in {expected}.",
    ),
    "OUT_012": (
        "Die Berichts-Prozesse starten nicht: {reason}",
        "The report processes do not start: {reason}",
        "Mit --no-pdf nur die Tabellen erstellen; die Installation von WeasyPrint prüfen (README).",
        "Make the tables only with --no-pdf; check the WeasyPrint installation (README).",
    ),
    # --- options ------------------------------------------------------------------
    "USAGE_001": (
        "{option} gilt nur {scope}.",
        "{option} applies only {scope}.",
        "{option} weglassen oder {other} angeben.",
        "Leave out {option} or give {other}.",
    ),
    "USAGE_002": (
        "Es fehlt, wohin das Ergebnis soll.",
        "Where the result should go is missing.",
        "Mit --out angeben, z. B. {example}.",
        "Say it with --out, e.g. {example}.",
    ),
    "USAGE_003": (
        "Für die Vorlage fehlt der Fragebogen.",
        "The template needs a questionnaire.",
        "Den Fragebogen nennen: ki-check batch template kmu-basis --out kunden.xlsx",
        "Name the questionnaire: ki-check batch template kmu-basis --out clients.xlsx",
    ),
    "USAGE_004": (
        "Unerwartetes Argument '{value}'.",
        "Unexpected argument '{value}'.",
        "Nur nach 'template' folgt ein Fragebogen; sonst das Argument weglassen.",
        "Only 'template' is followed by a questionnaire; else leave the argument out.",
    ),
    "USAGE_005": (
        "{option} '{value}' ist nicht erlaubt.",
        "{option} '{value}' is not allowed.",
        "Eines von: {allowed}.",
        "One of: {allowed}.",
    ),
    "USAGE_006": (
        "Löschen ohne Terminal braucht eine ausdrückliche Bestätigung.",
        "Deleting without a terminal needs an explicit confirmation.",
        "--yes angeben.",
        "Add --yes.",
    ),
    "USAGE_007": (
        "--min-group {value}: kleiner als {minimum} ist nicht erlaubt (k-Anonymität).",
        "--min-group {value}: below {minimum} is not allowed (k-anonymity).",
        "Einen Wert ab {minimum} angeben oder die Option weglassen.",
        "Give a value of {minimum} or more, or leave out the option.",
    ),
    "USAGE_008": (
        "Das Archiv enthält mehrere Fragebögen: {found}.",
        "The archive holds several questionnaires: {found}.",
        "Mit --questionnaire einen wählen.",
        "Choose one with --questionnaire.",
    ),
    "USAGE_009": (
        "Das Interview braucht ein Terminal zum Tippen.",
        "The interview needs a terminal to type in.",
        "Für Daten aus Dateien 'ki-check batch' verwenden oder die Antwortdatei im Editor"
        " ausfüllen (siehe docs/answer-files.md).",
        "For data from files use 'ki-check batch', or fill in the answer file in an editor"
        " (see docs/answer-files.md).",
    ),
    "USAGE_010": (
        "Quelle und Ziel sind dasselbe Archiv.",
        "Source and target are the same archive.",
        "Mit --to das andere Archiv angeben.",
        "Give the other archive with --to.",
    ),
    "USAGE_011": (
        "'{key}' und '{into}' sind bereits dasselbe Unternehmen ({canonical}).",
        "'{key}' and '{into}' are already the same company ({canonical}).",
        "Nichts zu tun; 'ki-check archive list --company {canonical}' zeigt seine Erhebungen.",
        "Nothing to do; 'ki-check archive list --company {canonical}' shows its assessments.",
    ),
    "USAGE_012": (
        "Die Erhebungen gehören zu verschiedenen Fragebögen ({first}, {second}).",
        "The assessments belong to different questionnaires ({first}, {second}).",
        "Zwei Erhebungen desselben Fragebogens angeben"
        " ('ki-check archive list --questionnaire {first}').",
        "Give two assessments of the same questionnaire"
        " ('ki-check archive list --questionnaire {first}').",
    ),
    # --- others at work -------------------------------------------------------------
    "LOCK_001": (
        "Die Antwortdatei ist gerade in einem anderen Interview geöffnet ({holder}).",
        "The answer file is open in another interview ({holder}).",
        "Das andere Interview beenden (q) oder eine andere Antwortdatei wählen.",
        "End the other interview (q) or choose another answer file.",
    ),
    # --- report templates -----------------------------------------------------------
    "TMPL_001": (
        "Die Vorlage versucht etwas, das Vorlagen nicht dürfen ({reason}).",
        "The template tries something templates may not do ({reason}).",
        "Vorlagen geben nur die übergebenen Werte aus; was erlaubt ist, steht in"
        " report_templates/README.md.",
        "Templates only print the values they are given; report_templates/README.md says"
        " what is allowed.",
    ),
    "TMPL_002": (
        "Fehler in der Vorlage: {reason}",
        "Error in the template: {reason}",
        "Die Vorlage an dieser Stelle korrigieren, oder die Markendatei ohne 'templates:'"
        " verwenden.",
        "Correct the template at this place, or use the brand file without 'templates:'.",
    ),
    # --- XLSForm export ---------------------------------------------------------------
    "FORM_001": (
        "Der Name '{name}' käme im Formular zweimal vor ({first} und {second}).",
        "The name '{name}' would occur twice in the form ({first} and {second}).",
        "XLSForm verlangt eindeutige Namen: eine der Kennungen im Fragebogen ändern.",
        "XLSForm needs unique names: rename one of the ids in the questionnaire.",
    ),
    "FORM_002": (
        "Die Frage '{name}' trägt den Namen einer Auswahlliste des Unternehmensprofils.",
        "Question '{name}' has the name of a profile choice list.",
        "Die Frage im Fragebogen umbenennen.",
        "Rename the question in the questionnaire.",
    ),
    "FORM_003": (
        "Frage '{name}': Die Bedingung prüft {options} bei der Frage '{ref}' ({kind}); das"
        " Formular erfasst bei diesem Fragetyp kein „Weiß nicht“.",
        "Question '{name}': the condition tests {options} on question '{ref}' ({kind}); the"
        " form records no “don't know” for this type.",
        "Die Bedingung auf eine Auswahl- oder Zahlenfrage stützen.",
        "Base the condition on a choice or number question.",
    ),
    "FORM_004": (
        "'{text}' enthält beide Arten von Anführungszeichen.",
        "'{text}' holds both kinds of quotes.",
        "Den Text ohne ' oder ohne \" schreiben.",
        "Write the text without ' or without \".",
    ),
}
