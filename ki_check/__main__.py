"""``python -m ki_check`` runs the same command line as ``ki-check``."""

from ki_check.cli import main

main()
