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
    "AnswerFile": "ki_check.answers",
    "Assessment": "ki_check.assessment",
    "assess": "ki_check.assessment",
    "load_answers": "ki_check.answers",
    "open_answers": "ki_check.answers",
    "save_answers": "ki_check.answers",
    "Baseline": "ki_check.baseline",
    "load_baselines": "ki_check.baseline",
    "KiCheckError": "ki_check.errors",
    "ValidationError": "ki_check.errors",
    "Questionnaire": "ki_check.model",
    "load_questionnaire": "ki_check.questionnaire",
    "ScoreResult": "ki_check.scoring",
    "score": "ki_check.scoring",
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
