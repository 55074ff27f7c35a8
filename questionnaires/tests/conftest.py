"""The sign-off fixtures (a user per role, the sign-off index) for the questionnaire tests."""

from workflows.tests.conftest import signoff_index, users  # noqa: F401
