from django.urls import path

from . import views

course = "courses/<slug:slug>/results/"
student = f"{course}students/<int:student_id>/"

urlpatterns = [
    path(course, views.course_gradebook, name="results_gradebook"),
    path(f"{course}gradebook.csv", views.gradebook_csv, name="results_gradebook_csv"),
    path(f"{course}lessons.csv", views.lessons_csv, name="results_lessons_csv"),
    path(student, views.student_results, name="results_student"),
    path(f"{student}responses.csv", views.student_responses_csv, name="results_student_csv"),
    path(f"{course}items/", views.item_analysis, name="results_items"),
    path(f"{course}items.csv", views.items_csv, name="results_items_csv"),
    path(f"{course}questions.csv", views.questions_csv, name="results_questions_csv"),
    path(f"{course}responses.csv", views.responses_csv, name="results_responses_csv"),
]
