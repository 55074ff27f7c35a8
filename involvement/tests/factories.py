"""Factories for register members, invitations and feedback, used by the involvement tests."""

import factory
from django.utils import timezone

from involvement.models import Feedback, Invitation, Member


class MemberFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Member Example {n}")
    email = factory.Sequence(lambda n: f"member{n}@example.com")
    preferred_contact = "email"
    consent_version = "Privacy notice (revision 1)"
    consented_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Member
        skip_postgeneration_save = True

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        if create and extracted:
            self.audiences.set(extracted)

    @factory.post_generation
    def methods(self, create, extracted, **kwargs):
        if create and extracted:
            self.methods.set(extracted)


class InvitationFactory(factory.django.DjangoModelFactory):
    member = factory.SubFactory(MemberFactory)

    class Meta:
        model = Invitation


class FeedbackFactory(factory.django.DjangoModelFactory):
    kind = "comment"
    service = "Example Road Surgery"
    experience = factory.Sequence(lambda n: f"Experience number {n}.")

    class Meta:
        model = Feedback
