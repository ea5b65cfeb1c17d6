"""test_products.py - the catalogue: prices, stock, search, pagination."""
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from conftest import N_PRODUCTS
from models import Product


def test_create_product(session):
    session.add(Product(sku="SKU-999", name="Spare Part", price_cents=50, stock=3))
    session.commit()
    product = session.execute(select(Product).where(Product.sku == "SKU-999")).scalar_one()
    assert (product.price_cents, product.stock) == (50, 3)


def test_update_price(session):
    product = session.get(Product, 4)
    assert product.price_cents == 599
    product.price_cents = 649
    session.commit()
    session.expire_all()
    assert session.get(Product, 4).price_cents == 649


def test_negative_price_refused(session):
    with pytest.raises(IntegrityError, match="price_not_negative"):
        with session.begin_nested():
            session.get(Product, 2).price_cents = -1
    session.expire_all()
    assert session.get(Product, 2).price_cents == 399


def test_duplicate_sku_refused(session):
    with pytest.raises(IntegrityError, match="UNIQUE constraint failed: products.sku"):
        with session.begin_nested():
            session.add(Product(sku="SKU-001", name="Clash", price_cents=1))


def test_restock(session):
    product = session.get(Product, 10)
    before = product.stock
    product.stock += 25
    session.flush()
    assert session.scalar(select(Product.stock).where(Product.id == 10)) == before + 25


@pytest.mark.parametrize("word", ["Mug", "Lamp", "Chair", "Desk", "Shelf"])
def test_search_by_name(session, word):
    found = session.execute(
        select(Product.name).where(Product.name.like(f"% {word} %"))
    ).scalars().all()
    assert len(found) == N_PRODUCTS // 5
    assert all(f" {word} " in name for name in found)


@pytest.mark.parametrize("page", [0, 1, 2])
def test_pagination_by_price(session, page):
    size = 10
    prices = session.execute(
        select(Product.price_cents)
        .order_by(Product.price_cents.desc(), Product.id)
        .limit(size)
        .offset(page * size)
    ).scalars().all()
    assert len(prices) == size
    assert prices == sorted(prices, reverse=True)
    assert prices[0] == 199 + 100 * (N_PRODUCTS - page * size)


def test_catalogue_value(session):
    value = session.scalar(select(func.sum(Product.price_cents * Product.stock)))
    expected = sum((199 + 100 * j) * (10 + (j * 7) % 40) for j in range(1, N_PRODUCTS + 1))
    assert value == expected
