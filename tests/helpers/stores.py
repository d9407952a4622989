"""A progress store for a merchant who already went through Bienvenue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lbpmv_desktop.core.progress import events as ev
from lbpmv_desktop.core.progress.store import ProgressStore

if TYPE_CHECKING:
    from pathlib import Path


def merchant_store(
    database: Path, shop_name: str = "Les Petits Pas", first_name: str = "Martine", animator_name: str = "Léa"
) -> ProgressStore:
    """Open (or create) ``database`` with the shop's profile recorded; the caller closes it."""
    store = ProgressStore.open(database)
    store.append(
        [
            ev.profile_set(
                store.device,
                shop_name=shop_name,
                first_name=first_name,
                animator_name=animator_name,
                goal="photos",
            )
        ]
    )
    return store
