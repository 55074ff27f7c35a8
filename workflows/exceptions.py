"""Errors raised by the sign-off stages."""


class SignOffRefused(Exception):
    """A stage decision that may not be taken now; the message says why, for the approver."""

    def __init__(self, message, page_id):
        super().__init__(message)
        self.page_id = page_id
