"""Check any ki-check YAML file: a questionnaire or an answer file, told apart by content."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ki_check.assessment.answers import check_answers, questionnaire_for
from ki_check.diagnostics import Issue
from ki_check.errors import KiCheckError, ValidationError
from ki_check.i18n import pick, plural
from ki_check.questionnaire.build import build_questionnaire
from ki_check.util.yamlsrc import load_yaml

Kind = Literal["questionnaire", "answers", "unknown"]


@dataclass
class FileReport:
    """The findings for one file and what it turned out to be."""

    path: Path
    kind: Kind
    issues: list[Issue] = field(default_factory=list)
    detail: str = ""
    questions: int | None = None

    @property
    def ok(self) -> bool:
        """No errors (warnings allowed)."""
        return not any(i.severity == "error" for i in self.issues)

    @property
    def errors(self) -> int:
        """How many of the findings are errors."""
        return sum(1 for i in self.issues if i.severity == "error")

    @property
    def warnings(self) -> int:
        """How many of the findings are warnings (everything that is not an error)."""
        return len(self.issues) - self.errors

    def failed(self, strict: bool = False) -> bool:
        """Whether the file fails the check: any error, or with ``strict`` any warning."""
        return bool(self.errors or (strict and self.warnings))

    def summary(self, lang: str = "de") -> str:
        """``Fragebogen kmu-basis 1.0, 21 Fragen`` or ``Antwortdatei für kmu-basis``."""
        if self.kind == "questionnaire":
            count = ""
            if self.questions is not None:
                count = pick(
                    lang,
                    f", {plural(self.questions, 'Frage', 'Fragen')}",
                    f", {plural(self.questions, 'question', 'questions')}",
                )
            return pick(lang, f"Fragebogen {self.detail}", f"questionnaire {self.detail}") + count
        if self.kind == "answers":
            return pick(lang, f"Antwortdatei für {self.detail}", f"answer file for {self.detail}")
        return pick(lang, "gültig", "valid")


def validate_file(path: Path) -> FileReport:
    """Validate ``path`` completely; never raises for bad content."""
    doc = load_yaml(path)
    if isinstance(doc.data, dict) and "questionnaire" in doc.data:
        report = FileReport(path, "answers")
        try:
            q = questionnaire_for(doc, path)
        except ValidationError as exc:
            report.issues = _sorted([*exc.issues, *(i for i in doc.issues if i not in exc.issues)])
            return report
        except KiCheckError as exc:  # the questionnaire file itself is missing
            report.issues = [Issue("FILE_001", str(path), params={"reason": exc.message()})]
            return report
        check_answers(doc, q)
        report.issues = _sorted(doc.issues)
        report.detail = q.ref
        return report
    built = build_questionnaire(doc, path)
    report = FileReport(path, "questionnaire" if built or isinstance(doc.data, dict) else "unknown")
    report.issues = _sorted(doc.issues)
    if built is not None:
        report.detail = f"{built.id} {built.version}"
        report.questions = len(built.questions)
    return report


def _sorted(issues: list[Issue]) -> list[Issue]:
    return sorted(issues, key=lambda i: (i.line or 0, i.col or 0))
