"""What the gradebook's query string may ask for: a name search, a status and a sort order."""

from django import forms

from review.progress import STATUS_LABELS


class GradebookQueryForm(forms.Form):
    q = forms.CharField(required=False, max_length=150)
    status = forms.ChoiceField(choices=[("", "Any"), *STATUS_LABELS.items()], required=False)
    # student, progress or lesson-<id>, each with a leading - for descending.
    sort = forms.RegexField(
        regex=r"\A-?(student|progress|lesson-[0-9]{1,19})\Z", required=False, max_length=30
    )

    def query(self) -> dict:
        """The search, status and sort asked for; a part that is not valid is left out."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "search": (cleaned.get("q") or "").strip(),
            "status": cleaned.get("status") or "",
            "sort": cleaned.get("sort") or "student",
        }
