"""shop.py - the application code the tests exercise.

Ordinary service functions on a SQLAlchemy Session, and one report job,
export_orders(), that opens its own connection to the database as a
background job or a second process would: it sees committed data only.
"""
import csv
import io

from sqlalchemy import create_engine, func, select, text

from models import Customer, Order, OrderLine, Product


class OutOfStock(Exception):
    pass


def place_order(session, customer_id, items):
    """items: [(product_id, quantity)]; takes the stock, returns the order."""
    order = Order(customer_id=customer_id, status="new")
    for product_id, quantity in items:
        product = session.get(Product, product_id)
        if product.stock < quantity:
            raise OutOfStock(f"{product.sku}: {product.stock} < {quantity}")
        product.stock -= quantity
        order.lines.append(
            OrderLine(
                product_id=product_id,
                quantity=quantity,
                unit_price_cents=product.price_cents,
            )
        )
    session.add(order)
    session.flush()
    return order


def cancel_order(session, order):
    """Put the stock back and mark the order cancelled."""
    for line in order.lines:
        line.product.stock += line.quantity
    order.status = "cancelled"
    session.flush()


def revenue_per_customer(session):
    """{customer email: revenue in cents} over orders not cancelled."""
    rows = session.execute(
        select(Customer.email, func.sum(OrderLine.quantity * OrderLine.unit_price_cents))
        .join(Order, Order.customer_id == Customer.id)
        .join(OrderLine, OrderLine.order_id == Order.id)
        .where(Order.status != "cancelled")
        .group_by(Customer.email)
    )
    return {email: total for email, total in rows}


def top_products(session, limit):
    """[(sku, units sold)], most sold first, ties by SKU."""
    units = func.sum(OrderLine.quantity).label("units")
    rows = session.execute(
        select(Product.sku, units)
        .join(OrderLine, OrderLine.product_id == Product.id)
        .group_by(Product.sku)
        .order_by(units.desc(), Product.sku)
        .limit(limit)
    )
    return [tuple(r) for r in rows]


def export_orders(database_url):
    """CSV of every order (id, customer e-mail, status, total), read over a
    connection of its own."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT o.id, c.email, o.status,"
                    " COALESCE(SUM(l.quantity * l.unit_price_cents), 0)"
                    " FROM orders o JOIN customers c ON c.id = o.customer_id"
                    " LEFT JOIN order_lines l ON l.order_id = o.id"
                    " GROUP BY o.id ORDER BY o.id"
                )
            ).all()
    finally:
        engine.dispose()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(rows)
    return out.getvalue()
