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
    """Why a gap (``kind`` ``gap``) or a blocking foundation (``foundation``) comes:
    its score, how far below the next stage, its weight and the question it lacks most."""
    d = g.dimension
    label = q.dimension(d.id).label  # type: ignore[union-attr]
    score = d.score or 0.0

    def words(lang: str) -> str:
        name, s = tr(label, lang), fmt.number(score, lang)
        if kind == "foundation":
            stage = tr(q.stages[0].label, lang)
            return (
                f"{name}: {s} von 100, in der untersten Stufe ({stage}); ohne diese"
                " Grundlage trägt kein KI-Vorhaben."
                if lang == "de"
                else f"{name}: {s} of 100, in the lowest stage ({stage}); without this"
                " foundation no AI project holds."
            )
        gap = fmt.number(g.distance, lang)
        target = fmt.number(g.target, lang, 0)
        nxt = next((x for x in q.stages if x.min == g.target), None)
        if nxt is not None:  # the start of the company's next overall stage
            below = (
                f"{gap} Punkte unter der nächsten Gesamtstufe „{tr(nxt.label, lang)}“ (ab {target})"
                if lang == "de"
                else f"{gap} points below the next overall stage “{tr(nxt.label, lang)}”"
                f" (from {target})"
            )
        else:  # at the top stage there is no next one: the distance is to the maximum
            top = tr(q.stage_for(g.target).label, lang)
            below = (
                f"{gap} Punkte unter dem Höchstwert {target} – insgesamt steht das"
                f" Unternehmen schon auf der obersten Stufe „{top}“"
                if lang == "de"
                else f"{gap} points below the maximum of {target} – overall the company is"
                f" already at the top stage “{top}”"
            )
        text = (
            f"{name}: {s} von 100, {below};"
            f" Gewicht {fmt.number(d.weight, lang, 2).rstrip('0').rstrip(',')}."
            if lang == "de"
            else f"{name}: {s} of 100, {below};"
            f" weight {fmt.number(d.weight, lang, 2).rstrip('0').rstrip('.')}."
        )
        if g.question:
            question = q.question(g.question)
            asked = tr(question.text, lang) if question else g.question
            text += (
                f" Als wichtig genannt, aber kaum genutzt: {asked}"
                if lang == "de"
                else f" Named as important but little used: {asked}"
            )
        return text

    return {"de": words("de"), "en": words("en")}


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


def why_scale(label: Text) -> Text:
    """Why the 12-month step: it builds on the first step in dimension ``label``."""
    return pair(
        f"Baut auf dem ersten Schritt in „{tr(label, 'de')}“ auf: den Nutzen messen und ausweiten.",
        f"Builds on the first step in “{tr(label, 'en')}”: measure the benefit and extend it.",
    )
