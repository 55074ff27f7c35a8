"""Email addresses and phone numbers never reach the logs; the rest of each message does."""

import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from operations.log_filters import EMAIL_MASK, PHONE_MASK, ScrubPersonalData, scrub

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sign-up from jane.doe+nhs@example.co.uk failed", f"Sign-up from {EMAIL_MASK} failed"),
        ("GET /search/?q=Jane.Doe%40Example.org HTTP/1.1", f"GET /search/?q={EMAIL_MASK} HTTP/1.1"),
        ("Call 01632 960 001.", f"Call {PHONE_MASK}."),
        ("mobile 07700900982, landline (01632) 960001", f"mobile {PHONE_MASK}, landline {PHONE_MASK}"),
        ("phone=+44 7700 900 982&x=1", f"phone={PHONE_MASK}&x=1"),
        ("abroad +33 1 23 45 67 89", f"abroad {PHONE_MASK}"),
        ("Key (email)=(a@b.org) already exists", f"Key (email)=({EMAIL_MASK}) already exists"),
    ],
)
def test_personal_data_is_replaced(text, expected):
    assert scrub(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2025-03-14 09:26:53,589 INFO GET /get-involved/?page=2 200 in 0.0123456789s",
        "Page 1234567 published; revision 98765 by user 12",
        "Request from 10.0.0.12 took 012 ms; order 0123 of 04567",
        "Timestamp 1741944413 and uuid 5f0c6a2e-1b2c-4d5e-8f90-0123456789ab",
        "No phone: 0 1 2 3",
    ],
)
def test_other_numbers_are_left_alone(text):
    assert scrub(text) == text


def test_the_filter_scrubs_messages_arguments_and_tracebacks():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ScrubPersonalData())
    logger = logging.getLogger("operations.tests.scrub")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("Member %s asked to be called on %s", "jo@example.org", "07700 900 982")
        try:
            raise ValueError("duplicate key value: jo@example.org")
        except ValueError:
            logger.exception("Could not save the sign-up")
    finally:
        logger.removeHandler(handler)
    output = stream.getvalue()
    assert "jo@example.org" not in output and "900 982" not in output
    assert f"Member {EMAIL_MASK} asked to be called on {PHONE_MASK}" in output
    assert "Could not save the sign-up" in output
    assert f"ValueError: duplicate key value: {EMAIL_MASK}" in output  # the traceback is kept, scrubbed


def test_production_logging_scrubs_what_it_writes():
    """With the production settings, an error logged by Django is written without the address."""
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('django.request').error('Internal Server Error: /join/ from %s', "
        "'jo@example.org'); "
        "logging.getLogger('involvement').warning('call 07700 900 982')"
    )
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment.update(
        DJANGO_SETTINGS_MODULE="settings.production",
        SECRET_KEY="test-only",
        TRUSTED_PROXIES="1",
        PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'site'}",
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert f"Internal Server Error: /join/ from {EMAIL_MASK}" in result.stderr
    assert f"call {PHONE_MASK}" in result.stderr
    assert "jo@example.org" not in result.stderr and "900 982" not in result.stderr
