"""«Документ»: the reader of any act, edition by edition.

Table of contents, edition picker, the text of one article (or chapter, or
the whole act), amendment footnotes naming the amending acts, notes,
cross-references as links, and a side-by-side comparison of the fragment in
two editions. Uploaded documents of the session are read the same way.
"""
from __future__ import annotations

import html
import re
from typing import Optional

import streamlit as st

from explorer import data, diff, nav, upload
from kg.citation import citation
from explorer.i18n import label, ru_date
from kg.model import Act, Edition, Provision

WHOLE = ""                 # the «whole text» choice of the fragment picker
WHOLE_MARK = "*"           # doc_eid when the reader chose the whole text
HEADING_KINDS = ("section", "chapter", "paragraph", "annex")
MAX_LINKS = 30

CSS = """<style>
.akdoc{font-size:1rem;line-height:1.55}
.akdoc .h{font-weight:700;margin:1.1em 0 .4em}
.akdoc .section,.akdoc .annex{font-size:1.15rem;text-transform:none}
.akdoc .chapter{font-size:1.08rem}
.akdoc p{margin:.35em 0}
.akdoc .point{margin-left:1.2em} .akdoc .subpoint{margin-left:2.4em}
.akdoc .target{background:#fff3bf;border-radius:4px}
.akdoc .fn{color:#555;font-size:.88rem;font-style:italic;border-left:3px solid #d0d4dc;padding-left:.6em;margin:.3em 0 .6em}
.akdoc .note{color:#6b4e00;font-size:.88rem;border-left:3px solid #f0c36d;padding-left:.6em;margin:.3em 0 .6em}
.akdoc a.xref{text-decoration:underline dotted}
.akdoc .actref{border-bottom:1px dotted #888;cursor:help}
.akdoc .excluded{color:#999}
</style>"""


# ----------------------------------------------------------------------------- sources of acts

def _acts(build: data.Build) -> dict[str, Act]:
    out = {a: build.acts[a] for a in build.act_ids()}
    out.update({k: u.act for k, u in upload.session_uploads().items()})
    return out


def _editions(build: data.Build, act_id: str) -> list[Edition]:
    up = upload.session_uploads().get(act_id)
    return [up.edition] if up else build.editions_of(act_id)


def units(edition: Edition) -> list[Provision]:
    """The fragments a reader can pick: preamble and articles, or chapters/annexes/points when there are no articles."""
    arts = [p for p in edition.provisions if p.kind in ("article", "preamble")]
    if any(p.kind == "article" for p in arts):
        return arts
    top = [p for p in edition.provisions if p.kind in ("preamble", "chapter", "annex", "section")
           or (p.kind == "point" and p.eid.count("/") == 0)]
    return top or list(edition.children(None))


def unit_of(edition: Edition, eid: str) -> str:
    """The fragment holding ``eid``: its article, else its outermost unit; the first unit when ``eid`` is ""."""
    if eid == WHOLE_MARK:
        return WHOLE
    if not eid:
        first = units(edition)
        return first[0].eid if first else WHOLE
    known = {p.eid for p in units(edition)}
    parts = eid.split("/")
    for i in range(1, len(parts) + 1):
        if "/".join(parts[:i]) in known:
            return "/".join(parts[:i])
    return eid if eid in known else WHOLE


def _unit_label(p: Provision) -> str:
    text = p.path if p.kind != "preamble" else "Преамбула"
    head = (p.heading or "").strip()
    if not head and p.kind in ("article", "chapter", "section", "annex"):
        first = p.text.split("\n", 1)[0]
        head = re.sub(r"^\W*(Статья|Глава|Раздел|Приложение)\s+[\w-]+\.?\s*", "", first, flags=re.I).strip()
    return f"{text}. {head[:90]}" if head else text


# ----------------------------------------------------------------------------- rendering

def _xref_html(text: str, refs: list) -> str:
    """Escape ``text`` and turn ``(start, end, link[, title])`` spans into links (a span when link is None).

    >>> _xref_html("см. ст. 5 <тут>", [(4, 9, "?page=document&act=a&eid=art_5")])
    'см. <a class="xref" href="?page=document&amp;act=a&amp;eid=art_5" target="_self">ст. 5</a> &lt;тут&gt;'
    >>> _xref_html("Законом № 1", [(0, 11, None, "нет в корпусе")])
    '<span class="actref" title="нет в корпусе">Законом № 1</span>'
    """
    out, pos = [], 0
    for start, end, link, *title in sorted(refs, key=lambda r: r[:2]):
        if start < pos:
            continue
        out.append(html.escape(text[pos:start]))
        words = html.escape(text[start:end])
        tip = f' title="{html.escape(title[0])}"' if title and title[0] else ""
        out.append(f'<a class="xref" href="{html.escape(link)}" target="_self"{tip}>{words}</a>' if link
                   else f'<span class="actref"{tip}>{words}</span>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def actref_text(ref) -> str:
    """«закон от 21.05.2007 № 254-III» for an amending act as the footnote names it.

    >>> from kg.model import ActRef
    >>> actref_text(ActRef(type="law", date="2007-05-21", number="254-III"))
    'изменение акта (закон) от 21.05.2007 № 254-III'
    """
    kind = {"law": "закон", "constitutional_law": "конституционный закон", "decree": "указ",
            "resolution": "постановление", "constitution": "Конституция"}.get(ref.type, label("act_type", ref.type))
    out = f"изменение акта ({kind})"
    if ref.date:
        out += f" от {ru_date(ref.date)}"
    if ref.number:
        out += f" № {ref.number}"
    return out


def _amending(build: data.Build, ref) -> Optional[str]:
    """The corpus act an amending-act reference names, or None."""
    try:
        target = data.resolver(str(build.path)).act_for(ref)
    except Exception:  # noqa: BLE001 - an odd reference is shown as text
        return None
    return target if target in build.acts else None


def _footnote_html(build: data.Build, a) -> str:
    """A footnote with each amending act marked: a link when the act is in the corpus."""
    spans = []
    for ref in a.acts:
        i = a.text.find(ref.raw) if ref.raw else -1
        if i < 0:
            continue
        target = _amending(build, ref) if build.acts else None
        if target:
            spans.append((i, i + len(ref.raw), nav.provision_link(target, None, None), "Открыть изменяющий акт"))
        else:
            spans.append((i, i + len(ref.raw), None, actref_text(ref) + " — текста нет в корпусе"))
    return _xref_html(a.text, spans)


def _refs(build: data.Build, act_id: str, p: Provision, date: str) -> list[tuple[int, int, str, tuple]]:
    if act_id not in build.acts:
        return []
    from kg.crossrefs import extract

    res = data.resolver(str(build.path))
    out = []
    for r in extract(p.text):
        hit = res.resolve(r, act_id, p.eid, date)
        if not hit or (hit[0] == act_id and not hit[1]):
            continue
        target_act, target_eid = hit
        ed = _edition_on(build, target_act, date)
        out.append((r.start, r.end, nav.provision_link(target_act, ed, target_eid), (target_act, ed, target_eid)))
    return out


def _edition_on(build: data.Build, act_id: str, date: str) -> Optional[str]:
    """The edition of ``act_id`` in force on ``date`` (else its nearest), for links."""
    eds = build.editions_of(act_id)
    if not eds:
        return None
    before = [e for e in eds if e.date <= date]
    return (before[-1] if before else eds[0]).date


def _paras(text: str, refs) -> str:
    paras = text.split("\n\n") if text else []
    out, offset = [], 0
    for para in paras:
        local = [(s - offset, e - offset, link) for s, e, link, _ in refs if s >= offset and e <= offset + len(para)]
        out.append(_xref_html(para, local).replace("\n", "<br>"))
        offset += len(para) + 2
    return "".join(f"<p>{x}</p>" for x in out)


def fragment_html(build: data.Build, act_id: str, edition: Edition, root: str, target: str = "") -> tuple[str, list]:
    """HTML of a fragment (``root`` "" = the whole act) and the cross-references found in it."""
    prefix = root + "/"
    provs = [p for p in edition.provisions if not root or p.eid == root or p.eid.startswith(prefix)]
    fns: dict[str, list] = {}
    for a in edition.amendments:
        fns.setdefault(a.target, []).append(("fn", _footnote_html(build, a)))
    for n in edition.notes:
        fns.setdefault(n.target, []).append(("note", html.escape(n.text)))
    parts, all_refs = [CSS, '<div class="akdoc">'], []
    if not root:
        for kind, text in fns.get("", []):
            parts.append(f'<div class="{kind}">{text}</div>')
    for p in provs:
        refs = _refs(build, act_id, p, edition.date)
        all_refs.extend(r[3] for r in refs)
        cls = [p.kind]
        if target and (p.eid == target or p.eid.startswith(target + "/")) and target != root:
            cls.append("target")
        if p.status == "excluded":
            cls.append("excluded")
        if p.kind in HEADING_KINDS or p.kind == "article":     # the heading line in bold, the rest as text
            first, _, rest = p.text.partition("\n\n")
            shift = len(first) + 2
            rest_refs = [(s - shift, e - shift, link, t) for s, e, link, t in refs if s >= shift]
            body = f'<div class="h {p.kind}">{html.escape(first)}</div>' + (_paras(rest, rest_refs) if rest else "")
        else:
            body = _paras(p.text, refs)
        parts.append(f'<div id="{html.escape(p.eid)}" class="{" ".join(cls)}">{body}</div>')
        for kind, text in fns.get(p.eid, []):
            parts.append(f'<div class="{kind}">{text}</div>')
    parts.append("</div>")
    return "".join(parts), list(dict.fromkeys(all_refs))


# ----------------------------------------------------------------------------- page

def _on_unit_change() -> None:
    st.session_state["doc_eid"] = st.session_state.get("doc_unit") or WHOLE_MARK


def _on_act_change() -> None:
    st.session_state["doc_ed"] = None
    st.session_state["doc_eid"] = WHOLE


def render(build: data.Build) -> None:
    acts = _acts(build)
    if not acts:
        st.warning("В сборке нет ни одного акта.")
        return
    ids = list(acts)
    if st.session_state.get("doc_act") not in acts:
        st.session_state["doc_act"] = "constitution-1995" if "constitution-1995" in acts else ids[0]
    st.title("Документ")
    c1, c2 = st.columns([3, 2])
    act_id = c1.selectbox("Акт", ids, key="doc_act", on_change=_on_act_change,
                          format_func=lambda a: f"{acts[a].short_title or acts[a].title}"
                                                + (" (загружен)" if a.startswith(upload.UPLOAD_PREFIX) else ""))
    act = acts[act_id]
    eds = _editions(build, act_id)
    dates = [e.date for e in eds]
    if st.session_state.get("doc_ed") not in dates:
        st.session_state["doc_ed"] = dates[-1]
    ed_date = c2.selectbox("Редакция", dates, key="doc_ed", format_func=lambda d: _edition_label(build, act_id, d))
    edition = next(e for e in eds if e.date == ed_date)
    nav.set_query_params("document", act=act_id, ed=ed_date, eid=st.session_state.get("doc_eid") or None)
    _act_facts(build, act, edition)

    unit_list = units(edition)
    options = [WHOLE] + [p.eid for p in unit_list]
    labels = {p.eid: _unit_label(p) for p in unit_list}
    target = st.session_state.get("doc_eid") or ""
    seen = (act_id, ed_date, target)
    if st.session_state.get("_doc_seen") != seen or st.session_state.get("doc_unit") not in options:
        st.session_state["doc_unit"] = unit_of(edition, target)
        st.session_state["_doc_seen"] = seen
    toc, body = st.columns([1, 3])
    with toc:
        root = st.selectbox("Фрагмент", options, key="doc_unit", on_change=_on_unit_change,
                            format_func=lambda e: "Весь текст" if e == WHOLE else labels.get(e, e))
        _toc(edition)
    with body:
        if root:
            st.code(citation(act, target if target and unit_of(edition, target) == root else root, ed_date),
                    language=None, wrap_lines=True)
        html_text, refs = fragment_html(build, act_id, edition, root, target)
        st.html(html_text)
        if refs:
            _ref_buttons(build, refs)
        _amending_acts(build, edition, root)
        if len(eds) > 1:
            nav.guard(_compare, act, eds, root)


def _edition_label(build: data.Build, act_id: str, date: str) -> str:
    if act_id not in build.acts:
        return f"ред. от {ru_date(date)}"
    start, end = build.interval(act_id, date)
    span = f"с {ru_date(start)}" + (f" по {ru_date(end)}" if end else "")
    return f"ред. от {ru_date(date)} (действует {span})"


def _act_facts(build: data.Build, act: Act, edition: Edition) -> None:
    facts = [label("act_type", act.type)]
    if act.number:
        facts.append(f"№ {act.number}")
    if act.date:
        facts.append(f"принят {ru_date(act.date)}")
    if act.in_force_to:
        facts.append(f"утратил силу {ru_date(act.in_force_to)}" + (" (не позднее)" if act.in_force_to_precision else ""))
    c = edition.counts()
    facts.append(f"статей {c['articles']}, глав {c['chapters']}, сносок {c['footnotes']}")
    st.markdown(f"**{edition.title or act.title}**")
    st.caption(" · ".join(facts) + (f" · [официальный текст]({act.url})" if act.url else ""))


def _toc(edition: Edition) -> None:
    with st.expander("Оглавление", expanded=False):
        lines = []
        for p in edition.provisions:
            if p.kind in HEADING_KINDS or p.kind == "article":
                depth = {"section": 0, "annex": 0, "chapter": 1, "paragraph": 2, "article": 2}.get(p.kind, 2)
                lines.append("&nbsp;" * 4 * depth + html.escape(_unit_label(p)))
        st.markdown("<br>".join(lines) or "—", unsafe_allow_html=True)


def _ref_buttons(build: data.Build, refs: list) -> None:
    st.markdown("**Ссылки в тексте**")
    cols = st.columns(3)
    for i, (act_id, ed, eid) in enumerate(refs[:MAX_LINKS]):
        act = build.acts.get(act_id)
        text = citation(act, eid, None) if act else f"{act_id} {eid}"
        cols[i % 3].button(text[:70], key=f"xref_{i}", on_click=nav.open_provision, args=(act_id, ed, eid))


def amending_acts(edition: Edition, root: str) -> list[tuple]:
    """``(ActRef, footnotes)`` of the acts that amended the fragment, by date (``root`` "" = the whole act)."""
    counts: dict = {}
    for a in edition.amendments:
        if root and not (a.target == root or a.target.startswith(root + "/")):
            continue
        for ref in a.acts:
            counts[ref.key] = (ref, counts.get(ref.key, (ref, 0))[1] + 1)
    return sorted(counts.values(), key=lambda x: (x[0].date or "", x[0].number or ""))


def _amending_acts(build: data.Build, edition: Edition, root: str) -> None:
    acts = amending_acts(edition, root)
    if not acts:
        return
    with st.expander(f"Изменяющие акты: {len(acts)}"):
        for i, (ref, n) in enumerate(acts):
            target = _amending(build, ref)
            words = f"{actref_text(ref)} — сносок: {n}"
            if target:
                st.button(words, key=f"amend_{i}", on_click=nav.open_provision, args=(target, None, None))
            else:
                st.markdown(f"- {words} (текста нет в корпусе)")


def _compare(act: Act, eds: list[Edition], root: str) -> None:
    with st.expander("Сравнить редакции", expanded=bool(st.session_state.get("diff_open"))):
        having = [e for e in eds if not root or e.get(root) is not None]
        if len(having) < 2:
            st.info("Этот фрагмент есть только в одной редакции.")
            return
        dates = [e.date for e in having]
        c1, c2 = st.columns(2)
        left = c1.selectbox("Слева", dates, index=0, key=f"diff_l_{act.id}_{root}", format_func=ru_date)
        right = c2.selectbox("Справа", dates, index=len(dates) - 1, key=f"diff_r_{act.id}_{root}",
                             format_func=ru_date)
        a = next(e for e in having if e.date == left)
        b = next(e for e in having if e.date == right)
        old = a.subtree_text(root) if root else "\n\n".join(p.text for p in a.provisions)
        new = b.subtree_text(root) if root else "\n\n".join(p.text for p in b.provisions)
        rows = diff.compare(old, new)
        s = diff.summary(rows)
        st.caption(f"Без изменений: {s['equal']} · изменено: {s['replace']} · исключено: {s['delete']} · "
                   f"добавлено: {s['insert']}")
        st.html(diff.to_html(rows, f"ред. от {ru_date(left)}", f"ред. от {ru_date(right)}"))
