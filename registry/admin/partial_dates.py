"""Partial dates in the admin as people write them: one text box per date, the precision read from it.

"2015", "May 2015" and "9 May 2015" (or 2015-05, 2015-05-09, 05/2015) set the date and its
precision together; the model then stores it as the first or last day of that period as it always
does (registry.dates.normalise). The separate precision menus disappear from forms.
"""

from django import forms
from django.contrib import admin
from django.db import models

from registry.dates import PARTIAL_DATE_HELP, format_partial, parse_partial


def partial_date_pairs(model):
    """(date field, its precision field) for every partial date of `model`."""
    names = {field.name for field in model._meta.get_fields()}
    return [
        (field.name, f"{field.name}_precision")
        for field in model._meta.get_fields()
        if isinstance(field, models.DateField) and f"{field.name}_precision" in names
    ]


class PartialDateField(forms.CharField):
    """A text box whose cleaned value is (date, precision), or None when left empty."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", PARTIAL_DATE_HELP)
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("size", 18)
        self.widget.attrs.setdefault("placeholder", "e.g. May 2015")

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_partial(value)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid") from None


class PartialDateForm(forms.ModelForm):
    """A model form whose partial dates are single text boxes (see PartialDateField)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, precision in self._partial_dates():
            old = self.fields[name]
            self.fields[name] = PartialDateField(required=old.required, label=old.label)
            value = getattr(self.instance, name, None)
            if value is not None:
                self.initial[name] = format_partial(value, getattr(self.instance, precision))

    def _partial_dates(self):
        return [(name, precision) for name, precision in partial_date_pairs(self._meta.model) if name in self.fields]

    def clean(self):
        cleaned = super().clean()
        for name, precision in self._partial_dates():
            value = cleaned.get(name)
            if isinstance(value, tuple):
                cleaned[name], chosen = value
                setattr(self.instance, precision, chosen)
                cleaned.pop(precision, None)  # what was typed decides, never a stale menu
        return cleaned


def partial_date_column(name, description=None):
    """A changelist column showing a partial date as it was written ("May 2015"), sortable by the date."""

    @admin.display(description=description or name.replace("_", " "), ordering=name)
    def column(obj):
        return format_partial(getattr(obj, name), getattr(obj, f"{name}_precision")) or "—"

    column.__name__ = f"{name}_as_written"
    return column
