"""conftest.py - pyshop's database fixture: how each test gets a clean database.

pyshop is a small, real pytest + SQLAlchemy + SQLite suite (a shop: customers,
products, orders) that dbbench's tests run with `dbbench suite`, the way a
user's own suite is run: one process per configuration, pytest-xdist for the
workers, JUnit XML for the results.  It is built like the suites dbbench is
meant for: a session-scoped StaticPool engine and a transaction rolled back
per test, or a new engine, schema and seed per test.

DBBENCH_STRATEGY (exported by `dbbench suite`, default rollback) chooses:

  rollback   one engine per process (StaticPool: one connection), schema and
             seed committed once; each test runs inside a transaction that is
             rolled back after it, with a SAVEPOINT restarted after every
             commit or rollback of the test (SQLAlchemy's recipe for joining
             a Session into an external transaction), so session.commit()
             commits nothing.
  per-test   a new engine on a new database file, schema and seed for every
             test; commits are real.

Every test passes under per-test.  Exactly one fails under rollback:
test_isolation.py::test_export_sees_committed_order, whose code under test
reads over a connection of its own and so needs the order really committed.
That is the isolation signal `dbbench suite` must name.  The outcome does not
depend on test order or on the number of workers (-n 0, -n 2): each process
has its own temporary directory, and no test depends on another.

Run: python3 -m pytest tests/suite/pyshop -q -n 2 --junitxml out.xml
(Debian: python3-pytest, python3-pytest-xdist, python3-sqlalchemy.)
"""
import itertools
import os
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import pytest  # noqa: E402
from sqlalchemy import create_engine, event  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402
from sqlalchemy.pool import StaticPool  # noqa: E402

from models import Base, Customer, Order, OrderLine, Product  # noqa: E402

STRATEGIES = ("rollback", "per-test")
STRATEGY = os.environ.get("DBBENCH_STRATEGY", "rollback")

# The seed: small, fixed, and the same for every strategy.
N_CUSTOMERS = 20
N_PRODUCTS = 30
N_ORDERS = 24
COUNTRIES = ("DE", "FR", "NL", "PL")
STATUSES = ("new", "paid", "shipped", "cancelled")
ADJECTIVES = ("Red", "Blue", "Green", "Small", "Large", "Steel")
NOUNS = ("Mug", "Lamp", "Chair", "Desk", "Shelf")


def pytest_configure(config):
    if STRATEGY not in STRATEGIES:
        raise pytest.UsageError(
            f"DBBENCH_STRATEGY={STRATEGY!r}: expected one of {', '.join(STRATEGIES)}"
        )


def pytest_report_header(config):
    return f"pyshop: database strategy {STRATEGY}"


def seed_rows():
    """The seed as ORM objects (ids fixed, so tests can name them)."""
    rows = []
    for i in range(1, N_CUSTOMERS + 1):
        rows.append(
            Customer(
                id=i,
                email=f"customer{i:02d}@example.com",
                name=f"Customer {i}",
                country=COUNTRIES[i % 4],
                active=i % 7 != 0,
            )
        )
    for j in range(1, N_PRODUCTS + 1):
        rows.append(
            Product(
                id=j,
                sku=f"SKU-{j:03d}",
                name=f"{ADJECTIVES[j % 6]} {NOUNS[j % 5]} {j}",
                price_cents=199 + 100 * j,
                stock=10 + (j * 7) % 40,
            )
        )
    line_id = itertools.count(1)
    for k in range(1, N_ORDERS + 1):
        # customers 16..20 never order
        rows.append(Order(id=k, customer_id=(k * 7) % 15 + 1, status=STATUSES[k % 4]))
        for m in range(1 + k % 3):
            product = (k * 5 + m * 11) % N_PRODUCTS + 1
            rows.append(
                OrderLine(
                    id=next(line_id),
                    order_id=k,
                    product_id=product,
                    quantity=1 + (k + m) % 4,
                    unit_price_cents=199 + 100 * product,
                )
            )
    return rows


def make_engine(url, **kwargs):
    """An engine on SQLite with foreign keys on, and with BEGIN sent by
    SQLAlchemy rather than guessed by the driver, so that SAVEPOINTs work
    (SQLAlchemy's documented setting for pysqlite)."""
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN")

    return engine


def create_and_seed(engine):
    Base.metadata.create_all(engine)
    with Session(engine) as session, session.begin():
        session.add_all(seed_rows())


@pytest.fixture(scope="session")
def workdir():
    """This process's own directory for database files (one per xdist
    worker), removed at the end."""
    with tempfile.TemporaryDirectory(prefix="pyshop-") as path:
        yield path


@pytest.fixture(scope="session")
def shared_engine(workdir):
    engine = make_engine(
        f"sqlite:///{workdir}/shop.db",
        poolclass=StaticPool,
        connect_args={"check_same_thread": False},
    )
    create_and_seed(engine)
    yield engine
    engine.dispose()


def rollback_session(engine):
    connection = engine.connect()
    outer = connection.begin()
    session = Session(bind=connection)
    session.begin_nested()

    @event.listens_for(session, "after_transaction_end")
    def restart_savepoint(sess, transaction):
        if transaction.nested and not transaction._parent.nested:
            sess.expire_all()
            sess.begin_nested()

    try:
        yield session
    finally:
        session.close()
        outer.rollback()
        connection.close()


_database_number = itertools.count()


def per_test_session(workdir):
    path = os.path.join(workdir, f"test-{next(_database_number)}.db")
    engine = make_engine(f"sqlite:///{path}")
    create_and_seed(engine)
    session = Session(engine)
    try:
        yield session
    finally:
        session.close()
        engine.dispose()
        os.unlink(path)


@pytest.fixture
def session(request, workdir):
    """A Session on a database holding exactly the seed."""
    if STRATEGY == "rollback":
        yield from rollback_session(request.getfixturevalue("shared_engine"))
    else:
        yield from per_test_session(workdir)
