"""The read-only record behind a typed value (core/model.py's SessionRow, Assessment).

The store hands out frozen dataclasses; screens read their attributes (`row.routine`,
`a.verdict`). Many rule functions in core (streaks, the calendar, safety, the programme's
input) were written against the JSON records and read `row["day"]` or `a.get("verdict")`;
a `RecordView` still answers those reads, from the very record the value was built from
(the store's, checked once when the file is loaded), so those functions see exactly what
they saw before and no record is converted twice. It is read-only (a `MappingProxyType`):
nothing can change the store's record through it.

New code reads the attributes; the mapping side is there so the rules can move over one
function at a time.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any


class RecordView(Mapping[str, Any]):
    """Mixin for a frozen dataclass with a `record` field (see the module docstring)."""

    __slots__ = ()
    record: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:  # every RecordView defines it
        raise NotImplementedError

    def _fill_record(self, record: Mapping[str, Any] | None) -> None:
        """Called from the dataclass's __post_init__: keep `record` (read-only), or the
        value's own dict when it was built by hand."""
        source = record if record else self.to_dict()
        view = source if isinstance(source, MappingProxyType) else MappingProxyType(source)
        object.__setattr__(self, "record", view)

    def __getitem__(self, key: str) -> Any:
        return self.record[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.record)

    def __len__(self) -> int:
        return len(self.record)

    def __contains__(self, key: object) -> bool:
        return key in self.record

    def get(self, key: str, default: Any = None) -> Any:
        return self.record.get(key, default)
