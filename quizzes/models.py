"""Questions, quizzes and learners' answers (built out by the quizzes issue)."""
