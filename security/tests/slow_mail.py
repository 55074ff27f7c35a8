"""An email backend as slow as a real mail server, for tests that time what a visitor waits for."""

import time

from django.core.mail.backends.locmem import EmailBackend

DELAY = 0.3


class SlowEmailBackend(EmailBackend):
    def send_messages(self, messages):
        time.sleep(DELAY)
        return super().send_messages(messages)
