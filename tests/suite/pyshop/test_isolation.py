"""test_isolation.py - code that needs committed data.

export_orders() reads over a connection of its own, as a report job or a
second process would.  It sees an order only once the order is committed:
under a per-test database the test's commit is real and this passes; under
a rollback fixture the commit ends in a SAVEPOINT of a transaction that is
never committed, the export does not see the order, and this fails.  It is
the suite's one test whose outcome depends on the fixture strategy.
"""
from shop import export_orders, place_order


def test_export_sees_committed_order(session):
    order = place_order(session, customer_id=16, items=[(1, 2)])
    session.commit()
    url = str(session.get_bind().engine.url)
    exported = export_orders(url).splitlines()
    assert f"{order.id},customer16@example.com,new,598" in exported, (
        f"order {order.id} committed but not in the export "
        f"({len(exported)} orders exported)"
    )


def test_export_lists_seeded_orders(session):
    exported = export_orders(str(session.get_bind().engine.url)).splitlines()
    assert len(exported) == 24
    assert exported[0].startswith("1,customer08@example.com,")
