"""test_customers.py - create, read, update and delete customers."""
import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from conftest import N_CUSTOMERS
from models import Customer, Order


def test_create_customer(session):
    session.add(Customer(email="new@example.com", name="New Customer", country="FR"))
    session.commit()
    found = session.execute(
        select(Customer).where(Customer.email == "new@example.com")
    ).scalar_one()
    assert found.id > N_CUSTOMERS
    assert found.active is True
    assert session.scalar(select(func.count(Customer.id))) == N_CUSTOMERS + 1


def test_read_customer_by_id(session):
    customer = session.get(Customer, 7)
    assert customer.email == "customer07@example.com"
    assert customer.active is False  # every seventh customer is inactive


def test_read_customer_by_email(session):
    customer = session.execute(
        select(Customer).where(Customer.email == "customer12@example.com")
    ).scalar_one()
    assert customer.id == 12
    assert customer.country == "DE"


def test_rename_customer(session):
    customer = session.get(Customer, 3)
    customer.name = "Renamed"
    session.commit()
    session.expire_all()
    assert session.get(Customer, 3).name == "Renamed"


def test_deactivate_customer(session):
    before = session.scalar(select(func.count()).where(Customer.active.is_(True)))
    session.get(Customer, 1).active = False
    session.flush()
    after = session.scalar(select(func.count()).where(Customer.active.is_(True)))
    assert after == before - 1


def test_duplicate_email_refused(session):
    with pytest.raises(IntegrityError, match="UNIQUE constraint failed: customers.email"):
        with session.begin_nested():
            session.add(Customer(email="customer01@example.com", name="Twin"))
    assert session.scalar(select(func.count(Customer.id))) == N_CUSTOMERS


@pytest.mark.parametrize("country,expected", [("DE", 5), ("FR", 5), ("NL", 5), ("PL", 5)])
def test_customers_per_country(session, country, expected):
    count = session.scalar(select(func.count()).where(Customer.country == country))
    assert count == expected


def test_delete_customer_without_orders(session):
    session.delete(session.get(Customer, 20))
    session.commit()
    assert session.get(Customer, 20) is None


def test_customer_with_orders_cannot_be_deleted(session):
    with pytest.raises(IntegrityError, match="FOREIGN KEY constraint failed"):
        with session.begin_nested():
            session.execute(delete(Customer).where(Customer.id == 1))
    assert session.get(Customer, 1) is not None


def test_customers_without_orders(session):
    rows = session.execute(
        select(Customer.id)
        .outerjoin(Order, Order.customer_id == Customer.id)
        .where(Order.id.is_(None))
        .order_by(Customer.id)
    ).scalars().all()
    assert rows == [16, 17, 18, 19, 20]
