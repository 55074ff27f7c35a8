"""The themes a "You said, We did" page shows with their counts, as the analysis above pages counts them.

`pages` cannot import the app that codes responses (analysis/), so that app registers a source here
from its AppConfig.ready(): `choices(opportunity)` gives [(theme id, name)] of the opportunity's
coding frame, and `counts(opportunity, ids)` gives {theme id: (name, number of counted responses
with that theme)}. The editor ticks themes (their ids are stored in the page, so the choice goes
through revisions and sign-off like any other field); the public page shows each with its count
through core/suppression.py. Editors write the words; the numbers come from the analysis.
"""

from django import forms

from core.suppression import suppress_counts
from pages.participation import ParticipantsFromRecordsForm

_source = {}


def register_theme_source(choices, counts):
    _source["choices"], _source["counts"] = choices, counts


def theme_choices(opportunity):
    if opportunity is None or "choices" not in _source:
        return []
    return list(_source["choices"](opportunity))


def theme_figures(opportunity, ids):
    """[(theme name, Figure)] for the chosen themes, most often raised first, suppressed for the public.

    One response may carry several themes, so the counts do not add up to a total and only the
    primary rule (under 5 is hidden) applies.
    """
    if opportunity is None or not ids or "counts" not in _source:
        return []
    counts = _source["counts"](opportunity, [int(pk) for pk in ids])
    figures, _total = suppress_counts({pk: n for pk, (_name, n) in counts.items()}, additive=False)
    rows = sorted(counts.items(), key=lambda item: (-item[1][1], item[1][0]))
    return [(name, figures[pk]) for pk, (name, _n) in rows]


class OutcomeForm(ParticipantsFromRecordsForm):
    """The "You said, We did" editor: the people counted, and themes to choose from the analysis."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "outcome_themes" not in self.fields:
            return
        opportunity = getattr(self.instance, "opportunity", None)
        choices = theme_choices(opportunity)
        self.fields["outcome_themes"] = forms.TypedMultipleChoiceField(
            label="Themes to show with their counts",
            choices=choices,
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text="The themes from the analysis of the responses to show on this page, each with "
            "how many responses raised it (fewer than 5 is shown as words)."
            if choices
            else "Choose the opportunity this answers and save a draft: its coded themes are offered then.",
        )
