"""libyaml's syntax problems in plain German and English words (``YAML_001``).

libyaml reports a syntax error as an English ``context`` ("while parsing a block
mapping") and ``problem`` ("did not find expected key"). A company's advisor reads
German: :func:`problem_words` turns the common problems into a sentence that says
what is wrong in words a YAML novice follows, and :func:`context_words` where the
broken construct starts. A problem not in the table keeps libyaml's words, marked
as the parser's, so nothing is lost. The position (``file:line:col``) is decided by
:mod:`ki_check.util.yamlsrc`.
"""

from __future__ import annotations

from typing import Any

from ki_check.diagnostics import Bi

# libyaml's problem (its start; some end with a name) → what it means, German / English
PROBLEMS: tuple[tuple[str, Bi], ...] = (
    ("did not find expected ',' or '}'", Bi("',' oder '}' erwartet", "expected ',' or '}'")),
    ("did not find expected ',' or ']'", Bi("',' oder ']' erwartet", "expected ',' or ']'")),
    ("did not find expected node content", Bi("hier fehlt ein Wert", "a value is missing here")),
    ("found unexpected end of stream", Bi("die Datei endet vorzeitig", "the file ends too early")),
    (
        "mapping values are not allowed",
        Bi(
            "ein Doppelpunkt an einer Stelle, an der keiner stehen darf – ein Text mit"
            " ': ' gehört in Anführungszeichen, oder die Einrückung stimmt nicht",
            "a colon where none may stand – quote a text containing ': ', or check the indentation",
        ),
    ),
    (
        "could not find expected ':'",
        Bi("nach dem Schlüssel fehlt der Doppelpunkt", "the colon after the key is missing"),
    ),
    (
        "did not find expected key",
        Bi(
            "hier wird ein weiterer Eintrag 'Schlüssel: Wert' mit derselben Einrückung erwartet",
            "another 'key: value' entry at the same indentation is expected here",
        ),
    ),
    (
        "did not find expected '-' indicator",
        Bi(
            "hier wird ein weiterer Listeneintrag '- …' mit derselben Einrückung erwartet",
            "another list entry '- …' at the same indentation is expected here",
        ),
    ),
    (
        "block sequence entries are not allowed",
        Bi(
            "ein Listeneintrag '- …' an einer Stelle, an der keiner stehen darf",
            "a list entry '- …' where none may stand",
        ),
    ),
    (
        "found undefined alias",
        Bi(
            "ein Verweis mit '*' auf einen Anker '&', den es nicht gibt",
            "a reference with '*' to an anchor '&' that does not exist",
        ),
    ),
    (
        "did not find expected alphabetic or numeric character",
        Bi("nach '&' oder '*' fehlt ein Name", "a name is missing after '&' or '*'"),
    ),
    (
        "but found another document",
        Bi(
            "die Datei enthält mehr als ein Dokument (ein zweites '---')",
            "the file holds more than one document (a second '---')",
        ),
    ),
    (
        "found unknown escape character",
        Bi(
            "eine unbekannte Folge mit '\\' in doppelten Anführungszeichen – einfache"
            " Anführungszeichen verwenden",
            "an unknown sequence with '\\' in double quotes – use single quotes",
        ),
    ),
    (
        "could not determine a constructor for the tag",
        Bi("eine unbekannte Kennzeichnung mit '!'", "an unknown tag with '!'"),
    ),
    (
        "found unknown directive name",
        Bi(
            "eine Zeile beginnt mit '%', das YAML als Anweisung liest",
            "a line starts with '%', which YAML reads as a directive",
        ),
    ),
    (
        "did not find expected comment or line break",
        Bi(
            "nach '|' oder '>' darf in derselben Zeile nur ein Kommentar stehen",
            "after '|' or '>' only a comment may follow on the same line",
        ),
    ),
    (
        "found an indentation indicator equal to 0",
        Bi(
            "die Einrückungsangabe 0 nach '|' oder '>' ist nicht erlaubt",
            "the indentation indicator 0 after '|' or '>' is not allowed",
        ),
    ),
    (
        "did not find expected <document start>",
        Bi(
            "nach dem Dokumentende '...' folgt noch Inhalt",
            "content follows the document end '...'",
        ),
    ),
    (
        "found a tab character",
        Bi(
            "ein Tabulator, wo nur Leerzeichen einrücken dürfen",
            "a tab where only spaces may indent",
        ),
    ),
)
_START = "found character that cannot start any token"

# libyaml's context → where the broken construct starts ({line}: its first line)
CONTEXTS: dict[str, Bi] = {
    "while parsing a block mapping": Bi(
        "in der Zuordnung ab Zeile {line}", "in the mapping starting at line {line}"
    ),
    "while parsing a block collection": Bi(
        "in der Liste ab Zeile {line}", "in the list starting at line {line}"
    ),
    "while scanning a simple key": Bi("Schlüssel in Zeile {line}", "key on line {line}"),
    "while scanning a block scalar": Bi(
        "im Textblock ab Zeile {line}", "in the text block starting at line {line}"
    ),
    "while parsing a quoted scalar": Bi(
        "im Text in Anführungszeichen ab Zeile {line}",
        "in the quoted text starting at line {line}",
    ),
    "while scanning a quoted scalar": Bi(
        "im Text in Anführungszeichen ab Zeile {line}",
        "in the quoted text starting at line {line}",
    ),
}


def problem_words(problem: str | None, text: str = "", index: int | None = None) -> Bi:
    """What libyaml's ``problem`` means, in German and English.

    ``text`` and ``index`` (where libyaml noticed it) name the character that cannot
    start a value. Returns libyaml's own words, marked as the parser's, for a
    problem not in :data:`PROBLEMS`; never raises.
    """
    problem = problem or ""
    if problem.startswith(_START):
        char = text[index] if index is not None and 0 <= index < len(text) else ""
        if char == "\t":
            return Bi(
                "ein Tabulator – zum Einrücken nur Leerzeichen verwenden",
                "a tab – indent with spaces only",
            )
        if char.isprintable() and char.strip():
            return Bi(
                f"das Zeichen '{char}' darf keinen Wert beginnen – den Text in"
                " Anführungszeichen setzen",
                f"the character '{char}' cannot start a value – quote the text",
            )
        return Bi(
            "ein Zeichen, das keinen Wert beginnen darf – den Text in Anführungszeichen setzen",
            "a character that cannot start a value – quote the text",
        )
    for start, words in PROBLEMS:
        if problem.startswith(start):
            return words
    if not problem:
        return Bi("unbekannter Fehler", "unknown error")
    return Bi(f"„{problem}“ (Meldung des YAML-Parsers)", problem)


def context_words(context: str | None, mark: Any) -> Bi | None:
    """Where the construct libyaml was reading starts, or ``None`` if that says nothing."""
    words = CONTEXTS.get(context or "")
    if words is None or mark is None:
        return None
    line = mark.line + 1
    return Bi(words.de.format(line=line), words.en.format(line=line))


def syntax_words(exc: Any, text: str) -> Bi:
    """A libyaml ``MarkedYAMLError`` as one German and one English phrase."""
    mark = exc.problem_mark or exc.context_mark
    words = problem_words(exc.problem, text, mark.index if mark is not None else None)
    where = context_words(exc.context, exc.context_mark)
    if where is None or exc.context_mark is mark:
        return words
    return Bi(f"{words.de} ({where.de})", f"{words.en} ({where.en})")


def reader_words(exc: Any) -> Bi:
    """A character the YAML reader refuses (a control character, an invalid byte)."""
    char = exc.character
    code = char if isinstance(char, int) else ord(char) if char else None
    name = f" (#x{code:04X})" if code is not None else ""
    return Bi(
        f"ein Steuerzeichen oder ungültiges Zeichen{name}, das in YAML nicht stehen darf",
        f"a control or invalid character{name} that YAML does not allow",
    )
