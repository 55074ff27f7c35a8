"""A public form's fields render as NHS.UK form groups through Django's form API (pages/forms.py)."""

from django import forms
from pytest_django.asserts import assertHTMLEqual

from pages.forms import NHSUKForm


class ExampleForm(NHSUKForm):
    name = forms.CharField(
        label="Full name",
        max_length=150,
        help_text="As on your letters from the NHS.",
        widget=forms.TextInput(attrs={"autocomplete": "name", "class": "nhsuk-input--width-20"}),
    )
    story = forms.CharField(
        label="What happened?", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    colour = forms.ChoiceField(
        label="Which colour?", choices=[("red", "Red"), ("green", "Green")], widget=forms.RadioSelect
    )
    agree = forms.BooleanField(label="I agree")

    legends = {"agree": "Your agreement"}


def test_a_text_box_has_its_label_hint_and_error_and_no_maxlength_or_required():
    form = ExampleForm(data={"name": ""})
    assertHTMLEqual(
        form["name"].as_field_group(),
        """
        <div class="nhsuk-form-group nhsuk-form-group--error">
          <label class="nhsuk-label" for="id_name">Full name</label>
          <div class="nhsuk-hint" id="id_name-hint">As on your letters from the NHS.</div>
          <span class="nhsuk-error-message" id="id_name-error">
            <span class="nhsuk-u-visually-hidden">Error:</span> This field is required.
          </span>
          <input type="text" name="name" class="nhsuk-input nhsuk-input--width-20 nhsuk-input--error"
            autocomplete="name" id="id_name" aria-describedby="id_name-hint id_name-error">
        </div>
        """,
    )


def test_a_long_text_box_counts_its_characters():
    form = ExampleForm(data={"story": "It went well."})
    assertHTMLEqual(
        form["story"].as_field_group(),
        """
        <div class="nhsuk-form-group nhsuk-character-count" data-module="nhsuk-character-count"
          data-maxlength="500">
          <label class="nhsuk-label" for="id_story">What happened?</label>
          <textarea name="story" rows="5" class="nhsuk-textarea nhsuk-js-character-count" id="id_story"
            aria-describedby="id_story-info">It went well.</textarea>
          <div class="nhsuk-hint nhsuk-character-count__message" id="id_story-info">
            You can enter up to 500 characters</div>
        </div>
        """,
    )


def test_radios_are_a_fieldset_whose_legend_is_the_question():
    form = ExampleForm(data={"colour": "green"})
    assertHTMLEqual(
        form["colour"].as_field_group(),
        """
        <div class="nhsuk-form-group">
          <fieldset class="nhsuk-fieldset">
            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Which colour?</legend>
            <div class="nhsuk-radios" data-module="nhsuk-radios">
              <div class="nhsuk-radios__item">
                <input type="radio" name="colour" value="red" class="nhsuk-radios__input" id="id_colour_0">
                <label class="nhsuk-label nhsuk-radios__label" for="id_colour_0">Red</label>
              </div>
              <div class="nhsuk-radios__item">
                <input type="radio" name="colour" value="green" class="nhsuk-radios__input" id="id_colour_1"
                  checked>
                <label class="nhsuk-label nhsuk-radios__label" for="id_colour_1">Green</label>
              </div>
            </div>
          </fieldset>
        </div>
        """,
    )


def test_a_single_checkbox_is_a_fieldset_under_the_legend_the_form_gives():
    form = ExampleForm(data={})
    assertHTMLEqual(
        form["agree"].as_field_group(),
        """
        <div class="nhsuk-form-group nhsuk-form-group--error">
          <fieldset class="nhsuk-fieldset" aria-describedby="id_agree-error">
            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Your agreement</legend>
            <span class="nhsuk-error-message" id="id_agree-error">
              <span class="nhsuk-u-visually-hidden">Error:</span> This field is required.
            </span>
            <div class="nhsuk-checkboxes" data-module="nhsuk-checkboxes">
              <div class="nhsuk-checkboxes__item">
                <input type="checkbox" name="agree" class="nhsuk-checkboxes__input" id="id_agree">
                <label class="nhsuk-label nhsuk-checkboxes__label" for="id_agree">I agree</label>
              </div>
            </div>
          </fieldset>
        </div>
        """,
    )


def test_the_error_summary_links_to_a_groups_first_option():
    form = ExampleForm(data={})
    assert [form[name].error_target for name in ["name", "colour", "agree"]] == [
        "id_name",
        "id_colour_0",
        "id_agree",
    ]
