"""Every app's migrations run forward over a database that already holds data: the tables are
taken back to each app's first migration, one row is written into every model as it was then,
and migrating to the latest state keeps every row (and fills what the data migrations fill).
A new migration is covered without touching this test. (tests/lessons/test_migrations.py and
its siblings check what particular data migrations compute.)"""

import datetime as dt
import decimal

import pytest
from django.apps import apps as current_apps
from django.db import IntegrityError, connection, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

APPS = ["accounts", "lessons", "quizzes", "review", "results"]


def _first_states(graph) -> list[tuple[str, str]]:
    """The earliest consistent state: each app's first migration, or the later one of it
    that another app's first migration needs."""
    needed: set[tuple[str, str]] = set()
    for node in graph.root_nodes():
        if node[0] in APPS:
            needed.update(n for n in graph.forwards_plan(node) if n[0] in APPS)
    # An app's migrations are a line: its latest needed one has the longest plan.
    return sorted(
        max((n for n in needed if n[0] == app), key=lambda n: len(graph.forwards_plan(n)))
        for app in {n[0] for n in needed}
    )


def _value(field, n: int):
    """A valid value for a required field (check constraints keep numbers within 0..1)."""
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DateTimeField):
        return timezone.now() - dt.timedelta(days=1)
    if isinstance(field, models.DateField):
        return dt.date(2026, 1, 1)
    if isinstance(field, models.DurationField):
        return dt.timedelta(seconds=30)
    if isinstance(field, models.DecimalField):
        return decimal.Decimal("0.5")
    if isinstance(field, models.FloatField):
        return 0.5
    if isinstance(field, models.IntegerField):
        return 1
    if isinstance(field, models.JSONField):
        return {}
    if isinstance(field, models.UUIDField):
        import uuid

        return uuid.uuid4()
    if isinstance(field, models.EmailField):
        return f"user{n}@example.com"
    if isinstance(field, models.CharField | models.TextField):
        text = f"Text {n}: the river starts at a spring."
        return text[: field.max_length] if field.max_length else text
    raise NotImplementedError(f"no sample value for {field!r}")


def _populate(old_apps) -> dict[str, int]:
    """One row in every model of our apps as they were (following foreign keys), and the
    number of rows each model then holds."""
    made: dict[str, object] = {}

    def row(model):
        label = model._meta.label_lower
        if label in made:
            return made[label]
        values = {}
        for field in model._meta.concrete_fields:
            automatic = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
            if field.primary_key or field.has_default() or field.null or automatic:
                continue
            if field.is_relation:
                values[field.name] = row(field.related_model)
            else:
                values[field.name] = _value(field, len(made))
        with transaction.atomic():
            made[label] = model._default_manager.create(**values)
        return made[label]

    for app in APPS:
        try:
            config = old_apps.get_app_config(app)
        except LookupError:
            continue
        for model in config.get_models():
            try:
                row(model)
            except IntegrityError as error:
                pytest.fail(f"could not write a sample {model._meta.label}: {error}")
    return {
        label: type(obj)._default_manager.count()
        for label, obj in made.items()
        if label.split(".")[0] in APPS
    }


@pytest.mark.django_db(transaction=True)
def test_every_migration_runs_forward_over_existing_data():
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    first = _first_states(graph)
    assert {app for app, _ in first} >= {"lessons", "quizzes", "review"}
    executor.migrate(first)
    old_apps = executor.loader.project_state(first).apps
    before = _populate(old_apps)
    assert len(before) >= 8  # courses, lessons, questions, attempts, cards, logs…

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    for label, count in before.items():
        try:
            model = current_apps.get_model(label)
        except LookupError:
            continue  # a model later removed or renamed
        assert model._default_manager.count() == count, f"{label} lost rows"
    # What the data migrations fill in for rows that existed before them.
    from lessons.models import Lesson
    from review.models import ReviewCard

    assert Lesson.objects.get().level == 1
    card = ReviewCard.objects.select_related("question").get()
    assert card.lesson_id == card.question.lesson_id
