"""The guided interview: a pure state machine and the terminal that drives it.

:mod:`~ki_check.interview.machine` decides what comes next and what is saved;
:mod:`~ki_check.interview.terminal` and :mod:`~ki_check.interview.prompter` talk to
the advisor. Kept empty so that importing one module does not import the others.
"""
