"""`manage.py backup` and `manage.py restore`: back up, change the data, restore, and the data
is as it was (on SQLite through its backup API, on PostgreSQL through pg_dump/pg_restore)."""

import pytest
from django.core.management import CommandError, call_command

from lessons.models import Course, Lesson
from tests.factories import CourseFactory, LessonFactory, StudentFactory


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_brings_the_data_back(tmp_path, capsys):
    course = CourseFactory(title="Rivers", slug="rivers")
    LessonFactory(course=course, title="Sources", slug="sources")
    student = StudentFactory(username="ada")
    path = tmp_path / "tutor.backup"

    call_command("backup", str(path))
    assert path.stat().st_size > 0
    assert f"to {path}" in capsys.readouterr().out
    assert not list(tmp_path.glob(".*partial"))

    # Changes after the backup: a course renamed, a lesson deleted, a user and a course added.
    Course.objects.filter(pk=course.pk).update(title="Renamed")
    Lesson.objects.all().delete()
    StudentFactory(username="late")
    CourseFactory(slug="later")

    call_command("restore", str(path), interactive=False)

    assert list(Course.objects.values_list("slug", "title")) == [("rivers", "Rivers")]
    assert list(Lesson.objects.values_list("title", flat=True)) == ["Sources"]
    users = type(student).objects.values_list("username", flat=True)
    assert list(users) == ["ada"]


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a database backup " * 100)
    with pytest.raises(CommandError):
        call_command("restore", str(bogus), interactive=False)
    with pytest.raises(CommandError, match="No backup file"):
        call_command("restore", str(tmp_path / "missing"), interactive=False)


def test_backup_into_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(CommandError, match="No folder"):
        call_command("backup", str(tmp_path / "nowhere" / "tutor.backup"))
