"""Refusals of the published responses app."""


class PublicationNotApproved(Exception):
    """A ResponsePublication revision was to go live without the Editorial review's approval."""


class ModerationRefused(Exception):
    """A moderation action that cannot be taken (the response is not consented, or gone)."""
