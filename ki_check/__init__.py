"""ki-check: how ready is a German SME (KMU) for AI, what to do next, who pays for it.

The public Python API is re-exported here; the command line (``ki_check.cli``)
is a thin layer over exactly these functions::

    from ki_check import assess, load_answers, load_questionnaire, score

    q = load_questionnaire("kmu-basis")
    a = load_answers("examples/muster-gmbh.yaml", q)
    result = score(q, a)            # the scores only (pure)
    print(result.overall, result.stage.id)
    advice = assess(q, a)           # scores, prioritised actions, funding tiers, AI Act role
    print(advice.actions[0].id, [v.programme.id for v in advice.shortlist])
"""

__version__ = "0.1.0"

# The API is imported on first use (PEP 562), so that ``ki-check --help`` and
# other light commands do not pay for loading the whole library.
_API = {
    "AnswerFile": "ki_check.assessment.answers",
    "Assessment": "ki_check.assessment.assess",
    "assess": "ki_check.assessment.assess",
    "load_answers": "ki_check.assessment.answers",
    "open_answers": "ki_check.assessment.answers",
    "save_answers": "ki_check.assessment.answers",
    "Baseline": "ki_check.assessment.baseline",
    "load_baselines": "ki_check.assessment.baseline",
    "KiCheckError": "ki_check.errors",
    "ValidationError": "ki_check.errors",
    "Questionnaire": "ki_check.questionnaire.model",
    "load_questionnaire": "ki_check.questionnaire.load",
    "ScoreResult": "ki_check.assessment.scoring",
    "score": "ki_check.assessment.scoring",
}


def __getattr__(name: str) -> object:
    if name in _API:
        import importlib

        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'ki_check' has no attribute {name!r}")


__all__ = [
    "AnswerFile",
    "Assessment",
    "Baseline",
    "KiCheckError",
    "Questionnaire",
    "ScoreResult",
    "ValidationError",
    "__version__",
    "assess",
    "load_answers",
    "load_baselines",
    "load_questionnaire",
    "open_answers",
    "save_answers",
    "score",
]
