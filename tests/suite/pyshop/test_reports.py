"""test_reports.py - aggregates over orders, checked against Python."""
from sqlalchemy import func, select

from models import Customer, Order, OrderLine
from shop import revenue_per_customer, top_products


def test_revenue_per_customer(session):
    revenue = revenue_per_customer(session)
    expected = {}
    for order in session.execute(select(Order)).scalars():
        if order.status != "cancelled":
            email = order.customer.email
            expected[email] = expected.get(email, 0) + order.total_cents
    assert revenue == expected
    assert "customer16@example.com" not in revenue


def test_top_products(session):
    top = top_products(session, 3)
    units = {}
    for line in session.execute(select(OrderLine)).scalars():
        units[line.product.sku] = units.get(line.product.sku, 0) + line.quantity
    expected = sorted(units.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    assert top == expected


def test_average_order_value(session):
    per_order = (
        select(func.sum(OrderLine.quantity * OrderLine.unit_price_cents).label("total"))
        .group_by(OrderLine.order_id)
        .subquery()
    )
    average = session.scalar(select(func.avg(per_order.c.total)))
    totals = [o.total_cents for o in session.execute(select(Order)).scalars()]
    assert abs(average - sum(totals) / len(totals)) < 1e-6


def test_best_customer_per_country(session):
    revenue = func.sum(OrderLine.quantity * OrderLine.unit_price_cents)
    rows = session.execute(
        select(Customer.country, Customer.id, revenue.label("revenue"))
        .join(Order, Order.customer_id == Customer.id)
        .join(OrderLine, OrderLine.order_id == Order.id)
        .group_by(Customer.country, Customer.id)
        .order_by(Customer.country, revenue.desc(), Customer.id)
    ).all()
    best = {}
    for country, customer, amount in rows:
        best.setdefault(country, (customer, amount))
    assert sorted(best) == ["DE", "FR", "NL", "PL"]
    for country, (customer, amount) in best.items():
        assert all(a <= amount for c, _, a in rows if c == country)
