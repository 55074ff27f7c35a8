"""Public forms in NHS.UK markup, through Django's form rendering: `{{ field.as_field_group }}`.

A form that subclasses NHSUKForm renders each field with templates/forms/field.html: the label
(or, for radios and checkboxes, a fieldset and legend), the hint, the error message with its
visually hidden "Error:", and the control, whose aria-describedby names the hint, the message
and, on a long text box, its character count. The controls are Django's own widgets, given the
NHS.UK classes here. The error summary (templates/includes/error_summary.html) links each
message to the field's `error_target`. Wagtail's admin forms are not NHSUKForms and keep
Django's and Wagtail's rendering. (wagtail-nhsuk-frontend's own `forms` app is not used: it
replaces Django's widget templates for every form, the admin's too, and writes no hints or errors.)
"""

from django import forms
from django.forms.boundfield import BoundField
from django.forms.utils import ErrorList

# The NHS.UK class of each kind of control (BoundField.widget_type), and its class in error.
CONTROL_CLASSES = {
    "textarea": ("nhsuk-textarea", "nhsuk-textarea--error"),
    "select": ("nhsuk-select", "nhsuk-select--error"),
    "radioselect": ("nhsuk-radios__input", ""),
    "checkboxselectmultiple": ("nhsuk-checkboxes__input", ""),
    "checkbox": ("nhsuk-checkboxes__input", ""),
}
TEXT_INPUT_CLASSES = ("nhsuk-input", "nhsuk-input--error")

# The controls NHS.UK sets in a fieldset, each option (or the single box) an item of its list.
CHOICE_STYLES = {"radioselect": "radios", "checkboxselectmultiple": "checkboxes", "checkbox": "checkboxes"}
OPTION_GROUPS = {"radioselect", "checkboxselectmultiple"}


class NHSUKBoundField(BoundField):
    """One field of a public form, rendered by `{{ field.as_field_group }}` as an NHS.UK form group."""

    @property
    def template_name(self):
        return self.field.template_name or "forms/field.html"

    @property
    def choice_style(self):
        """'radios' or 'checkboxes' for a field laid out as a fieldset of items; otherwise ''."""
        return CHOICE_STYLES.get(self.widget_type, "")

    @property
    def use_fieldset(self):
        return bool(self.choice_style)

    @property
    def legend(self):
        """The question over a group; over a single checkbox, the form's `legends` entry, if any."""
        if self.widget_type == "checkbox":
            return self.form.legends.get(self.name, "")
        return self.label

    @property
    def group_classes(self):
        classes = [
            "nhsuk-form-group",
            "nhsuk-form-group--error" if self.errors else "",
            "nhsuk-character-count" if self.character_count else "",
        ]
        return " ".join(filter(None, classes))

    @property
    def character_count(self):
        """Whether this is a long text box with a limit, which counts the characters left."""
        return self.widget_type == "textarea" and bool(getattr(self.field, "max_length", None))

    @property
    def aria_describedby(self):
        if self.is_hidden:
            return ""
        ids = [
            f"{self.auto_id}-info" if self.character_count else "",
            f"{self.auto_id}-hint" if self.help_text else "",
            f"{self.auto_id}-error" if self.errors else "",
        ]
        return " ".join(filter(None, ids))

    @property
    def error_target(self):
        """The id the error summary links to: a group's first option, a date's first box (the suffix
        of its id is the field's `first_part`), or the control itself."""
        if first_part := getattr(self.field, "first_part", None):
            return f"{self.auto_id}_{first_part}"
        return f"{self.auto_id}_0" if self.widget_type in OPTION_GROUPS else self.auto_id

    def build_widget_attrs(self, attrs, widget=None):
        widget = widget or self.field.widget
        attrs = super().build_widget_attrs(attrs, widget)
        if widget.is_hidden:
            return attrs
        # NHS.UK marks a field in error with its message and the classes below; its components
        # do not set aria-invalid, which Django adds.
        attrs.pop("aria-invalid", None)
        control, error = CONTROL_CLASSES.get(self.widget_type, TEXT_INPUT_CLASSES)
        classes = [
            control,
            widget.attrs.get("class", ""),  # e.g. an input width, nhsuk-input--width-10
            "nhsuk-js-character-count" if self.character_count else "",
            error if self.errors else "",
        ]
        attrs["class"] = " ".join(filter(None, classes))
        return attrs


class NHSUKErrorList(ErrorList):
    """A field's error messages as NHS.UK shows them (templates/forms/errors.html)."""

    template_name = "forms/errors.html"


class NHSUKForm(forms.Form):
    """A form on a public page: its fields render as NHS.UK form groups, checked by the server."""

    bound_field_class = NHSUKBoundField
    # The forms are posted with novalidate: the server says in words what is missing, and the
    # error summary lists it. Browsers' own required-field messages are not part of the pattern.
    use_required_attribute = False
    # The legend over a single checkbox, by field name (a group's legend is its label).
    legends = {}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_class", NHSUKErrorList)
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            # The server refuses text that is too long and says so, keeping what was typed; a
            # browser's maxlength would cut it short without a word. NHS.UK sizes text boxes
            # with classes, so Django's default cols is left out too.
            field.widget.attrs.pop("maxlength", None)
            field.widget.attrs.pop("cols", None)


# The honeypot: a field only robots fill in, on every public form that stores what it is sent.
HONEYPOT_FIELD = "website"
HONEYPOT_MESSAGE = (
    "We could not accept this form. If you filled in the box labelled 'Leave this field empty', "
    "clear it and send the form again."
)


def honeypot_filled(data):
    """True when the field humans cannot see (and are told to leave empty) has something in it."""
    return bool((data.get(HONEYPOT_FIELD) or "").strip())


def admit(form, data, limiter, rate_limit_message, check=None):
    """Whether a public form's post may be stored now; if not, False with the reason on the form.

    The one order every public form follows: a filled honeypot is refused (and counted against the
    connection, whatever the form's errors); an invalid form shows its errors, and the rate limit's
    message too once the connection has used up its slots; `check(form)`, for a valid form, may
    refuse it with its own reason on the form without spending a slot; last, a slot of `limiter` is
    taken atomically, so simultaneous posts cannot all squeeze under the limit. The caller stores
    the submission and calls `limiter.release()` if it could not be stored after all.
    """
    valid = form.is_valid()
    if honeypot_filled(data):
        limiter.hit()
        form.add_error(None, HONEYPOT_MESSAGE)
        return False
    if not valid:
        if limiter.exceeded():
            form.add_error(None, rate_limit_message)
        return False
    if check is not None and not check(form):
        return False
    if not limiter.take():
        form.add_error(None, rate_limit_message)
        return False
    return True


class HoneypotForm(NHSUKForm):
    """A public form with the field only robots fill in; the page checks it before anything is stored."""

    website = forms.CharField(
        required=False,
        strip=False,
        max_length=200,
        label="Leave this field empty",
        template_name="forms/honeypot.html",
    )

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]
