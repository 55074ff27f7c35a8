"""The sign-off fixtures (a user per role, /get-involved/ under consultation sign-off) for backup tests."""

from workflows.tests.conftest import signoff_index, users  # noqa: F401
