"""A small thread-safe memo (least recently used first out) for what the figures layer
works out once and reuses: case frames, results, disclosure units. Keys hold the
inputs' version, so a change to the data makes new keys and old ones fall out."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


class Memo:
    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        made = make()
        with self._lock:
            self._items[key] = made
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return made

    def get_for(self, version: str, key: Hashable, make: Callable[[], Any]) -> Any:
        """``get`` under a data version (a ``core.versions.current`` token): kept only
        when the version names some data; an unset one identifies nothing held (records
        stored without a loader), so ``make`` runs afresh."""
        from sendassure.core.versions import any_set

        if not any_set(version):
            return make()
        return self.get((version, key), make)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
