"""Edition metadata: ``meta.yaml``, YAML front matter, official source URLs.

The mirror stores an edition's facts in ``meta.yaml`` beside ``rus.md``, or as
YAML front matter at the top of ``rus.md``, or nowhere. The official source URL
(``https://zan.gov.kz/client/#!/doc/7966/rus/23.12.2023``) also carries the
document code and the date of the wording.

>>> source_url_facts("https://zan.gov.kz/client/#!/doc/7966/rus/23.12.2023")
{'code': '7966', 'language': 'rus', 'date': '2023-12-23'}
>>> front_matter("---\\nact_code: '1'\\n---\\n# Title\\n")
({'act_code': '1'}, 3)
>>> folder_code("03-laws/2001/0123-o-mestnom-7966")
'7966'
>>> act_type_from("КЗАК", "01-const-laws/1995/0928-x-4")
'constitutional_law'
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

import yaml

_URL_RE = re.compile(r"/doc/(?P<code>\d+)(?:/(?P<lang>[a-z]{3}))?(?:/(?P<d>\d{2})\.(?P<m>\d{2})\.(?P<y>\d{4}))?")


class MetadataError(ValueError):
    """Broken metadata (bad YAML, impossible date)."""


def iso(value) -> Optional[str]:
    """Normalise a date-ish value (date, 'YYYY-MM-DD', 'DD.MM.YYYY') to ISO, or None.

    >>> iso("21.05.2007"), iso(dt.date(2007, 5, 21)), iso(None)
    ('2007-05-21', '2007-05-21', None)
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    s = str(value).strip()
    m = re.fullmatch(r"(\d{2})\.(\d{2})\.(\d{4})", s)
    if m:
        s = f"{m.group(3)}-{m.group(2)}-{m.group(1)}"
    try:
        return dt.date.fromisoformat(s).isoformat()
    except ValueError as exc:
        raise MetadataError(f"impossible date {value!r}") from exc


def source_url_facts(url: Optional[str]) -> dict:
    """Document code, language and date from an official portal URL."""
    if not url:
        return {}
    m = _URL_RE.search(url)
    if not m:
        return {}
    out = {"code": m.group("code")}
    if m.group("lang"):
        out["language"] = m.group("lang")
    if m.group("y"):
        out["date"] = f"{m.group('y')}-{m.group('m')}-{m.group('d')}"
    return out


def front_matter(text: str) -> tuple[dict, int]:
    """Split YAML front matter off a Markdown text.

    Returns the parsed mapping and the number of lines it took (0 if none).
    Raises :class:`MetadataError` with the line number when the YAML is broken.
    """
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}, 0
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            try:
                data = yaml.safe_load("\n".join(lines[1:i])) or {}
            except yaml.YAMLError as exc:
                line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 2
                raise MetadataError(f"line {line}: broken front matter: {str(exc).splitlines()[0]}") from exc
            if not isinstance(data, dict):
                raise MetadataError("line 2: front matter is not a mapping")
            return data, i + 1
    raise MetadataError("line 1: front matter is not closed by '---'")


def folder_code(folder: str) -> Optional[str]:
    """The document code: the trailing number of the act's mirror folder."""
    m = re.search(r"-(\d+)/?$", folder)
    return m.group(1) if m else None


_FORMS = {"КОНС": "constitution", "КЗАК": "constitutional_law", "ЗАК": "law", "УКАЗ": "decree",
          "УКП": "decree", "ПОСТ": "resolution", "ППРК": "resolution"}
_PREFIXES = {"00-": "constitution", "01-": "constitutional_law", "02-": "law", "03-": "law",
             "04-": "law", "05-": "decree", "06-": "resolution"}


def act_type_from(form: Optional[str], folder: str) -> str:
    """Act type from the metadata's form code, else from the mirror folder."""
    if form and form.upper() in _FORMS:
        return _FORMS[form.upper()]
    for prefix, kind in _PREFIXES.items():
        if folder.startswith(prefix):
            return kind
    return "other"


@dataclass(frozen=True)
class FolderMeta:
    """What the metadata of one snapshot of an act folder says."""

    code: Optional[str] = None
    date: Optional[str] = None
    date_basis: Optional[str] = None
    language: str = "rus"
    title: Optional[str] = None
    form: Optional[str] = None
    requisite: Optional[str] = None
    approved_on: Optional[str] = None
    source_url: Optional[str] = None
    caused_by: Optional[str] = None


def _lang(value, lang="rus"):
    return value.get(lang) if isinstance(value, dict) else value


def read_folder_meta(folder: str, meta_yaml: Optional[str], rus_md: str) -> FolderMeta:
    """Combine meta.yaml, front matter and the source URL; meta.yaml wins.

    Raises :class:`MetadataError` (naming the file and line) on broken YAML.
    """
    meta: dict = {}
    if meta_yaml is not None:
        try:
            meta = yaml.safe_load(meta_yaml) or {}
        except yaml.YAMLError as exc:
            line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
            raise MetadataError(f"{folder}/meta.yaml:{line}: broken YAML") from exc
        if not isinstance(meta, dict):
            raise MetadataError(f"{folder}/meta.yaml:1: not a mapping")
    try:
        fm, _ = front_matter(rus_md)
    except MetadataError as exc:
        raise MetadataError(f"{folder}/rus.md: {exc}") from exc
    source = _lang(meta.get("source")) or _lang(fm.get("source"))
    url = source_url_facts(source)
    date, basis = None, None
    for value, where in ((_lang(meta.get("version_date")), "meta.yaml"),
                         (fm.get("version_date"), "front_matter"),
                         (url.get("date"), "source_url")):
        if value:
            date, basis = iso(value), where
            break
    code = meta.get("act_code") or fm.get("act_code") or url.get("code") or folder_code(folder)
    caused = meta.get("caused_by") or fm.get("caused_by") or {}
    return FolderMeta(
        code=str(code) if code else None, date=date, date_basis=basis,
        language=str(fm.get("language") or url.get("language") or "rus"),
        title=_lang(meta.get("title")) or _lang(fm.get("title")),
        form=meta.get("form") or fm.get("form"),
        requisite=meta.get("requisite") or fm.get("requisite"),
        approved_on=iso(meta.get("approved_on") or fm.get("approval_date")),
        source_url=source,
        caused_by=caused.get("requisite") if isinstance(caused, dict) else None,
    )
