"""Signals lessons sends so the apps above it can join in without lessons importing them."""

from django.dispatch import Signal

# Sent inside the import's transaction once a document's lessons are saved, with ``summary``
# (an ImportSummary), ``lessons`` (those whose text is new or changed) and
# ``generate_questions`` (False when the importer asked for lessons only) and ``user`` (the
# instructor who imported it, or None).
course_imported = Signal()
