"""Form fields for what a request names by number (ids, positions), shared by every app.

A value from a request is parsed here, never with ``str.isdigit()`` and ``int()`` by hand:
``"²".isdigit()`` is true while ``int("²")`` fails, and a 30-digit id overflows the database.
"""

from django import forms
from django.core.exceptions import ValidationError

# The largest id the database stores (a BigAutoField; SQLite's INTEGER is as wide).
MAX_ID = 2**63 - 1


class IdField(forms.IntegerField):
    """A row's id: a positive integer the database can hold; anything else is invalid."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(**kwargs)

    def to_python(self, value):
        # Only ASCII digits: Python's int() also reads "٣" and "1_0", which no page sends.
        text = str(value).strip() if value is not None else ""
        if text and not (text.isascii() and text.isdecimal() and len(text) <= len(str(MAX_ID))):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(text)


class IdListField(forms.Field):
    """Several ids under one name (checkboxes); one bad value makes the whole list invalid."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": "Choose from the list.", "too_many": "Too many chosen."}

    def __init__(self, *, max_count: int = 1000, **kwargs):
        self.max_count = max_count
        super().__init__(**kwargs)

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str) or not isinstance(value, list | tuple):
            value = [value]
        if len(value) > self.max_count:
            raise ValidationError(self.error_messages["too_many"], code="too_many")
        one = IdField()
        try:
            return [one.clean(item) for item in value]
        except ValidationError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


def _is_id(value) -> bool:
    try:
        IdField().clean(value)
    except ValidationError:
        return False
    return True


class IdModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose value must be an id first: "²" or a 30-digit number is an
    invalid choice, not a database error (SQLite overflows on ints over 64 bits)."""

    def to_python(self, value):
        if value not in self.empty_values and not _is_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField whose values must be ids first (see IdModelChoiceField)."""

    def _check_values(self, value):
        for pk in value:
            if not _is_id(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)
