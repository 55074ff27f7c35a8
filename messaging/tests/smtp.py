"""A real SMTP server (aiosmtpd) on a free port of this machine, for the delivery tests.

`SMTPServer(tls=True)` makes a self-signed certificate for 127.0.0.1 (with the openssl command),
offers STARTTLS and refuses mail until it has been negotiated. `answers` lets a test make the
server refuse messages: a callable given the number of the message (from 1) that returns None to
accept it or an SMTP reply such as "451 Try again later".
"""

import email
import email.policy
import socket
import ssl
import subprocess
import threading

from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def self_signed_certificate(folder):
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


class Handler:
    def __init__(self, answers=None):
        self.answers = answers or (lambda number: None)
        self.messages = []
        self.tls = []
        self.tried = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.tried += 1
            number = self.tried
        answer = self.answers(number)
        if answer:
            return answer
        parsed = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self.lock:
            self.messages.append(parsed)
            self.tls.append(session.ssl is not None)
        return "250 OK"


class SMTPServer:
    def __init__(self, tmp_path=None, *, tls=False, answers=None):
        self.port = free_port()
        self.handler = Handler(answers)
        kwargs = {}
        self.certificate = None
        if tls:
            cert, key = self_signed_certificate(tmp_path)
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(cert, key)
            kwargs = {"tls_context": context, "require_starttls": True}
            self.certificate = cert
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, **kwargs)

    @property
    def messages(self):
        return list(self.handler.messages)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()
