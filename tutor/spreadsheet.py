"""CSV downloads shared by every app: UTF-8, one header row, formula injection neutralised."""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import StreamingHttpResponse

# A spreadsheet runs a cell starting with these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text that a spreadsheet would read as a formula gets a leading apostrophe; numbers and
    everything else pass unchanged (floats to six significant digits, None as empty)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    return value


def csv_lines(header: Sequence[str], rows: Iterable[Sequence]) -> Iterable[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(values) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([safe_cell(v) for v in values])
        return buffer.getvalue()

    yield line(header)
    for row in rows:
        yield line(row)


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]):
    response = StreamingHttpResponse(
        csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def admin_csv_action(fields: Sequence[str]):
    """An admin action downloading the selected rows' ``fields`` (lookups allowed) as CSV."""
    from django.contrib import admin

    @admin.action(description="Download selected as CSV")
    def download_csv(modeladmin, request, queryset):
        rows = queryset.order_by("pk").values_list(*fields).iterator(chunk_size=2000)
        return csv_response(f"{modeladmin.model._meta.model_name}s.csv", fields, rows)

    return download_csv
