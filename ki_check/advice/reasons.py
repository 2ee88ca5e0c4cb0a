"""Why each action comes, in plain words (German and English).

The reasons :mod:`~ki_check.advice.priorities` gives its actions: each names what in
the answers made the rule fire (``docs/advice.md``, *Prioritised actions*). The rules
themselves live in ``priorities.py``, ``legal.py``, ``gaps.py`` and ``provisional.py``.
"""

from __future__ import annotations

from ki_check import fmt
from ki_check.advice.gaps import DimensionGap
from ki_check.advice.provisional import PROVISIONAL_BELOW, open_dimensions
from ki_check.assessment.scoring import ScoreResult
from ki_check.i18n import Text, tr
from ki_check.questionnaire.model import Questionnaire


def pair(de: str, en: str) -> Text:
    """A text in German and English."""
    return {"de": de, "en": en}


def join(a: Text, sep: str, b: Text) -> Text:
    """``a``, ``sep`` and ``b`` in each language."""
    return {lang: f"{tr(a, lang)}{sep}{tr(b, lang)}" for lang in ("de", "en")}


def why_gap(q: Questionnaire, g: DimensionGap, kind: str) -> Text:
    """Why a gap (``kind`` ``gap``) or a blocking foundation (``foundation``) comes, in
    plain words: the dimension's points, the stage they fall short of and the topic the
    company called important but hardly uses (docs/advice.md, *Why*)."""
    d = g.dimension
    label = q.dimension(d.id).label  # type: ignore[union-attr]
    score = d.score or 0.0

    def words(lang: str) -> str:
        name, s = tr(label, lang), fmt.number(score, lang)
        de = lang == "de"
        if kind == "foundation":
            stage = tr(q.stages[0].label, lang)
            return (
                f"{name}: {s} von 100 Punkten, unterste Stufe „{stage}“ – ohne diese"
                " Grundlage trägt kein KI-Vorhaben."
                if de
                else f"{name}: {s} of 100 points, lowest stage “{stage}” – without this"
                " foundation no AI project holds."
            )
        target = fmt.number(g.target, lang, 0)
        nxt = next((x for x in q.stages if x.min == g.target), None)
        if nxt is not None:  # the start of the company's next overall stage
            step = tr(nxt.label, lang)
            text = (
                f"{name}: {s} von 100 Punkten, unter den {target}, ab denen die nächste Stufe"
                f" „{step}“ beginnt."
                if de
                else f"{name}: {s} of 100 points, below the {target} where the next stage"
                f" “{step}” begins."
            )
        else:  # at the top stage there is no next one
            top = tr(q.stage_for(g.target).label, lang)
            text = (
                f"{name}: {s} von 100 Punkten, obwohl das Unternehmen insgesamt schon auf"
                f" der obersten Stufe „{top}“ steht."
                if de
                else f"{name}: {s} of 100 points, although the company as a whole is already"
                f" at the top stage “{top}”."
            )
        named = important(q, g.question, lang)
        if named:
            text += (
                f" Als wichtig genannt, aber kaum genutzt: „{named}“."
                if de
                else f" Named as important but hardly used: “{named}”."
            )
        return text

    return {"de": words("de"), "en": words("en")}


def important(q: Questionnaire, question_id: str | None, lang: str) -> str | None:
    """What the company called important: the relevance statement paired with the use
    question ``question_id`` (the use statement where it has none), without its full stop."""
    question = q.question(question_id) if question_id else None
    if question is None:
        return None
    asked = q.question(question.relevance_question) if question.relevance_question else None
    return tr((asked or question).text, lang).rstrip(".")


def gap_start(q: Questionnaire, question_id: str | None) -> Text | None:
    """A gap step's starting point where the company stated no goal: the topic it called
    important but hardly uses (docs/advice.md), or ``None`` without one."""
    if important(q, question_id, "de") is None:
        return None
    return {
        "de": "Ausgangspunkt: was Sie als wichtig, aber kaum genutzt genannt haben –"
        f" „{important(q, question_id, 'de')}“.",
        "en": "Starting point: what you named as important but hardly used –"
        f" “{important(q, question_id, 'en')}”.",
    }


def why_no_ai_use() -> Text:
    """Why a lower readiness's step: the answers show no AI in use."""
    return pair(
        "Ihre Antworten zeigen keinen KI-Einsatz; deshalb ein Schritt, der keinen voraussetzt.",
        "Your answers show no AI in use; so a step that does not assume any.",
    )


def why_shadow() -> Text:
    """Why the usage rule: staff use AI on their own, not everyone is trained."""
    return pair(
        "Ihre Antworten zeigen: Beschäftigte nutzen KI-Werkzeuge auf eigene Faust, und nicht"
        " alle Nutzenden sind geschult.",
        "Your answers show that staff use AI tools on their own and not everyone who uses"
        " AI is trained.",
    )


def why_provider() -> Text:
    """Why the provider's duties: the answers make the company an AI-Act provider."""
    return pair(
        "Ihre Antworten zeigen: Sie bauen KI in Produkte ein, die Sie verkaufen, oder bieten"
        " ein KI-System unter eigenem Namen an – damit sind Sie Anbieter nach der"
        " EU-KI-Verordnung.",
        "Your answers show that you build AI into products you sell or offer an AI system"
        " under your own name – which makes you a provider under the EU AI Act.",
    )


def why_development(situations: set[str]) -> Text:
    """Why funded development: own R&D (and, in ``situations``, a founding)."""
    why = pair(
        "Ihre Antworten zeigen eigene Forschung oder Entwicklung.",
        "Your answers show own research or development.",
    )
    if "founding" in situations:
        why = join(
            why,
            " ",
            pair(
                "Das Profil nennt ein Start-up oder eine Ausgründung.",
                "The profile names a start-up or a spin-off.",
            ),
        )
    return why


def why_incomplete(q: Questionnaire, result: ScoreResult) -> Text:
    """Why the check comes first: how much is answered and which dimensions are open."""
    open_dims = open_dimensions(q, result)

    def words(lang: str) -> str:
        share = fmt.percent(result.coverage, lang)
        limit = fmt.percent(PROVISIONAL_BELOW, lang, decimals=0)
        names = ", ".join(tr(d.label, lang) for d in open_dims)
        if lang == "de":
            text = (
                f"Erst {share} der Fragen beantwortet ({result.answered} von"
                f" {result.applicable}), weniger als {limit}: Stufe und Lücken sind nur"
                " vorläufig."
            )
            return text + (f" Kaum oder nicht beantwortet: {names}." if names else "")
        text = (
            f"Only {share} of the questions answered ({result.answered} of"
            f" {result.applicable}), less than {limit}: stage and gaps are provisional."
        )
        return text + (f" Hardly or not answered: {names}." if names else "")

    return {"de": words("de"), "en": words("en")}


def why_person() -> Text:
    """Why a named person: no answer names one."""
    return pair(
        "Keine Antwort nennt eine Person, die sich mit fester Zeit um KI kümmert; sie ist"
        " der stärkste Einzelfaktor für die Umsetzung.",
        "No answer names a person who looks after AI with fixed time; such a person is the"
        " strongest single factor for getting things done.",
    )


def goal_start(goal: str) -> Text:
    """The lead step's words that start from the company's own goal."""
    return pair(
        f"Ausgangspunkt: Ihr eigenes Ziel „{goal}“.",
        f"Starting point: your own goal “{goal}”.",
    )


def why_goal(goal: str) -> Text:
    """The company's own goal, quoted in the lead step's reason."""
    return pair(f"Ihr Ziel: „{goal}“.", f"Your goal: “{goal}”.")


def why_scale(title: Text) -> Text:
    """Why the 12-month step: it carries on the lead gap's step ``title``."""
    return pair(
        f"Baut auf Schritt „{tr(title, 'de')}“ auf und führt ihn im ersten Jahr weiter.",
        f"Builds on the step “{tr(title, 'en')}” and carries it on within the first year.",
    )
