"""Plan documents stay private: a document that a plan uses as its equality impact assessment
cannot leave the staff-only collection, by the document's form, the bulk action or code."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from wagtail.models import CollectionViewRestriction, Page, Revision

from core.roles import INTERNAL_COLLECTION


def collection_is_private(collection):
    """Whether a view restriction on the collection (or above it) keeps its documents from the public."""
    return CollectionViewRestriction.objects.filter(
        collection__in=collection.get_ancestors(inclusive=True)
    ).exists()


def is_private(document):
    return collection_is_private(document.collection)


def plans_using(document):
    """Titles of the pages whose latest or live version names `document` as its equality impact assessment."""
    current = Page.objects.values("latest_revision_id")
    live = Page.objects.filter(live_revision__isnull=False).values("live_revision_id")
    revisions = Revision.objects.filter(Q(pk__in=current) | Q(pk__in=live), content__eia_document=document.pk)
    return sorted({revision.object_str for revision in revisions.only("object_str")})


def leaving_privacy_problem(document, collection):
    """The message refusing to move `document` to `collection`, or None if the move is fine."""
    if document.pk is None or collection is None or collection_is_private(collection):
        return None
    plans = plans_using(document)
    if not plans:
        return None
    return (
        f"“{document.title}” is the equality impact assessment of {', '.join(plans)}: it must stay in "
        f"the '{INTERNAL_COLLECTION}' collection, where only staff can open it."
    )


def keep_plan_documents_private(sender, instance, **kwargs):
    """pre_save for documents: the model-level backstop for any other route."""
    if instance.pk is None:
        return
    previous = sender.objects.filter(pk=instance.pk).values_list("collection_id", flat=True).first()
    if previous == instance.collection_id:
        return
    if problem := leaving_privacy_problem(instance, instance.collection):
        raise ValidationError(problem)
