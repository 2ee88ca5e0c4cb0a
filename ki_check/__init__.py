"""ki-check: how ready is a German SME (KMU) for AI, what to do next, who pays for it.

The public Python API is re-exported here; the command line (``ki_check.cli``)
is a thin layer over exactly these functions::

    from ki_check import load_questionnaire, load_answers, score

    q = load_questionnaire("kmu-basis")
    a = load_answers("examples/muster-gmbh.yaml", q)
    result = score(q, a)
    print(result.overall, result.stage.id)
"""

__version__ = "0.1.0"

from ki_check.answers import AnswerFile, load_answers, save_answers
from ki_check.baseline import Baseline, load_baselines
from ki_check.errors import KiCheckError, ValidationError
from ki_check.questionnaire import Questionnaire, load_questionnaire
from ki_check.scoring import ScoreResult, score

__all__ = [
    "AnswerFile",
    "Baseline",
    "KiCheckError",
    "Questionnaire",
    "ScoreResult",
    "ValidationError",
    "__version__",
    "load_answers",
    "load_baselines",
    "load_questionnaire",
    "save_answers",
    "score",
]
