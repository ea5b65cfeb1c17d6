"""test_orders.py - placing, cancelling and deleting orders."""
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from conftest import N_ORDERS
from models import Order, OrderLine, Product
from shop import OutOfStock, cancel_order, place_order


def test_place_order(session):
    stock = session.get(Product, 5).stock
    order = place_order(session, customer_id=2, items=[(5, 2), (6, 1)])
    session.commit()
    assert order.id == N_ORDERS + 1
    assert order.total_cents == 2 * 699 + 799
    assert session.get(Product, 5).stock == stock - 2


def test_out_of_stock_changes_nothing(session):
    stock = session.get(Product, 1).stock
    with pytest.raises(OutOfStock):
        with session.begin_nested():
            place_order(session, customer_id=2, items=[(1, stock + 1)])
    session.expire_all()
    assert session.get(Product, 1).stock == stock
    assert session.scalar(select(func.count(Order.id))) == N_ORDERS


def test_cancel_order_restores_stock(session):
    order = session.get(Order, 1)
    stocks = {line.product_id: line.product.stock for line in order.lines}
    cancel_order(session, order)
    session.commit()
    for line in session.get(Order, 1).lines:
        assert line.product.stock == stocks[line.product_id] + line.quantity
    assert session.get(Order, 1).status == "cancelled"


def test_order_for_unknown_customer_refused(session):
    with pytest.raises(IntegrityError, match="FOREIGN KEY constraint failed"):
        with session.begin_nested():
            session.add(Order(customer_id=999, status="new"))


def test_unknown_status_refused(session):
    with pytest.raises(IntegrityError, match="known_status"):
        with session.begin_nested():
            session.get(Order, 2).status = "lost"


def test_zero_quantity_refused(session):
    with pytest.raises(IntegrityError, match="quantity_positive"):
        with session.begin_nested():
            session.add(OrderLine(order_id=3, product_id=1, quantity=0, unit_price_cents=299))


def test_delete_order_deletes_its_lines(session):
    lines = session.scalar(select(func.count()).where(OrderLine.order_id == 4))
    assert lines > 0
    session.execute(Order.__table__.delete().where(Order.id == 4))
    session.commit()
    assert session.scalar(select(func.count()).where(OrderLine.order_id == 4)) == 0


def test_order_lines_join_products(session):
    rows = session.execute(
        select(Product.sku, OrderLine.quantity)
        .join(OrderLine, OrderLine.product_id == Product.id)
        .where(OrderLine.order_id == 5)
        .order_by(OrderLine.id)
    ).all()
    assert rows == [("SKU-026", 2), ("SKU-007", 3), ("SKU-018", 4)]


def test_customer_order_history(session):
    orders = session.execute(
        select(Order.id).where(Order.customer_id == 4).order_by(Order.id)
    ).scalars().all()
    assert orders == [9, 24]


@pytest.mark.parametrize("status", ["new", "paid", "shipped", "cancelled"])
def test_orders_by_status(session, status):
    count = session.scalar(select(func.count()).where(Order.status == status))
    assert count == N_ORDERS // 4
