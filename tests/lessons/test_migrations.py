"""Migration 0003 fills level and content hash for lessons that existed before it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.mark.django_db(transaction=True)
def test_0003_sets_levels_from_parents_and_hashes():
    executor = MigrationExecutor(connection)
    executor.migrate([("lessons", "0002_lesson_progress")])
    old = executor.loader.project_state([("lessons", "0002_lesson_progress")]).apps
    Course, Lesson = old.get_model("lessons", "Course"), old.get_model("lessons", "Lesson")
    course = Course.objects.create(title="Old", slug="old")
    top = Lesson.objects.create(course=course, title="Top", slug="top", order=1, body="A.")
    mid = Lesson.objects.create(course=course, title="Mid", slug="mid", order=2, parent=top)
    Lesson.objects.create(course=course, title="Low", slug="low", order=3, parent=mid)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from lessons.models import Lesson as Current

    levels = dict(Current.objects.values_list("slug", "level"))
    assert levels == {"top": 1, "mid": 2, "low": 3}
    top = Current.objects.get(slug="top")
    assert top.content_hash == Current.hash_content("Top", "A.")
