"""The example suite's models and seed data."""
from sqlalchemy import Column, ForeignKey, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String, nullable=False, unique=True)
    name = Column(String, nullable=False)


class Item(Base):
    __tablename__ = "items"
    id = Column(Integer, primary_key=True)
    owner_id = Column(Integer, ForeignKey("users.id"), nullable=False)
    title = Column(String, nullable=False)
    price = Column(Integer, nullable=False)


def seed(session):
    ada = User(email="ada@example.com", name="Ada")
    bob = User(email="bob@example.com", name="Bob")
    session.add_all([ada, bob])
    session.flush()
    session.add_all([
        Item(owner_id=ada.id, title="lamp", price=40),
        Item(owner_id=bob.id, title="desk", price=120),
    ])
