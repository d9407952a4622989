"""SQLAlchemy 2 typed models of the local progress store."""

from __future__ import annotations

from sqlalchemy import Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class EventRow(Base):
    """One row per event; ``(shop, uuid)`` is unique so each shop's log merges as a set.

    An id is unique within its shop only: a file from one shop can never hide another shop's events.
    """

    __tablename__ = "events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uuid: Mapped[str] = mapped_column(String(36), nullable=False)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    at: Mapped[str] = mapped_column(String(40), nullable=False)  # ISO 8601, UTC
    device: Mapped[str] = mapped_column(String(64), nullable=False)
    tutorial: Mapped[str | None] = mapped_column(String(80))
    step: Mapped[str | None] = mapped_column(String(80))
    data: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    shop: Mapped[str | None] = mapped_column(String(36))

    __table_args__ = (
        UniqueConstraint("shop", "uuid", name="uq_events_shop_uuid"),
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
    """A shop whose progress files this install accepts: its name, trusted key and summary.

    ``last_file_at`` is when the shop's app wrote the newest file received (from its signed
    manifest), ``received_at`` when this install last imported one; ``sharing`` is "active",
    "stopped" or "erased" (from the newest file), since ``sharing_at``.
    """

    __tablename__ = "shops"

    shop_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    public_key: Mapped[str] = mapped_column(String(64), nullable=False)
    code: Mapped[str] = mapped_column(String(16), nullable=False)
    trusted_at: Mapped[str] = mapped_column(String(40), nullable=False)
    last_file_at: Mapped[str | None] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    received_at: Mapped[str | None] = mapped_column(String(40))
    sharing: Mapped[str] = mapped_column(
        String(16), nullable=False, default="active", server_default="active"
    )
    sharing_at: Mapped[str | None] = mapped_column(String(40))
