"""Errors raised by the sign-off stages and the publishing rule."""


class SignOffRefused(Exception):
    """A decision that may not be taken now; the message says why, for the person acting."""

    def __init__(self, message, page_id):
        super().__init__(message)
        self.page_id = page_id


class AlreadyDecided(SignOffRefused):
    """The stage was decided already: by a double click, a retry, a colleague or a background post."""

    def __init__(self, task, task_state, page_id):
        self.task_state = task_state
        decided_by = task_state.finished_by
        who = f" by {decided_by.get_full_name() or decided_by.get_username()}" if decided_by else ""
        status = task_state.get_status_display().lower()
        super().__init__(f"{task.name} has already been decided ({status}{who}).", page_id)


class PublicationRefused(SignOffRefused):
    """Publishing content that every stage its category needs has not approved."""
