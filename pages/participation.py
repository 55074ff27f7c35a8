"""How many people took part in an opportunity, as the apps above pages count it.

`pages` cannot import the apps that build on it, so an app that counts people registers a counter
here from its AppConfig.ready(): a function that takes the opportunity and returns a number, or
None when it has counted nothing. Questionnaires count the responses counted in public
(questionnaires/counting.py); events count who came to the sessions (events/attendance.py). The
figure offered is the sum.

The "You said, We did" editor offers the figure: when an item answers an opportunity that the
site has counted, "people who took part" starts with that number and its help text says where it
came from, so nobody types a number the site already knows. An editor may still change it (people
who took part in other ways as well, for instance).
"""

from wagtail.admin.forms import WagtailAdminPageForm

_counters = {}


def register_participation_count(name, fn):
    """Count people who took part in an opportunity with fn(opportunity) -> int | None."""
    _counters[name] = fn


def counted_participants(opportunity):
    """The sum of what every counter knows about `opportunity`, or None if none knows anything."""
    if opportunity is None:
        return None
    counts = [count for fn in _counters.values() if (count := fn(opportunity)) is not None]
    return sum(counts) if counts else None


class ParticipantsFromRecordsForm(WagtailAdminPageForm):
    """The "You said, We did" editor: offers the site's own count of the people who took part."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("participants")
        opportunity = getattr(self.instance, "opportunity", None)
        counted = counted_participants(opportunity) if field is not None else None
        if counted is None:
            return
        field.help_text = (
            f"The site's records count {counted:,} {'person' if counted == 1 else 'people'} for "
            f"'{opportunity.title}' ({', '.join(sorted(_counters))}). Change it only if you know of "
            "others who took part."
        )
        if self.instance.participants is None and not self.is_bound:
            self.initial["participants"] = counted
