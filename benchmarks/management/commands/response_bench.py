"""`manage.py response_bench`: times the Responses view and the export on the volume data's
responses, and prints the figures as JSON on its last line (benchmarks/responses.py)."""

import json

from django.core.management.base import BaseCommand

from benchmarks import responses


class Command(BaseCommand):
    help = "Time the staff Responses view and the CSV/XLSX export; print JSON (a throwaway database only)."

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(responses.measure()))
