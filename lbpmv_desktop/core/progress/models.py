"""SQLAlchemy 2 typed models of the local progress store."""

from __future__ import annotations

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class EventRow(Base):
    """One row per event; ``uuid`` is unique so a log merges as a set."""

    __tablename__ = "events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, nullable=False)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    at: Mapped[str] = mapped_column(String(40), nullable=False)  # ISO 8601, UTC
    device: Mapped[str] = mapped_column(String(64), nullable=False)
    tutorial: Mapped[str | None] = mapped_column(String(80))
    step: Mapped[str | None] = mapped_column(String(80))
    data: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    shop: Mapped[str | None] = mapped_column(String(36))

    __table_args__ = (
        Index("ix_events_at", "at"),
        Index("ix_events_tutorial", "tutorial"),
        Index("ix_events_shop_at", "shop", "at"),
    )


class MetaRow(Base):
    """Small key/value facts about this install (shop id, device id)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class ShopRow(Base):
    """A shop whose progress files this install accepts: its name, trusted key and summary."""

    __tablename__ = "shops"

    shop_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    public_key: Mapped[str] = mapped_column(String(64), nullable=False)
    code: Mapped[str] = mapped_column(String(16), nullable=False)
    trusted_at: Mapped[str] = mapped_column(String(40), nullable=False)
    last_file_at: Mapped[str | None] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
