"""The register's CSV export goes through the one formula rule (core/exports.py), leading spaces included."""

import csv
import io

import pytest

from involvement.tests.factories import MemberFactory


@pytest.mark.django_db
def test_every_typed_cell_of_the_register_csv_stays_text(client, engagement_user):
    MemberFactory(name="  =1+1", email="a@example.com", access_needs="@SUM(A1)", address="-2+3\nMansfield")
    client.force_login(engagement_user)
    response = client.get("/admin/involvement/member/?export=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    [row] = rows
    assert row["Full Name"] == "'  =1+1"
    assert row["Access Needs"] == "'@SUM(A1)"
    assert row["Postal Address"] == "'-2+3\nMansfield"
