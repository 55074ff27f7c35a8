"""The publishing rule for consultation plans, checked in the model layer on every route.

An opportunity is published only if the exact revision being published (the same revision, or
one whose signed-off content has the same fingerprint) was approved by every stage its own
category needs, within one sign-off run, each by a different person who did not submit the plan,
and only while the plan's guards hold. OpportunityPage calls `require_signoff` from `publish`
(revision.publish, bulk actions, scheduled publishing) and from `save` whenever a save would make
it live or change its live revision (the editor's publish button, revert, copies kept live).

Apps above workflows add rules of their own that every publish must pass on the same routes with
`register_publication_check` from their AppConfig.ready() (the questionnaire lock:
questionnaires/lock.py refuses a version whose questions would break the answers already given).
"""

from wagtail.log_actions import log

from workflows.exceptions import PublicationRefused
from workflows.fingerprint import fingerprint
from workflows.models import missing_approvals, required_stages

_publication_checks = {}


def register_publication_check(name, fn):
    """Run fn(page, revision) -> [sentence, …] on every publish of an opportunity; any sentence
    refuses it, wherever the publish comes from."""
    _publication_checks[name] = fn


def publication_problems(page, revision):
    """Why `revision` of `page` may not be published, as sentences; empty when it may."""
    if revision is None or str(revision.object_id) != str(page.pk):
        return ["This version has not been through sign-off."]
    obj = revision.as_object()
    problems = [message for _field, message in obj.approval_problems()]
    stages = required_stages(obj.signoff_category)
    if gaps := missing_approvals(page.pk, fingerprint(revision), stages):
        names = ", ".join(stage.get_verbose_name() for stage in gaps)
        problems.append(
            f"As a category {obj.signoff_category} plan it needs approval of exactly this version at "
            f"every stage, each by a different person who did not submit it; missing: {names}."
        )
    for check in _publication_checks.values():
        problems.extend(check(page, revision))
    return problems


def require_signoff(page, revision, user=None):
    """Refuse, with the reasons, and record the attempt in the page history, unless `revision` of
    `page` may be published."""
    problems = publication_problems(page, revision)
    if not problems:
        return
    if page.pk is not None:
        log(
            page,
            "workflows.publish_refused",
            user=user,
            revision=revision if revision is not None and str(revision.object_id) == str(page.pk) else None,
            data={"problems": problems},
        )
    raise PublicationRefused(f"“{page.title}” cannot be published yet. {' '.join(problems)}", page.pk)
