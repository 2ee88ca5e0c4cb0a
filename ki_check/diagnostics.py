"""Validation findings: one :class:`Issue` per problem, with a stable code.

Codes are grouped by topic like pyxform's (``YAML_…``, ``KEY_…``, ``COND_…``,
``ANS_…``); each has a German and an English message template and a fix.
Validators collect issues instead of stopping at the first, so an author sees
everything that is wrong in one run::

    fragebogen.yaml:14:18: COND_001 Bedingung verweist auf die unbekannte Frage 'ki_budgt'.
        Lösung: Meinten Sie 'ki_budget'? Eine Bedingung darf nur frühere Fragen nennen.
"""

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Literal, NamedTuple

from ki_check.command_codes import COMMAND_CODES

Severity = Literal["error", "warning"]


class Bi(NamedTuple):
    """A message parameter in German and English (``where``, ``expected``, …)."""

    de: str
    en: str


class Code(NamedTuple):
    """A message template pair with its fix, German and English."""

    de: str
    en: str
    fix_de: str = ""
    fix_en: str = ""
    severity: Severity = "error"


CODES: dict[str, Code] = {
    # --- files and YAML ------------------------------------------------------------
    "FILE_001": Code(
        "Datei nicht gefunden oder nicht lesbar: {reason}",
        "File not found or not readable: {reason}",
        "Pfad prüfen.",
        "Check the path.",
    ),
    "FILE_002": Code(
        "Die Datei ist nicht UTF-8-kodiert.",
        "The file is not UTF-8 encoded.",
        "Im Editor als UTF-8 speichern.",
        "Save it as UTF-8 in your editor.",
    ),
    "FILE_003": Code(
        "Die Datei ist mit {size} größer als die erlaubten {limit}.",
        "The file is {size}, larger than the allowed {limit}.",
        "Prüfen, ob es die richtige Datei ist; die Grenzen stehen in docs/answer-files.md.",
        "Check that it is the right file; the limits are listed in docs/answer-files.md.",
    ),
    "YAML_001": Code(
        "YAML-Syntaxfehler: {problem}{noticed}",
        "YAML syntax error: {problem}{noticed}",
        "Einrückung (Leerzeichen, keine Tabs) und Doppelpunkte prüfen; Texte mit ':' oder '#'"
        " in Anführungszeichen setzen.",
        "Check indentation (spaces, no tabs) and colons; quote texts containing ':' or '#'.",
    ),
    "YAML_002": Code(
        "Der Schlüssel '{key}' kommt doppelt vor (zuerst in Zeile {first}); YAML würde den"
        " ersten Wert stillschweigend verwerfen.",
        "The key '{key}' appears twice (first on line {first}); YAML would silently drop the"
        " first value.",
        "Einen der beiden Einträge löschen oder umbenennen.",
        "Delete or rename one of the two entries.",
    ),
    "YAML_003": Code(
        "Die Datei muss auf oberster Ebene eine Zuordnung (Schlüssel: Wert) enthalten,"
        " gefunden: {found}.",
        "The file must hold a mapping (key: value) at the top level, found: {found}.",
        "Mit 'id:' (Fragebogen) oder 'questionnaire:' (Antwortdatei) beginnen.",
        "Start with 'id:' (questionnaire) or 'questionnaire:' (answer file).",
    ),
    "YAML_004": Code(
        "'{raw}' liest YAML 1.1 als Wahrheitswert ({value}); '{field}' erwartet einen Text.",
        "YAML 1.1 reads '{raw}' as a boolean ({value}); '{field}' expects a text.",
        'In Anführungszeichen setzen: "{raw}".',
        'Quote it: "{raw}".',
    ),
    "YAML_005": Code(
        "'{raw}' liest YAML als {found}; '{field}' muss ein Text sein.",
        "YAML reads '{raw}' as {found}; '{field}' must be a text.",
        'In Anführungszeichen setzen: "{raw}".',
        'Quote it: "{raw}".',
    ),
    "YAML_006": Code(
        "Schlüssel müssen Texte sein, gefunden: {found}.",
        "Keys must be texts, found: {found}.",
        "Den Schlüssel in Anführungszeichen setzen.",
        "Quote the key.",
    ),
    "YAML_007": Code(
        "Text mit {length} Zeichen; erlaubt sind höchstens {limit}.",
        "A text of {length} characters; at most {limit} are allowed.",
        "Kürzen (Schlüssel und Kennungen sind kurz, Notizen und Texte höchstens {limit}"
        " Zeichen lang).",
        "Shorten it (keys and ids are short, notes and texts at most {limit} characters).",
    ),
    "DIAG_001": Code(
        "Mehr als {limit} Befunde: {more} weitere werden nicht einzeln aufgeführt.",
        "More than {limit} findings: {more} more are not listed one by one.",
        "Die gezeigten beheben und die Datei erneut prüfen.",
        "Fix the ones shown and check the file again.",
        severity="warning",
    ),
    # --- structure ---------------------------------------------------------------
    "KEY_001": Code(
        "Unbekannter Schlüssel '{key}' in {where}.",
        "Unknown key '{key}' in {where}.",
        "{suggestion}Erlaubt sind: {allowed}.",
        "{suggestion}Allowed: {allowed}.",
    ),
    "KEY_002": Code(
        "Pflichtangabe '{key}' fehlt in {where}.",
        "Required key '{key}' is missing in {where}.",
        "'{key}: …' ergänzen.",
        "Add '{key}: …'.",
    ),
    "KEY_003": Code(
        "In {where} ist genau eine der Angaben {keys} nötig.",
        "{where} needs exactly one of {keys}.",
        "Nur eine davon angeben.",
        "Give just one of them.",
    ),
    "TYPE_001": Code(
        "'{field}' muss {expected} sein; gefunden wurde {found}.",
        "'{field}' must be {expected}; found {found}.",
        "Den Wert ändern; erwartet wird {expected}.",
        "Change the value to {expected}.",
    ),
    "VALUE_001": Code(
        "'{value}' ist für '{field}' nicht erlaubt.",
        "'{value}' is not allowed for '{field}'.",
        "{suggestion}Erlaubt sind: {allowed}.",
        "{suggestion}Allowed: {allowed}.",
    ),
    "VALUE_002": Code(
        "'{field}' muss zwischen {min} und {max} liegen, gefunden: {value}.",
        "'{field}' must lie between {min} and {max}, found: {value}.",
        "Wert in den erlaubten Bereich bringen.",
        "Bring the value into the allowed range.",
    ),
    "VALUE_004": Code(
        "'{field}' muss eine endliche Zahl {range} sein, gefunden: {value}.",
        "'{field}' must be a finite number {range}, found: {value}.",
        ".nan und .inf sind in YAML keine Zahlen, mit denen sich rechnen lässt; einen Wert"
        " im erlaubten Bereich eintragen.",
        ".nan and .inf are not numbers one can compute with; enter a value in the allowed range.",
    ),
    "VALUE_003": Code(
        "'{field}' darf nicht leer sein.",
        "'{field}' must not be empty.",
        "Mindestens einen Eintrag angeben.",
        "Give at least one entry.",
    ),
    "ID_001": Code(
        "'{id}' ist keine gültige Kennung.",
        "'{id}' is not a valid id.",
        "Nur Kleinbuchstaben, Ziffern und '_' verwenden, mit einem Buchstaben beginnen,"
        " z. B. '{suggestion}'.",
        "Use lower-case letters, digits and '_' only, starting with a letter, e.g. '{suggestion}'.",
    ),
    "ID_002": Code(
        "Die Kennung '{id}' ist doppelt vergeben (zuerst in Zeile {first}).",
        "The id '{id}' is used twice (first on line {first}).",
        "Kennungen müssen eindeutig sein (Fragen im ganzen Fragebogen, Optionen je Frage);"
        " eine umbenennen.",
        "Ids must be unique (questions across the questionnaire, options per question);"
        " rename one.",
    ),
    "ID_003": Code(
        "'{id}' ist reserviert und kann nicht als Kennung dienen.",
        "'{id}' is reserved and cannot be used as an id.",
        "Einen anderen Namen wählen; 'Weiß nicht' und 'Nicht relevant' bietet ki-check selbst an.",
        "Choose another name; ki-check offers 'don't know' and 'not relevant' itself.",
    ),
    "ID_004": Code(
        "Eine Ja/Nein-Frage hat genau die Optionen 'ja' und 'nein', gefunden: {found}.",
        "A yes/no question has exactly the options 'ja' and 'nein', found: {found}.",
        "Optionen 'ja' und 'nein' verwenden oder den Typ 'single_choice' wählen.",
        "Use the options 'ja' and 'nein' or choose type 'single_choice'.",
    ),
    "WEIGHT_001": Code(
        "Das Gewicht '{field}' muss größer als 0 sein, gefunden: {value}.",
        "The weight '{field}' must be greater than 0, found: {value}.",
        "Eine positive Zahl eintragen; um etwas nicht zu werten, 'scored: false' setzen.",
        "Use a positive number; to leave something unscored, set 'scored: false'.",
    ),
    # --- skip logic --------------------------------------------------------------
    "COND_001": Code(
        "Die Bedingung verweist auf die unbekannte Frage '{ref}'.",
        "The condition refers to the unknown question '{ref}'.",
        "{suggestion}Eine Bedingung darf nur Fragen nennen, die vorher kommen.",
        "{suggestion}A condition may only name questions that come earlier.",
    ),
    "COND_002": Code(
        "Die Bedingung von '{question}' verweist auf '{ref}', die erst später (Zeile {ref_line})"
        " oder an derselben Stelle kommt.",
        "The condition of '{question}' refers to '{ref}', which comes later (line {ref_line})"
        " or is the question itself.",
        "Frage '{ref}' vor '{question}' stellen oder die Bedingung entfernen.",
        "Move question '{ref}' before '{question}' or remove the condition.",
    ),
    "COND_003": Code(
        "Die Frage '{ref}' hat keine Option '{option}'.",
        "Question '{ref}' has no option '{option}'.",
        "{suggestion}Optionen von '{ref}': {allowed}.",
        "{suggestion}Options of '{ref}': {allowed}.",
    ),
    "COND_004": Code(
        "'{op}' passt nicht zur Frage '{ref}' vom Typ {type}.",
        "'{op}' does not fit question '{ref}' of type {type}.",
        "'in' für Auswahlfragen und Ja/Nein, 'min'/'max' für Zahl und Skala verwenden.",
        "Use 'in' for choice and yes/no questions, 'min'/'max' for number and scale.",
    ),
    # --- stages, scoring, adoption -------------------------------------------------
    "STAGE_001": Code(
        "Die Stufen decken 0–100 nicht ab: {problem}.",
        "The stages do not cover 0–100: {problem}.",
        "Die erste Stufe mit 'min: 0' beginnen, jede weitere bei 'max' der vorigen,"
        " die letzte mit 'max: 100' enden lassen.",
        "Start the first stage at 'min: 0', each next one at the previous 'max',"
        " end the last at 'max: 100'.",
    ),
    "STAGE_002": Code(
        "Zwischen Stufe '{a}' (bis {a_max}) und '{b}' (ab {b_min}) ist {kind}.",
        "Between stage '{a}' (up to {a_max}) and '{b}' (from {b_min}) there is {kind}.",
        "'min' von '{b}' auf {a_max} setzen.",
        "Set 'min' of '{b}' to {a_max}.",
    ),
    "STAGE_003": Code(
        "Stufe '{id}': 'min' ({min}) muss kleiner als 'max' ({max}) sein.",
        "Stage '{id}': 'min' ({min}) must be less than 'max' ({max}).",
        "Grenzen tauschen oder korrigieren.",
        "Swap or correct the bounds.",
    ),
    "SCORE_001": Code(
        "Frage '{id}' wird gewertet, aber keine Antwort bringt Punkte.",
        "Question '{id}' is scored, but no answer gives any points.",
        "Punkte ('points') vergeben oder 'scored: false' setzen.",
        "Give points ('points') or set 'scored: false'.",
    ),
    "SCORE_002": Code(
        "Punkte dürfen nicht negativ sein, gefunden: {value}.",
        "Points must not be negative, found: {value}.",
        "0 für die schwächste Antwort verwenden.",
        "Use 0 for the weakest answer.",
    ),
    "ADOPT_001": Code(
        "Die KI-Einsatz-Frage '{ref}' {problem}.",
        "The AI adoption question '{ref}' {problem}.",
        "'adoption.question' muss eine Auswahlfrage oder Ja/Nein-Frage des Fragebogens nennen.",
        "'adoption.question' must name a choice or yes/no question of the questionnaire.",
    ),
    "REC_001": Code(
        "Die Empfehlung verweist auf die unbekannte Dimension '{ref}'.",
        "The recommendation refers to the unknown dimension '{ref}'.",
        "{suggestion}Dimensionen: {allowed}.",
        "{suggestion}Dimensions: {allowed}.",
    ),
    "TOPIC_001": Code(
        "Dimension '{id}' braucht ein Thema ('topic'), weil ihre Kennung keines ist.",
        "Dimension '{id}' needs a topic ('topic') because its id is not one.",
        "'topic: …' ergänzen, eines von: {allowed}. Ohne Thema gibt es für diese Dimension"
        " keine nächsten Schritte im Bericht.",
        "Add 'topic: …', one of: {allowed}. Without a topic the report has no next steps"
        " for this dimension.",
        severity="warning",
    ),
    "REL_001": Code(
        "'relevance_question' von '{question}' nennt '{ref}', {problem}.",
        "'relevance_question' of '{question}' names '{ref}', {problem}.",
        "Eine frühere Frage mit Punkten nennen, die nach der Relevanz fragt (sie darf"
        " 'scored: false' haben und zählt dann nicht fürs Ergebnis).",
        "Name an earlier question with points that asks about relevance (it may have"
        " 'scored: false' and then does not count for the score).",
    ),
    "SIGNAL_001": Code(
        "Signal '{id}': '{ref}' ist für die Art '{kind}' unbekannt.",
        "Signal '{id}': '{ref}' is unknown for kind '{kind}'.",
        "{suggestion}Erlaubt sind: {allowed}.",
        "{suggestion}Allowed: {allowed}.",
    ),
    "SIGNAL_002": Code(
        "Signal '{id}': {problem}.",
        "Signal '{id}': {problem}.",
        "Bei 'ai_act' 'level' (green, amber, red) angeben, bei 'barrier' und 'fact' weglassen.",
        "Give 'level' (green, amber, red) for 'ai_act', leave it out for 'barrier' and 'fact'.",
    ),
    "I18N_001": Code(
        "Übersetzung '{lang}' fehlt für '{field}'.",
        "Translation '{lang}' is missing for '{field}'.",
        "'{lang}: …' ergänzen.",
        "Add '{lang}: …'.",
        severity="warning",
    ),
    # --- answer files ------------------------------------------------------------
    "ANS_001": Code(
        "Die Antwortdatei gehört zum Fragebogen '{found}', nicht zu '{expected}'.",
        "The answer file belongs to questionnaire '{found}', not to '{expected}'.",
        "Den passenden Fragebogen verwenden oder 'questionnaire:' korrigieren.",
        "Use the matching questionnaire or correct 'questionnaire:'.",
    ),
    "ANS_002": Code(
        "Die Antwortdatei wurde mit Version {found} von '{id}' erfasst, vorhanden ist {expected}.",
        "The answer file was taken with version {found} of '{id}', available is {expected}.",
        "Den Fragebogen in Version {found} angeben (Pfad zur YAML-Datei) oder die Antworten"
        " prüfen und 'questionnaire: {id}@{expected}' eintragen.",
        "Give the questionnaire in version {found} (path to its YAML file) or review the"
        " answers and write 'questionnaire: {id}@{expected}'.",
    ),
    "ANS_003": Code(
        "Den Fragebogen '{questionnaire}' gibt es nicht (gebündelt: {allowed}).",
        "There is no questionnaire '{questionnaire}' (bundled: {allowed}).",
        "Id korrigieren oder den Pfad der Fragebogen-Datei mit --questionnaire angeben.",
        "Correct the id or pass the questionnaire file with --questionnaire.",
    ),
    "ANS_010": Code(
        "Frage '{id}' gibt es im Fragebogen '{questionnaire}' nicht.",
        "Question '{id}' does not exist in questionnaire '{questionnaire}'.",
        "{suggestion}'ki-check questionnaires show {questionnaire}' listet alle Fragen.",
        "{suggestion}'ki-check questionnaires show {questionnaire}' lists all questions.",
    ),
    "ANS_011": Code(
        "Frage '{question}' hat keine Option '{value}'.",
        "Question '{question}' has no option '{value}'.",
        "{suggestion}Erlaubt sind: {allowed}.",
        "{suggestion}Allowed: {allowed}.",
    ),
    "ANS_012": Code(
        "Frage '{question}' ({type}) erwartet {expected}, gefunden: {found}.",
        "Question '{question}' ({type}) expects {expected}, found: {found}.",
        "Erlaubt sind: {allowed}.",
        "Allowed: {allowed}.",
    ),
    "ANS_013": Code(
        "Bei Frage '{question}' ist 'not_relevant' nicht vorgesehen.",
        "Question '{question}' does not allow 'not_relevant'.",
        "Eine Option wählen oder 'dont_know' eintragen.",
        "Choose an option or write 'dont_know'.",
    ),
    "ANS_014": Code(
        "Antwort {value} bei Frage '{question}' liegt außerhalb von {min}–{max}.",
        "Answer {value} to question '{question}' lies outside {min}–{max}.",
        "Einen Wert von {min} bis {max} eintragen.",
        "Enter a value from {min} to {max}.",
    ),
    "ANS_015": Code(
        "Die Matrixfrage '{question}' hat keine Zeile '{row}'.",
        "Matrix question '{question}' has no row '{row}'.",
        "{suggestion}Zeilen: {allowed}.",
        "{suggestion}Rows: {allowed}.",
    ),
    "ANS_016": Code(
        "Option '{option}' bei Frage '{question}' schließt andere Antworten aus.",
        "Option '{option}' of question '{question}' excludes other answers.",
        "Entweder nur '{option}' oder nur die anderen Optionen angeben.",
        "Give either just '{option}' or just the other options.",
    ),
    "ANS_017": Code(
        "Frage '{question}' ist laut Sprunglogik ausgeblendet; die Antwort zählt nicht.",
        "Question '{question}' is hidden by skip logic; its answer does not count.",
        "Antwort löschen oder die Antwort auf die auslösende Frage prüfen.",
        "Delete the answer or check the answer to the triggering question.",
        severity="warning",
    ),
    "ANS_018": Code(
        "Pflichtfrage '{question}' ist im abgeschlossenen Interview unbeantwortet.",
        "Required question '{question}' is unanswered in a completed interview.",
        "Antwort, 'dont_know' oder (wenn erlaubt) 'not_relevant' eintragen.",
        "Add an answer, 'dont_know' or (where allowed) 'not_relevant'.",
        severity="warning",
    ),
    "ANS_019": Code(
        "Notiz zu '{id}', aber diese Frage gibt es nicht.",
        "Note for '{id}', but there is no such question.",
        "{suggestion}Die Notiz einer vorhandenen Frage zuordnen.",
        "{suggestion}Attach the note to an existing question.",
    ),
    "ANS_020": Code(
        "Der Termin der Nachprüfung ({follow_up}) liegt vor dem Interview ({date}).",
        "The follow-up date ({follow_up}) lies before the interview ({date}).",
        "Ein Datum nach dem Interview eintragen, z. B. in sechs Monaten, oder die Zeile löschen.",
        "Enter a date after the interview, e.g. in six months, or delete the line.",
    ),
    "ANS_021": Code(
        "Antwort {value} bei Frage '{question}' ist keine endliche Zahl von {min} bis {max}.",
        "Answer {value} to question '{question}' is not a finite number from {min} to {max}.",
        "Eine Zahl eintragen; .nan und .inf sind keine Antworten (unbekannt: 'dont_know').",
        "Enter a number; .nan and .inf are not answers (unknown: 'dont_know').",
    ),
    "ANS_022": Code(
        "'questionnaire:' nennt '{ref}', {problem}.",
        "'questionnaire:' names '{ref}', {problem}.",
        "Die Kennung eines gebündelten Fragebogens (ki-check questionnaires list) oder den"
        " Pfad einer Fragebogen-Datei (.yaml) angeben.",
        "Give a bundled questionnaire id (ki-check questionnaires list) or the path of a"
        " questionnaire file (.yaml).",
    ),
    "PROFILE_001": Code(
        "'{value}' ist kein Bundesland-Kürzel.",
        "'{value}' is not a German state code.",
        "{suggestion}Eines von: {allowed}.",
        "{suggestion}One of: {allowed}.",
    ),
    "PROFILE_002": Code(
        "'{value}' ist kein WZ-2008-Abschnitt.",
        "'{value}' is not a WZ 2008 section.",
        "Einen Buchstaben von A bis U angeben (z. B. C = Verarbeitendes Gewerbe, F = Baugewerbe).",
        "Give one letter from A to U (e.g. C = manufacturing, F = construction).",
    ),
    "PROFILE_003": Code(
        "Angabe „{field}“ muss {expected} sein; gefunden wurde {found}.",
        "'{field}' must be {expected}; found {found}.",
        "Als Ziffern ohne Tausenderpunkte schreiben, z. B. {example}.",
        "Write it in digits without thousands separators, e.g. {example}.",
    ),
    "PROFILE_005": Code(
        "'{field}' muss zwischen 0 und {max} liegen, gefunden: {found}.",
        "'{field}' must lie between 0 and {max}, found: {found}.",
        "Den tatsächlichen Wert als einfache Zahl eintragen, z. B. {example}.",
        "Enter the actual value as a plain number, e.g. {example}.",
    ),
    "PROFILE_004": Code(
        "Gründungsjahr {value} ist nicht plausibel.",
        "Founding year {value} is not plausible.",
        "Ein vierstelliges Jahr bis {max} eintragen.",
        "Enter a four-digit year up to {max}.",
    ),
    # --- funding catalogue -----------------------------------------------------------
    "FUND_001": Code(
        "'last_verified' ({value}) ist neuer als die neueste datierte Quelle ({newest}).",
        "'last_verified' ({value}) is newer than the newest dated source ({newest}).",
        "last_verified auf das Datum der neuesten Quelle setzen oder eine datierte Quelle"
        " ergänzen (docs/funding-catalogue.md).",
        "Set last_verified to the date of the newest source or add a dated source"
        " (docs/funding-catalogue.md).",
    ),
    # --- the assessment archive (ki_check/archive) ----------------------------------------
    "DB_001": Code(
        "'{url}' ist weder ein Dateipfad noch eine unterstützte Datenbank-Adresse.",
        "'{url}' is neither a file path nor a supported database address.",
        "Einen Pfad (archiv.sqlite), sqlite:///pfad/archiv.sqlite oder"
        " postgresql://benutzer@server/datenbank angeben.",
        "Give a path (archive.sqlite), sqlite:///path/archive.sqlite or"
        " postgresql://user@server/database.",
    ),
    "DB_002": Code(
        "Der Datenbank-Server ist nicht erreichbar: {reason}",
        "The database server cannot be reached: {reason}",
        "Adresse und Port prüfen und ob der Server läuft. Unterwegs im lokalen Archiv"
        " arbeiten (ohne --db) und später mit 'ki-check archive push --to …' übertragen.",
        "Check address and port and whether the server is running. Away from the office,"
        " work in the local archive (no --db) and copy it later with"
        " 'ki-check archive push --to …'.",
    ),
    "DB_003": Code(
        "Der Datenbank-Server lehnt die Anmeldung ab: {reason}",
        "The database server refuses the login: {reason}",
        "Benutzer, Passwort und Datenbanknamen in der Adresse prüfen (oder PGPASSWORD,"
        " ~/.pgpass); die Datenbank muss angelegt sein.",
        "Check user, password and database name in the address (or PGPASSWORD, ~/.pgpass);"
        " the database must exist.",
    ),
    "DB_004": Code(
        "In das Archiv kann nicht geschrieben werden: {reason}",
        "The archive cannot be written to: {reason}",
        "Schreibrechte für die Datei und ihren Ordner prüfen oder mit --db ein anderes"
        " Archiv wählen.",
        "Check write permission for the file and its folder, or choose another archive with --db.",
    ),
    "DB_005": Code(
        "Die Datei ist keine SQLite-Datenbank oder beschädigt: {reason}",
        "The file is not an SQLite database or is damaged: {reason}",
        "Die Datei nicht überschreiben; eine Sicherung zurückspielen oder mit --db ein"
        " neues Archiv anlegen.",
        "Do not overwrite the file; restore a backup or start a new archive with --db.",
    ),
    "DB_006": Code(
        "Das Archiv hat das Schema {found}, das diese ki-check-Version nicht kennt"
        " (sie kennt bis {head}); es stammt von einer neueren Version.",
        "The archive has schema {found}, which this ki-check version does not know"
        " (it knows up to {head}); it comes from a newer version.",
        "ki-check aktualisieren (pip install -U ki-check); das Archiv bleibt unverändert.",
        "Update ki-check (pip install -U ki-check); the archive is left unchanged.",
    ),
    "DB_007": Code(
        "Das Archiv hat das ältere Schema {found} (aktuell: {head}).",
        "The archive has the older schema {found} (current: {head}).",
        "Einmal 'ki-check archive upgrade{db}' ausführen (vorher sichern).",
        "Run 'ki-check archive upgrade{db}' once (back it up first).",
    ),
    "DB_008": Code(
        "Das Archiv ist zu lange von einem anderen Vorgang belegt: {reason}",
        "The archive has been busy with another process for too long: {reason}",
        "Später erneut versuchen; schon gespeicherte Erhebungen werden nicht doppelt abgelegt.",
        "Try again later; assessments already stored are not stored twice.",
    ),
    "DB_009": Code(
        "Für PostgreSQL fehlt der Treiber psycopg.",
        "The PostgreSQL driver psycopg is missing.",
        "pip install 'ki-check[postgres]'",
        "pip install 'ki-check[postgres]'",
    ),
    "DB_010": Code(
        "Das Archiv kann nicht geöffnet werden: {reason}",
        "The archive cannot be opened: {reason}",
        "Prüfen, ob der Ordner existiert und lesbar ist, oder mit --db einen anderen Pfad wählen.",
        "Check that the folder exists and is readable, or choose another path with --db.",
    ),
    "DB_011": Code(
        "Datenbankfehler: {reason}",
        "Database error: {reason}",
        "Den Befehl mit derselben Eingabe wiederholen; bleibt der Fehler, die Meldung an"
        " die Betreuer des Archivs weitergeben.",
        "Repeat the command with the same input; if the error stays, pass the message on"
        " to whoever runs the archive.",
    ),
    "ARCH_001": Code(
        "Das Unternehmen hat weder 'company.id' noch einen Namen; das Archiv kann es"
        " nicht zuordnen.",
        "The company has neither 'company.id' nor a name; the archive cannot tell who it is.",
        "'company: {{id: …}}' (z. B. Mitgliedsnummer) oder 'name:' eintragen.",
        "Add 'company: {{id: …}}' (e.g. the member number) or 'name:'.",
    ),
    "ARCH_002": Code(
        "Ohne 'company.id' erkennt das Archiv das Unternehmen am Namen und Bundesland ('{key}').",
        "Without 'company.id' the archive recognises the company by name and state ('{key}').",
        "'company.id' eintragen (Mitglieds-, Register- oder Kundennummer); zwei Schlüssel"
        " derselben Firma führt 'ki-check archive link' zusammen.",
        "Add 'company.id' (member, register or client number); 'ki-check archive link'"
        " merges two keys of one company.",
        severity="warning",
    ),
    # --- batch rows (a spreadsheet row or an answer file of a portfolio) ----------
    "BATCH_001": Code(
        "Leere Zeile zwischen Unternehmen: nicht bewertet.",
        "Empty row between companies: not scored.",
        "Zeile löschen oder ein Unternehmen eintragen.",
        "Delete the row or fill in a company.",
    ),
    "BATCH_002": Code(
        "Das ist die Beispielzeile der Vorlage: nicht bewertet.",
        "This is the template's example row: not scored.",
        "Zeile löschen oder mit einem echten Unternehmen überschreiben (auch die Kennung"
        " '{example}').",
        "Delete the row or overwrite it with a real company (the id '{example}' too).",
    ),
    "BATCH_003": Code(
        "Das Unternehmen '{key}' kommt doppelt vor (zuerst in {first}).",
        "Company '{key}' appears twice (first in {first}).",
        "Jedem Unternehmen eine eigene Kennung (Spalte id) geben oder die Zeile löschen.",
        "Give each company its own id (column id) or delete the row.",
    ),
    "BATCH_004": Code(
        "Name des Unternehmens fehlt.",
        "Company name missing.",
        "Den Namen des Unternehmens eintragen; ohne ihn gibt es keinen Bericht.",
        "Enter the company's name; without it there is no report.",
    ),
    "BATCH_005": Code(
        "'{value}' ist kein Ja/Nein-Wert.",
        "'{value}' is not yes/no.",
        "ja oder nein eintragen (auch 1/0 oder x).",
        "Enter ja or nein (yes/no, 1/0 or x also work).",
    ),
    "BATCH_006": Code(
        "Bericht nicht erstellt: {reason}",
        "Report not made: {reason}",
        "Die übrigen Ergebnisse sind vollständig; den Lauf wiederholen erzeugt nur die"
        " fehlenden Berichte.",
        "The other results are complete; running again makes only the missing reports.",
    ),
    "BATCH_007": Code(
        "{in_column}{reason}",
        "{in_column}{reason}",
        "{fix}",
        "{fix}",
    ),
    "BATCH_008": Code(
        "Die Zeile nennt keinen Fragebogen.",
        "The row names no questionnaire.",
        "In der Spalte 'questionnaire' eintragen (z. B. {example}) oder für alle Zeilen"
        " --questionnaire angeben.",
        "Fill in the column 'questionnaire' (e.g. {example}) or pass --questionnaire for all rows.",
    ),
    "BATCH_009": Code(
        "Bericht nicht erstellt: kein Platz mehr auf dem Datenträger für {path}.",
        "Report not made: no space left on the device for {path}.",
        "Platz schaffen (oder mit --out einen anderen Ort wählen) und den Lauf wiederholen; die"
        " Tabellen sind vollständig, der neue Lauf erzeugt nur die fehlenden Berichte.",
        "Free some space (or choose another place with --out) and run again; the tables are"
        " complete, the new run makes only the missing reports.",
    ),
    "BATCH_010": Code(
        "Die Zeile enthält keine einzige Antwort: nicht bewertet.",
        "The row holds no answer at all: not scored.",
        "Die Antworten in die Fragenspalten eintragen oder die Zeile löschen.",
        "Fill in the answers in the question columns or delete the row.",
    ),
}
# the command line's own codes (names, inputs, outputs, options): ki_check/command_codes.py
CODES.update({code: Code(*texts) for code, texts in COMMAND_CODES.items()})


class Issue(NamedTuple):
    """One finding: where (file, 1-based line and column), what (code), how to fix it."""

    code: str
    file: str
    line: int | None = None
    col: int | None = None
    params: Mapping[str, object] = MappingProxyType({})
    # the data path the finding is about, e.g. ("answers", "ki_ziele"): names the
    # column of a spreadsheet row when there is no line to point to
    path: tuple[str | int, ...] = ()

    @property
    def severity(self) -> Severity:
        """``error`` or ``warning``, fixed by the code."""
        return CODES[self.code].severity

    def message(self, lang: str = "de") -> str:
        """The message text, without position and fix."""
        c = CODES[self.code]
        return _fill(self.code, c.en if lang == "en" else c.de, self.params, lang)

    def fix(self, lang: str = "de") -> str:
        """How to fix it."""
        c = CODES[self.code]
        return _fill(self.code, c.fix_en if lang == "en" else c.fix_de, self.params, lang)

    def location(self) -> str:
        """``file:line:col`` (or less where the position is unknown)."""
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)

    def format(self, lang: str = "de") -> str:
        """``file:line:col: CODE message`` and an indented fix line (no place: ``CODE message``)."""
        warn = ""
        if self.severity == "warning":
            warn = " (Warnung)" if lang != "en" else " (warning)"
        where = self.location()
        head = f"{where + ': ' if where else ''}{self.code}{warn} {self.message(lang)}"
        fix = self.fix(lang)
        if fix:
            label = "Lösung" if lang != "en" else "Fix"
            head += f"\n    {label}: {fix}"
        return head


class MessageParameterMissing(Exception):
    """A finding whose code's message needs a parameter the finding does not carry.

    A bug in the code that made the finding, never the user's input: it is not a
    :class:`~ki_check.errors.KiCheckError`, so it is not dressed up as a message
    about the user's file. ``tests/test_diagnostics.py`` checks every call that
    makes a finding, so this should only ever be seen in development.
    """


def _fill(code: str, template: str, params: Mapping[str, object], lang: str) -> str:
    values = {
        k: (v.en if lang == "en" else v.de) if isinstance(v, Bi) else v for k, v in params.items()
    }
    best = params.get("suggestion")
    if best:
        values["suggestion"] = (
            f"Did you mean '{best}'? " if lang == "en" else f"Meinten Sie '{best}'? "
        )
    else:
        values["suggestion"] = ""
    try:
        return template.format_map(values)
    except KeyError as exc:
        given = ", ".join(sorted(params)) or "none"
        raise MessageParameterMissing(
            f"{code}: the message needs the parameter {exc.args[0]!r} (given: {given})"
        ) from None


class Suggestion:
    """A "did you mean" hint worked out when it is shown, not when a finding is made.

    A file with 100,000 unknown keys makes 100,000 findings, of which a few
    hundred are listed (:class:`Findings`); comparing each key with every
    candidate up front would cost more than everything else together.
    It behaves like the text it stands for (``str()``, f-strings, truth, ``==``).
    """

    __slots__ = ("_candidates", "_value", "_word")

    def __init__(self, word: object, candidates: Iterable[str]) -> None:
        self._word = word
        self._candidates = (
            candidates if isinstance(candidates, dict | list | tuple) else (list(candidates))
        )
        self._value: str | None = None

    def __str__(self) -> str:
        if self._value is None:
            import difflib  # only needed when something is wrong

            word = str(self._word)[:200]
            matches = difflib.get_close_matches(word, list(self._candidates), n=1, cutoff=0.6)
            self._value = matches[0] if matches else ""
        return self._value

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __bool__(self) -> bool:
        return bool(str(self))

    def __eq__(self, other: object) -> bool:
        return str(self) == (str(other) if isinstance(other, Suggestion) else other)

    def __hash__(self) -> int:
        return hash(str(self))

    def __repr__(self) -> str:
        return repr(str(self))


def suggest(word: object, candidates: Iterable[str]) -> Suggestion:
    """The closest candidate to ``word`` (for a "did you mean" hint), or ``""``, worked out
    when first shown."""
    return Suggestion(word, candidates)


class _More:
    """The live count in the note that closes a capped list of findings."""

    __slots__ = ("n",)

    def __init__(self) -> None:
        self.n = 0

    def __format__(self, spec: str) -> str:
        return f"{self.n:,}".replace(",", ".")


class Findings(list[Issue]):
    """The findings of one file, listing at most ``limit`` of them.

    Beyond the limit a finding is counted, not kept — unless it is the first
    error, so that a file is never taken for valid because its errors came
    after a few hundred warnings. One ``DIAG_001`` note, at the first finding
    left out, says how many more there are.
    """

    def __init__(self, limit: int | None = None) -> None:
        super().__init__()
        from ki_check.limits import MAX_ISSUES

        self.limit = MAX_ISSUES if limit is None else limit
        self.errors = 0
        self._more: _More | None = None

    def skip(self, code: str) -> bool:
        """True (and counted) if a finding with ``code`` would only be counted anyway.

        Lets a caller skip working out the position of a finding nobody will see.
        """
        if self._more is None or (CODES[code].severity == "error" and not self.errors):
            return False
        self._more.n += 1
        return True

    def append(self, issue: Issue) -> None:
        error = issue.severity == "error"
        if len(self) < self.limit or (error and not self.errors):
            self.errors += error
            super().append(issue)
            return
        if self._more is None:
            self._more = _More()
            params = {"limit": self.limit, "more": self._more}
            super().append(Issue("DIAG_001", issue.file, issue.line, issue.col, params))
        self._more.n += 1


def has_errors(issues: Iterable[Issue]) -> bool:
    """True if any issue is an error (warnings alone do not fail validation)."""
    return any(i.severity == "error" for i in issues)


def clip(text: str, limit: int = 60) -> str:
    """A user's text for a message: at most ``limit`` characters, ``…`` where cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def join_ids(ids: Iterable[object], limit: int = 12) -> str:
    """``a, b, c`` – at most ``limit`` ids, then ``…``."""
    items = [str(i) for i in ids]
    if len(items) > limit:
        items = [*items[:limit], "…"]
    return ", ".join(items)
