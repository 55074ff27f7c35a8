"""Model fields shared by the apps above: a list of codes from fixed choices."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models


class ChoiceListField(models.JSONField):
    """A list of codes from a fixed set of choices, stored as JSON and edited as checkboxes.

    Used where a handful of options may all apply (alternative formats, engagement
    methods) and nobody needs to filter on them in the database.
    """

    def __init__(self, *args, item_choices=(), **kwargs):
        self.item_choices = list(item_choices)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["item_choices"] = self.item_choices
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.item_choices,
            required=not self.blank,
            label=kwargs.get("label", self.verbose_name.capitalize()),
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        known = {code for code, _label in self.item_choices}
        if unknown := [v for v in value or [] if v not in known]:
            raise ValidationError(f"Unknown choices: {', '.join(map(str, unknown))}")

    def labels(self, values):
        lookup = dict(self.item_choices)
        return [lookup[v] for v in values or [] if v in lookup]
