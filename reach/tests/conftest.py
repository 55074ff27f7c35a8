"""Fixtures for the reach tests: the sign-off tests' users (one per role)."""

from workflows.tests import conftest as sign_off_fixtures

users = sign_off_fixtures.users
