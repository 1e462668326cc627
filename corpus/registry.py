"""The registry of acts of this field (``corpus/data/registry.yaml``).

>>> reg = load_registry()
>>> reg.get("constitution-1995").in_force_to
'2026-07-01'
>>> reg.by_code("7966").id
'law-2001-148'
>>> reg.resolve("148-II").id
'law-2001-148'
>>> reg.resolve("no-such-act") is None
True
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml

from kg.model import ACT_TYPES, Act

REGISTRY_PATH = Path(__file__).parent / "data" / "registry.yaml"


class RegistryError(ValueError):
    """The registry file is broken."""


@dataclass(frozen=True)
class RegistryEntry:
    act: Act
    edition_date: Optional[str] = None        # for acts whose files carry no metadata
    edition_date_basis: Optional[str] = None


@dataclass(frozen=True)
class Registry:
    entries: tuple[RegistryEntry, ...] = ()
    _by_key: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        index = self._by_key
        for e in self.entries:
            a = e.act
            for key in (a.id, a.code, *a.aliases):
                if key:
                    index.setdefault(("key", str(key).lower()), e)
            if a.code:
                index[("code", a.code)] = e

    def get(self, act_id: str) -> Optional[Act]:
        e = self._by_key.get(("key", act_id.lower()))
        return e.act if e and e.act.id == act_id else None

    def entry(self, act_id: str) -> Optional[RegistryEntry]:
        e = self._by_key.get(("key", act_id.lower()))
        return e if e and e.act.id == act_id else None

    def by_code(self, code: str) -> Optional[Act]:
        e = self._by_key.get(("code", str(code)))
        return e.act if e else None

    def resolve(self, name: str) -> Optional[Act]:
        """An act by id, document code or alias (case-insensitive)."""
        e = self._by_key.get(("key", str(name).strip().lower()))
        return e.act if e else None

    @property
    def acts(self) -> list[Act]:
        return [e.act for e in self.entries]


def _str(v) -> Optional[str]:
    return None if v is None else str(v)


def load_registry(path: Path | str | None = None) -> Registry:
    """Read and check the registry file; raise :class:`RegistryError` naming the entry."""
    path = Path(path) if path else REGISTRY_PATH
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise RegistryError(f"{path}: cannot read the registry: {exc}") from exc
    entries, seen = [], set()
    for i, raw in enumerate(data.get("acts") or []):
        where = f"{path.name}: act #{i + 1} ({raw.get('id', '?')})"
        if not raw.get("id") or not raw.get("title"):
            raise RegistryError(f"{where}: id and title are required")
        if raw["id"] in seen:
            raise RegistryError(f"{where}: duplicate id")
        seen.add(raw["id"])
        if raw.get("type") not in ACT_TYPES:
            raise RegistryError(f"{where}: unknown type {raw.get('type')!r}")
        act = Act(
            id=raw["id"], code=_str(raw.get("code")), type=raw["type"], title=raw["title"],
            date=_str(raw.get("date")), number=_str(raw.get("number")), url=raw.get("url"),
            in_force_from=_str(raw.get("in_force_from")), in_force_to=_str(raw.get("in_force_to")),
            repealed_by=raw.get("repealed_by"), short_title=raw.get("short_title"),
            citation_genitive=raw.get("citation_genitive"),
            aliases=tuple(str(a) for a in raw.get("aliases") or ()),
            sources=tuple(raw.get("sources") or ()),
            in_force_to_precision=raw.get("in_force_to_precision"),
            note=raw.get("in_force_to_note"),
        )
        entries.append(RegistryEntry(act, _str(raw.get("edition_date")), raw.get("edition_date_basis")))
    return Registry(tuple(entries))
