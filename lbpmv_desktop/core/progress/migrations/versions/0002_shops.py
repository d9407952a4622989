"""Events know their shop; the shops an animator follows, with their trusted keys.

Revision ID: 0002_shops
Revises: 0001_initial
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_shops"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("events", sa.Column("shop", sa.String(36), nullable=True))
    op.execute("UPDATE events SET shop = (SELECT value FROM meta WHERE key = 'shop_id')")
    op.create_index("ix_events_shop_at", "events", ["shop", "at"])
    op.create_table(
        "shops",
        sa.Column("shop_id", sa.String(36), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("trusted_at", sa.String(40), nullable=False),
        sa.Column("last_file_at", sa.String(40), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False, server_default="{}"),
    )


def downgrade() -> None:
    op.drop_table("shops")
    op.drop_index("ix_events_shop_at", "events")
    op.drop_column("events", "shop")
