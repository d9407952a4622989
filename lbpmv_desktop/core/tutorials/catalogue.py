"""The set of loaded tutorials and the merchant's suggested path through them."""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from lbpmv_desktop.core.tutorials.model import Term, Tutorial


class Catalogue:
    """Valid tutorials by id, in a stable order.

    Args:
        tutorials: tutorials whose ids are unique and whose prerequisites all exist.
        glossary: the content folder's words, by id (``glossaire.toml``).
    """

    def __init__(self, tutorials: Iterable[Tutorial], glossary: Mapping[str, Term] | None = None) -> None:
        self._by_id = {tutorial.id: tutorial for tutorial in tutorials}
        self.glossary: Mapping[str, Term] = dict(glossary or {})

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Tutorial]:
        return iter(self.path())

    def __contains__(self, tutorial_id: object) -> bool:
        return tutorial_id in self._by_id

    def get(self, tutorial_id: str) -> Tutorial | None:
        return self._by_id.get(tutorial_id)

    def path(self, goal: str | None = None, plan: Iterable[str] = ()) -> list[Tutorial]:
        """The staircase: every tutorial once, prerequisites first.

        Tutorials of the plan (in its order) come first, then those of the chosen ``goal``
        theme, then the others, each group by level and order; a prerequisite always comes
        before the tutorials that need it.
        """
        ranks = {tutorial_id: index for index, tutorial_id in enumerate(plan)}

        def key(tutorial: Tutorial) -> tuple[int, int, int, int, str]:
            in_plan = ranks.get(tutorial.id)
            group = 0 if in_plan is not None else (1 if tutorial.theme == goal else 2)
            return (group, in_plan or 0, tutorial.level, tutorial.order, tutorial.id)

        waiting = {
            tutorial.id: {p for p in tutorial.prerequisites if p in self._by_id}
            for tutorial in self._by_id.values()
        }
        ready = [(key(t), t.id) for t in self._by_id.values() if not waiting[t.id]]
        heapq.heapify(ready)
        ordered: list[Tutorial] = []
        while ready:
            _, tutorial_id = heapq.heappop(ready)
            ordered.append(self._by_id[tutorial_id])
            for other_id, needs in waiting.items():
                if tutorial_id in needs:
                    needs.discard(tutorial_id)
                    if not needs:
                        heapq.heappush(ready, (key(self._by_id[other_id]), other_id))
        # Cycles are refused by the loader; anything left over still gets shown.
        seen = {t.id for t in ordered}
        ordered.extend(sorted((t for t in self._by_id.values() if t.id not in seen), key=key))
        return ordered
