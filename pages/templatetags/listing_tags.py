"""The listings' filter panels, rendered without building a widget object for every choice."""

from django import forms, template

register = template.Library()


@register.filter
def checkbox_options(bound_field):
    """Each choice of a multiple-choice filter as {id, name, value, label, checked}.

    The same ids, values and labels Django's CheckboxSelectMultiple gives, for about a tenth of
    the work: the get-involved page has some sixty filter choices on every request.
    """
    field = bound_field.field
    if isinstance(field, forms.ModelMultipleChoiceField):
        key = field.to_field_name or "pk"
        choices = [(getattr(obj, key), field.label_from_instance(obj)) for obj in field.queryset]
    else:
        choices = field.choices
    chosen = {str(value) for value in bound_field.value() or []}
    name = bound_field.html_name
    auto_id = bound_field.auto_id
    return [
        {
            "id": f"{auto_id}_{index}",
            "name": name,
            "value": value,
            "label": label,
            "checked": str(value) in chosen,
        }
        for index, (value, label) in enumerate(choices)
    ]
