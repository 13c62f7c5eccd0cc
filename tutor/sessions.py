"""Sessions in the database, as Django's own backend keeps them, with the update of an existing
session written in plain SQL: the review pages save the session on every request (the question
on screen and when it was shown), and compiling the ORM's forced update and its transaction
cost more than running the one UPDATE."""

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.db import connections, router


class SessionStore(db.SessionStore):
    def save(self, must_create=False):
        if must_create or self.session_key is None:
            return super().save(must_create=must_create)
        model = self.model
        using = router.db_for_write(model)
        connection = connections[using]
        expire_date = model._meta.get_field("expire_date")
        quote = connection.ops.quote_name
        # One statement, atomic on its own: what the ORM's save(force_update=True) writes, with
        # the values converted for the database as the ORM converts them.
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {quote(model._meta.db_table)} SET session_data = %s, expire_date = %s"
                " WHERE session_key = %s",
                [
                    self.encode(self._get_session()),
                    expire_date.get_db_prep_save(self.get_expiry_date(), connection),
                    self.session_key,
                ],
            )
            updated = cursor.rowcount
        if not updated:
            # Deleted meanwhile (a log-out in another tab): as the ORM's forced update fails.
            raise UpdateError
