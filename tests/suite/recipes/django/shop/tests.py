"""tests.py - the Django recipe's tests.  DBBENCH_STRATEGY (exported by
dbbench suite) chooses how each test gets a clean database: rollback is
TestCase (a transaction rolled back after each test), truncate is
TransactionTestCase (every table flushed after each test)."""
import os

from django.test import TestCase, TransactionTestCase

from shop.models import Item

STRATEGY = os.environ.get("DBBENCH_STRATEGY", "rollback")
Base = TransactionTestCase if STRATEGY == "truncate" else TestCase


class ItemTests(Base):
    def test_starts_empty(self):
        self.assertEqual(Item.objects.count(), 0)

    def test_create(self):
        Item.objects.create(name="mug", price=5)
        self.assertEqual(Item.objects.get(name="mug").price, 5)

    def test_update(self):
        Item.objects.create(name="lamp", price=20)
        Item.objects.filter(name="lamp").update(price=25)
        self.assertEqual(Item.objects.get(name="lamp").price, 25)

    def test_delete(self):
        Item.objects.create(name="desk", price=90)
        Item.objects.all().delete()
        self.assertFalse(Item.objects.exists())


class MoreItemTests(Base):
    def test_unique_name(self):
        from django.db import IntegrityError, transaction

        Item.objects.create(name="chair", price=30)
        with self.assertRaises(IntegrityError), transaction.atomic():
            Item.objects.create(name="chair", price=31)

    def test_strategy_known(self):
        self.assertIn(STRATEGY, ("rollback", "truncate"))
