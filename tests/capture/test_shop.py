"""The example suite's tests: reads, writes, a commit and an expected
IntegrityError, as a real suite has them."""
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from shop import Item, User


def test_seed_users(session):
    assert session.scalar(select(func.count()).select_from(User)) == 2


def test_find_by_email(session):
    user = session.scalars(
        select(User).where(User.email == "bob@example.com")).one()
    assert user.name == "Bob"


def test_add_item(session):
    session.add(Item(owner_id=1, title="chair", price=65))
    session.flush()
    assert session.scalar(select(func.count()).select_from(Item)) == 3


def test_commit_user(session):
    session.add(User(email="cy@example.com", name="Cy"))
    session.commit()
    assert session.scalar(select(func.count()).select_from(User)) == 3


def test_duplicate_email(session):
    session.add(User(email="ada@example.com", name="Ada again"))
    with pytest.raises(IntegrityError):
        session.flush()


def test_reprice(session):
    item = session.get(Item, 2)
    item.price = 99
    session.flush()
    total = session.scalar(select(func.sum(Item.price)))
    assert total == 139


def test_no_database():
    assert "ada@example.com".split("@")[1] == "example.com"


def test_fixture_only(session):
    assert session is not None
