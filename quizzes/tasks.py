"""Quizzes' slow work, run by the task worker: generating questions and large GIFT imports."""

from django.tasks import task

from lessons.models import CourseTask, Lesson


@task()
def questions_generate_task(job_id: int) -> str:
    """(Re)generate the questions of the lessons a CourseTask names (all live ones if none)."""
    from .services import questions_generate

    job = CourseTask.objects.select_related("course").get(pk=job_id)

    def work(job: CourseTask):
        ids = job.arguments.get("lessons")
        lessons = None if ids is None else list(Lesson.objects.filter(pk__in=ids))
        summary = questions_generate(course=job.course, lessons=lessons, progress=job.report)
        return f"questions {summary}"

    return job.run(work)


@task()
def gift_import_task(job_id: int) -> str:
    """Import the GIFT text a CourseTask holds into its course."""
    from .exchange import gift_import

    job = CourseTask.objects.select_related("course", "created_by").get(pk=job_id)

    def work(job: CourseTask):
        arguments = job.arguments
        lesson = None
        if arguments.get("lesson"):
            lesson = Lesson.objects.get(pk=arguments["lesson"], course=job.course)
        report = gift_import(
            course=job.course,
            lesson=lesson,
            text=arguments["text"],
            author=job.created_by,
            approve=arguments.get("approve", True),
        )
        skipped = [f"line {error.line}: {error.message}" for error in report.errors[:20]]
        return "\n".join([report.summary, *skipped])

    return job.run(work)
