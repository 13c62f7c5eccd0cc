"""Lessons' slow work, run by the task worker: importing a large document."""

from django.tasks import task

from .models import CourseTask


@task()
def course_import_task(job_id: int) -> str:
    """Import the document a CourseTask holds; the import itself writes lessons only (question
    generation is queued as its own task when the import commits)."""
    from .parsing import document_from_data
    from .services import course_import

    job = CourseTask.objects.get(pk=job_id)

    def work(job: CourseTask):
        arguments = job.arguments
        user = job.created_by
        document = arguments.get("document")
        summary = course_import(
            slug=arguments["slug"],
            text=arguments.get("text"),
            document=document_from_data(document) if document else None,
            title=arguments.get("title") or None,
            format=arguments.get("format", "auto"),
            instructor=user,
            progress=None,
        )
        if job.course_id is None:
            CourseTask.objects.filter(pk=job.pk).update(course=summary.course)
        return f"lessons {summary}"

    return job.run(work)
