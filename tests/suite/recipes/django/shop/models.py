"""models.py - the Django recipe's one table."""
from django.db import models


class Item(models.Model):
    name = models.CharField(max_length=40, unique=True)
    price = models.IntegerField()
