"""«О данных»: sources and editions (dates, hashes, counts), the build, downloads, how to cite, licences.

Also the screen shown before anything is built: how to build from the
command line, and a button that syncs the corpus and builds with a progress bar.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from explorer import data
from explorer.i18n import NO_BUILD, label, ru_date

ROOT = Path(__file__).resolve().parent.parent
DOWNLOADS = {"ttl": ("Turtle (TTL)", "text/turtle", "akimkg.ttl"),
             "jsonld": ("JSON-LD", "application/ld+json", "akimkg.jsonld"),
             "graphml": ("GraphML (сеть органов)", "application/graphml+xml", "akimkg-network.graphml")}

LICENCE = """\
**Тексты актов.** Официальные тексты нормативных правовых актов не являются объектами авторского права
(Закон Республики Казахстан «Об авторском праве и смежных правах», ст. 8). Тексты взяты из открытого
неофициального зеркала базы «Әділет» (adilet.zan.kz, zan.gov.kz) на GitHub (`kazakhstan-law/codes`);
сборка зеркала — общественное достояние (Unlicense). Это неофициальная копия: ссылайтесь на официальный
портал (ссылки у каждого акта).

**Код и граф.** Код akimkg распространяется по лицензии MIT; граф, индекс и таблицы, собранные из
текстов, можно использовать свободно со ссылкой на akimkg (см. «Как цитировать»).
"""


def render_no_build() -> None:
    """The first screen when ``$AKIMKG_HOME`` holds no build yet."""
    st.title("akimkg: акимы и маслихаты Казахстана, 1991–2026")
    st.info(NO_BUILD)
    st.code("akimkg corpus sync && akimkg build", language="bash")
    if st.button("Собрать данные сейчас", key="build_now", type="primary"):
        bar = st.progress(0.0, text="Подготовка…")
        result = data.build_now(lambda frac, text: bar.progress(min(max(frac, 0.0), 1.0), text=text))
        st.success(f"Сборка {result.get('build')} готова: редакций {result.get('editions')}, "
                   f"положений {result.get('provisions')}, триплетов {result.get('triples')}.")
        st.button("Открыть обозреватель", key="after_build")


def editions_table(listing: dict) -> pd.DataFrame:
    """The ``corpus list --json`` document as one row per edition.

    >>> t = editions_table({"acts": [{"id": "a", "title": "Т", "type": "law", "editions": [
    ...     {"date": "2023-12-23", "articles": 61, "chapters": 6, "footnotes": 100, "sha256": "ab" * 32,
    ...      "source": "https://adilet.zan.kz/rus/docs/Z010000148_"}]}]})
    >>> t.iloc[0]["Редакция"], t.iloc[0]["SHA-256"]
    ('23.12.2023', 'abababababab…')
    """
    rows = []
    for act in listing.get("acts", []):
        for ed in act.get("editions", []):
            rows.append({
                "Акт": act.get("title"), "id": act["id"], "Вид": label("act_type", act.get("type")),
                "Редакция": ru_date(ed.get("date")),
                "Действует": _in_force(ed.get("in_force")),
                "Статей": ed.get("articles"), "Глав": ed.get("chapters"), "Сносок": ed.get("footnotes"),
                "SHA-256": (ed.get("sha256") or "")[:12] + "…" if ed.get("sha256") else "—",
                "Источник": ed.get("source") or "—",
            })
    return pd.DataFrame(rows)


@st.cache_resource(show_spinner="Готовлю файл…", max_entries=3)
def export_bytes(build_path: str, fmt: str) -> bytes:
    """The graph of a build exported in ``fmt`` (written to a temporary directory, then read)."""
    from kg.export import export

    with tempfile.TemporaryDirectory(prefix="akimkg-export-") as tmp:
        written = export(Path(build_path), fmt, Path(tmp) / DOWNLOADS[fmt][2])
        return Path(written).read_bytes()


def _in_force(iv) -> str:
    """An in-force interval in words; ``to`` is the first day no longer in force.

    >>> _in_force({"from": "2023-01-01", "to": "2026-07-01"}), _in_force({"from": "2023-01-01", "to": None})
    ('с 01.01.2023 по 01.07.2026 (не включая)', 'с 01.01.2023 (последняя редакция в корпусе)')
    """
    if not iv:
        return "—"
    start = f"с {ru_date(iv.get('from'))}"
    return f"{start} по {ru_date(iv['to'])} (не включая)" if iv.get("to") else f"{start} (последняя редакция в корпусе)"


def render(build: data.Build) -> None:
    from kg.catalog import corpus_listing

    st.title("О данных")
    rep = build.report
    st.subheader("Сборка")
    cols = st.columns(4)
    started = str(rep.get("started") or "")
    cols[0].metric("Дата сборки", ru_date(started[:10]) if started else "—")
    cols[1].metric("Редакций", len(build.editions))
    cols[2].metric("Положений", sum(len(e.provisions) for e in build.editions))
    cols[3].metric("Триплетов", rep.get("triples", "—"))
    st.caption(f"Сборка {build.id}: начата {started.replace('T', ' ') or '—'}, заняла {rep.get('seconds', '—')} с · "
               f"документов в индексе: {(rep.get('index') or {}).get('docs', '—')} · правил: {rep.get('rules', '—')}")
    problems = rep.get("problems") or []
    if problems:
        with st.expander(f"Замечания к исходным текстам: {len(problems)}"):
            st.code("\n".join(problems[:500]), language=None)

    st.subheader("Акты и редакции")
    listing = corpus_listing(build.home)
    st.dataframe(editions_table(listing), hide_index=True, width="stretch",
                 column_config={"Акт": st.column_config.TextColumn(width="medium"),
                                "Источник": st.column_config.TextColumn(width="medium")})
    st.caption(f"Источник текстов: {listing.get('source') or '—'} · синхронизировано: {listing.get('synced_at') or '—'}")

    st.subheader("Скачать граф")
    cols = st.columns(len(DOWNLOADS))
    for col, (fmt, (title, mime, name)) in zip(cols, DOWNLOADS.items()):
        if st.session_state.get(f"export_{fmt}"):
            col.download_button(f"Скачать {title}", export_bytes(str(build.path), fmt), file_name=name,
                                mime=mime, key=f"dl_{fmt}")
        else:
            col.button(f"Подготовить {title}", key=f"prep_{fmt}",
                       on_click=lambda f=fmt: st.session_state.__setitem__(f"export_{f}", True))

    st.subheader("Как цитировать")
    cff = ROOT / "CITATION.cff"
    if cff.exists():
        st.code(cff.read_text(encoding="utf-8"), language="yaml")
    st.subheader("Лицензии")
    st.markdown(LICENCE)
