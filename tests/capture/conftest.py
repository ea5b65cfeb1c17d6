"""Fixtures of the example suite that tests/cli/capture.sh captures.

A small shop on SQLite through SQLAlchemy, with the two fixtures real
suites use.  CAPTURE_FIXTURE picks one:

- "rollback" (default): a session-scoped engine builds the schema and seed
  once per process; each test runs on a connection whose transaction the
  fixture rolls back (SQLAlchemy's "join a Session into an external
  transaction" recipe, with its pysqlite recipe so that SQLAlchemy sends
  BEGIN itself).  A test's session.commit() sends no COMMIT.
- "per-test": each test gets a database file of its own, built in its
  setup; the driver's own BEGIN and COMMIT reach the database, so the
  committing test really commits.
"""
import os

import pytest
from sqlalchemy import create_engine, event
from sqlalchemy.orm import Session

from shop import Base, seed

FIXTURE = os.environ.get("CAPTURE_FIXTURE", "rollback")


def _sqlalchemy_begins(engine):
    """pysqlite recipe: SQLAlchemy, not the driver, sends BEGIN."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN")


@pytest.fixture(scope="session")
def engine(tmp_path_factory):
    path = tmp_path_factory.mktemp("shop") / "shop.sqlite"
    eng = create_engine(f"sqlite:///{path}")
    _sqlalchemy_begins(eng)
    Base.metadata.create_all(eng)
    with Session(eng) as s:
        seed(s)
        s.commit()
    yield eng
    eng.dispose()


@pytest.fixture
def session(request, tmp_path):
    if FIXTURE == "per-test":
        eng = create_engine(f"sqlite:///{tmp_path / 'shop.sqlite'}")
        Base.metadata.create_all(eng)
        with Session(eng) as s:
            seed(s)
            s.commit()
        s = Session(eng)
        yield s
        s.close()
        eng.dispose()
        return
    eng = request.getfixturevalue("engine")
    connection = eng.connect()
    transaction = connection.begin()
    s = Session(bind=connection)
    yield s
    s.close()
    transaction.rollback()
    connection.close()
