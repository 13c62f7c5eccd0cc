"""A log-in naming a username no account could have is a failed log-in, not a 500 on
PostgreSQL (axes stored it in a 255-character column; issue 13, found by the hostile suite)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("username", ["x" * 300, "x" * 1_000_000, "st\x00u"])
def test_a_log_in_with_an_impossible_username_fails_cleanly(client, username):
    response = client.post("/accounts/login/", {"username": username, "password": "wrong"})
    assert response.status_code in {200, 429}
    assert "_auth_user_id" not in client.session
