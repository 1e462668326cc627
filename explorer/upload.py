"""The user's own document (DOCX, TXT, MD) as a session-local act.

The bytes of an upload are read in memory only: no path, name or content of
an upload reaches the file system. The text is parsed by the project's own
parser (:func:`kg.structure.parse_edition`), so an uploaded charter or local
act gets the same structure (articles, points) as the acts of the corpus, and
it is searched with the project's Russian analyzer in an in-memory index.

>>> up = parse_upload("устав.md", "Статья 1. Сход\\n\\n1. Сход жителей села созывается акимом.".encode())
>>> up.act.type, up.act.id.startswith("upload-")
('other', True)
>>> read_text("a.exe", b"MZ")
Traceback (most recent call last):
...
explorer.upload.UploadError: неподдерживаемый тип файла «.exe»: допустимы DOCX, TXT, MD
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from typing import Optional, Sequence

from kg.model import Act, Edition, EditionMeta

MAX_BYTES = 2 * 1024 * 1024          # the largest upload accepted
MAX_UNPACKED = 20 * 1024 * 1024      # the largest unpacked DOCX (guards against zip bombs)
MAX_UPLOADS = 5                      # per session
TYPES = ("docx", "txt", "md")
UPLOAD_PREFIX = "upload-"


class UploadError(ValueError):
    """The upload cannot be used: wrong type, too large, unreadable, or empty."""


@dataclass(frozen=True)
class Upload:
    """A parsed upload: its act, its one edition, and what the user called it."""

    name: str
    size: int
    act: Act
    edition: Edition


def _suffix(name: str) -> str:
    m = re.search(r"\.([A-Za-z0-9]{1,8})$", name or "")
    return m.group(1).lower() if m else ""


def _decode(data: bytes) -> str:
    for enc in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise UploadError("не удалось прочитать текст: ожидается кодировка UTF-8 или Windows-1251")


def _docx_text(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if sum(i.file_size for i in z.infolist()) > MAX_UNPACKED:
                raise UploadError("документ DOCX слишком велик после распаковки")
    except zipfile.BadZipFile:
        raise UploadError("файл не похож на документ DOCX") from None
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on broken files
        raise UploadError(f"не удалось прочитать DOCX: {type(exc).__name__}") from None
    lines = []
    for par in document.paragraphs:
        text = par.text.strip()
        if not text:
            continue
        style = (par.style.name if par.style is not None else "") or ""
        heading = re.match(r"(?:Heading|Заголовок)\s*(\d)", style)
        lines.append("#" * min(int(heading.group(1)) + 1, 4) + " " + text if heading else text)
    return "\n\n".join(lines)


def read_text(name: str, data: bytes) -> str:
    """The text of an upload, checked for type and size."""
    kind = _suffix(name)
    if kind not in TYPES:
        raise UploadError(f"неподдерживаемый тип файла «.{kind}»: допустимы DOCX, TXT, MD")
    if len(data) > MAX_BYTES:
        raise UploadError(f"файл слишком велик: {len(data) // 1024} КБ, допустимо до {MAX_BYTES // 1024} КБ")
    text = _docx_text(data) if kind == "docx" else _decode(data)
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UploadError("в файле нет текста")
    return text


def _title(text: str, name: str) -> str:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip().strip("*").strip()
        if line:
            return line[:200]
    return re.sub(r"\.[^.]*$", "", name)[:200] or "Загруженный документ"


def parse_upload(name: str, data: bytes, date: Optional[str] = None) -> Upload:
    """Parse an upload into a session-local act with one edition dated ``date`` (default today)."""
    from kg.structure import parse_edition

    text = read_text(name, data)
    body = text.encode("utf-8")
    digest = hashlib.sha256(body).hexdigest()
    day = date or dt.date.today().isoformat()
    title = _title(text, name)
    act = Act(id=f"{UPLOAD_PREFIX}{digest[:10]}", code=None, type="other", title=title,
              short_title=title[:80], in_registry=False, sources=("загружено пользователем",))
    meta = EditionMeta(act_id=act.id, date=day, language="rus", date_basis="upload",
                       files=("rus.md",), sha256=digest)
    edition = parse_edition(meta, {"rus.md": body})
    if not edition.provisions:
        raise UploadError("в документе не найдено ни одного положения")
    return Upload(name=name[-120:], size=len(data), act=act, edition=edition)


class UploadIndex:
    """An in-memory search index over the uploads (the project's schema and analyzer).

    >>> up = parse_upload("x.txt", "Статья 1. Сход\\n\\nСход жителей села созывается акимом.".encode())
    >>> hits = UploadIndex([up]).search("созыв схода")
    >>> hits[0]["act"] == up.act.id, "<b>" in hits[0]["snippet"]
    (True, True)
    """

    def __init__(self, uploads: Sequence[Upload]):
        from whoosh.filedb.filestore import RamStorage

        from search.documents import edition_documents
        from search.schema import build_schema

        class MemoryStorage(RamStorage):
            """whoosh's RAM storage whose scratch files stay in RAM too (its default is a temp directory)."""

            def temp_storage(self, name=None):
                return RamStorage()

        self.schema = build_schema()
        self.index = MemoryStorage().create_index(self.schema)
        names = set(self.schema.names())
        with self.index.writer() as w:
            for up in uploads:
                for doc in edition_documents(up.act, up.edition, (up.edition.date, None)):
                    fields = {k: v for k, v in doc.items() if k in names}
                    fields["lemma"] = fields["exact"] = doc["text"]
                    if "lemma_ctx" in names:
                        fields["lemma_ctx"] = doc.get("context", "")
                    w.add_document(**fields)

    def search(self, query: str, limit: int = 20) -> list[dict]:
        """Hits in the shape of ``akimkg search --json`` (see CONTRACTS.md)."""
        from whoosh import qparser

        from search.query import check_query, snippet

        parser = qparser.MultifieldParser(["lemma", "lemma_ctx"], self.schema, group=qparser.OrGroup)
        q = parser.parse(check_query(query))
        terms = {"lemma": {str(t) for f, t in q.iter_all_terms() if f == "lemma"}}
        out = []
        with self.index.searcher() as s:
            for hit in s.search(q, limit=limit):
                out.append({"id": hit["id"], "act": hit["act"], "act_title": hit["act_title"],
                            "edition": hit["edition"], "article": hit["article"] or None,
                            "point": hit["point"] or None, "path": hit["path"], "eid": hit["eid"],
                            "in_force": {"from": hit["valid_from"], "to": None},
                            "score": round(float(hit.score), 3), "upload": True,
                            "snippet": snippet(hit["text"], terms)})
        return out


# ----------------------------------------------------------------------------- the sidebar panel

SESSION_KEY = "uploads"


def session_uploads() -> dict[str, Upload]:
    """The uploads of this session, act id -> :class:`Upload` (never shared between sessions)."""
    import streamlit as st

    return st.session_state.setdefault(SESSION_KEY, {})


def session_index() -> Optional[UploadIndex]:
    """The in-memory index over this session's uploads (rebuilt when they change)."""
    import streamlit as st

    ups = session_uploads()
    if not ups:
        return None
    key = tuple(sorted(ups))
    cached = st.session_state.get("_upload_index")
    if not cached or cached[0] != key:
        cached = (key, UploadIndex(list(ups.values())))
        st.session_state["_upload_index"] = cached
    return cached[1]


def sidebar() -> None:
    """«Свой документ»: upload a DOCX/TXT/MD file; it can then be searched and read in this session."""
    import streamlit as st

    with st.sidebar.expander("Свой документ", expanded=False):
        st.caption(f"DOCX, TXT или MD до {MAX_BYTES // (1024 * 1024)} МБ. Документ доступен только "
                   "в этом сеансе и не сохраняется на сервере.")
        files = st.file_uploader("Загрузить документ", type=list(TYPES), accept_multiple_files=True,
                                 key="upload_files", label_visibility="collapsed")
        ups = session_uploads()
        dropped = st.session_state.setdefault("_uploads_dropped", set())
        for f in files or []:
            data = f.getvalue()
            if (f.name[-120:], len(data)) in dropped or any(u.name == f.name[-120:] and u.size == len(data)
                                                             for u in ups.values()):
                continue
            if len(ups) >= MAX_UPLOADS:
                st.warning(f"Не более {MAX_UPLOADS} документов за сеанс.")
                break
            try:
                up = parse_upload(f.name, data)
            except UploadError as exc:
                st.error(f"«{f.name}»: {exc}")
                continue
            ups[up.act.id] = up
        for act_id, up in list(ups.items()):
            c1, c2 = st.columns([4, 1])
            c1.markdown(f"**{up.act.short_title}**  \n{len(up.edition.by_kind('article'))} ст., "
                        f"{len(up.edition.provisions)} полож.")
            if c2.button("✕", key=f"drop_{act_id}", help="Убрать документ"):
                dropped.add((up.name, up.size))
                ups.pop(act_id, None)
                st.rerun()
