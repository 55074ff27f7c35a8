"""The one question a destructive management command asks before it acts."""

import sys

from django.core.management.base import CommandError


def require_yes(question, nothing_done, action):
    """Ask `question` at a terminal and go on only if the answer is 'yes'.

    Without a terminal nobody can answer, so it refuses and points at --yes. A refusal raises
    CommandError("<nothing_done>: add --yes to <action> without being asked.") or "<nothing_done>."
    """
    if not sys.stdin.isatty():
        raise CommandError(f"{nothing_done}: add --yes to {action} without being asked.")
    if input(question).strip().lower() != "yes":
        raise CommandError(f"{nothing_done}.")
