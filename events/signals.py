"""When an editor publishes more places for a session, people on its waiting list who now fit move up."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from events import allocation
from pages.models import EventSession


@receiver(post_save, sender=EventSession)
def places_may_have_grown(sender, instance, raw=False, created=False, **kwargs):
    if raw or created or not instance.takes_bookings:
        return

    def promote():
        with transaction.atomic():
            try:
                session = allocation.lock(instance)
            except EventSession.DoesNotExist:
                return
            allocation.promote(session)

    transaction.on_commit(promote, robust=True)
