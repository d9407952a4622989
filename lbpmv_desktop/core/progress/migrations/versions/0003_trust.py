"""Events are identified by shop and id; shops remember when and what they last received.

An event id is unique within its shop only, so one shop's file can never hide another shop's
events. The events table is rebuilt (SQLite cannot change a table's constraints) keeping every
row and its ``seq``. Shops gain ``received_at`` (when this install imported the last file),
``sharing`` ("active", "stopped" or "erased") and ``sharing_at``.

Revision ID: 0003_trust
Revises: 0002_shops
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_trust"
down_revision = "0002_shops"
branch_labels = None
depends_on = None

COLUMNS = "seq, uuid, kind, at, device, tutorial, step, data, shop"


def upgrade() -> None:
    # A rebuild left over by an interrupted run (its copy was never committed) is dropped first.
    op.execute("DROP TABLE IF EXISTS events_0003")
    op.execute(
        """
        CREATE TABLE events_0003 (
            seq INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            uuid VARCHAR(36) NOT NULL,
            kind VARCHAR(40) NOT NULL,
            at VARCHAR(40) NOT NULL,
            device VARCHAR(64) NOT NULL,
            tutorial VARCHAR(80),
            step VARCHAR(80),
            data TEXT NOT NULL,
            shop VARCHAR(36),
            CONSTRAINT uq_events_shop_uuid UNIQUE (shop, uuid)
        )
        """
    )
    # Events from before shops existed belong to this install's own shop.
    op.execute("UPDATE events SET shop = (SELECT value FROM meta WHERE key = 'shop_id') WHERE shop IS NULL")
    op.execute(f"INSERT INTO events_0003 ({COLUMNS}) SELECT {COLUMNS} FROM events ORDER BY seq")
    op.execute("DROP TABLE events")
    op.execute("ALTER TABLE events_0003 RENAME TO events")
    op.create_index("ix_events_at", "events", ["at"])
    op.create_index("ix_events_tutorial", "events", ["tutorial"])
    op.create_index("ix_events_shop_at", "events", ["shop", "at"])
    op.add_column("shops", sa.Column("received_at", sa.String(40), nullable=True))
    op.add_column("shops", sa.Column("sharing", sa.String(16), nullable=False, server_default="active"))
    op.add_column("shops", sa.Column("sharing_at", sa.String(40), nullable=True))
    # Before this version, last_file_at was the time of the import: the best guess for both.
    op.execute("UPDATE shops SET received_at = last_file_at")


def downgrade() -> None:
    raise NotImplementedError("the trust schema cannot be undone without losing events of clashing ids")
