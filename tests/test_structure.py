"""The structure parser on small self-written fixtures in each format of the mirror.

The fixtures in ``tests/fixtures/parser/`` paraphrase the *layout* of the real
texts (plain table of contents + body, ``##``/``###`` headings, bold headings,
code blocks, decrees with attached rules, a split act with parts); their words
are invented.  ``check_layers`` and ``check_body`` are also used on the real
corpus by ``test_parse_real.py``.

What the body is (see :mod:`kg.structure`): every non-blank line of the
edition's ``.md`` files except front matter, part navigation lines, the table
of parts, the title, a table of contents, ``<a id>`` anchors, code fences,
lone ``<*>`` marks, footnotes and notes.  Joining the provisions' ``text`` in
``order`` gives back the words of the body; inside lines, ``<*>`` marks, ``<a
id>`` anchors and ``P090603``-style markers are not words of the body.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from kg.model import KINDS, EditionMeta
from kg.structure import REMOVED_KINDS, parse_edition, segment_files

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "parser"
META = EditionMeta(act_id="law-test", date="2020-01-01")

# --- checks shared with test_parse_real.py --------------------------------------------

_WORD_RE = re.compile(r"\w+")
_INLINE_JUNK_RE = re.compile(r'<a\s+(?:id|name)="[^"]*"\s*>\s*</a>|<\*>|(?<!\w)[PР]\d{6,8}(?!\w)')
FOOTNOTE_WORD_RE = re.compile(r"(?<!\w)[СC][нH][оo][сc]{1,2}[кk][аa]", re.IGNORECASE)
_TOC_LINE_RE = re.compile(r"^\s*(?:#+\s*)?(Раздел|Глава|Статья|Параграф)\s+([\dIVXLІХ]+(?:\s*-\s*\d+)*)")
_HEADING_IN_TEXT_RE = re.compile(r"^(?:Статья|Глава|Раздел)\s+[\dIVXІХ]+(?:-\d+)*\s*(?:\.|$)")
_TOC_KIND = {"Раздел": "section", "Глава": "chapter", "Статья": "article", "Параграф": "paragraph"}


def words(text: str) -> list[str]:
    return _WORD_RE.findall(_INLINE_JUNK_RE.sub(" ", text))


def md_texts(files) -> dict[str, list[str]]:
    """The .md files decoded independently of the parser (UTF-8, BOM dropped)."""
    return {rel: data.decode("utf-8-sig").replace("\r\n", "\n").split("\n")
            for rel, data in files.items() if rel.endswith(".md")}


def _strip(raw: str) -> str:
    return re.sub(r"^[\s>#*]+", "", raw).replace("\\", "")


def check_layers(files, segments, edition) -> list[str]:
    """Every non-blank line is in exactly one segment, and each removed segment
    is what its kind says (checked with regexes independent of the parser)."""
    errors: list[str] = []
    texts = md_texts(files)
    seen: dict[str, Counter] = defaultdict(Counter)
    for seg in segments:
        src = texts[seg.file]
        for k, raw in enumerate(seg.lines):
            if src[seg.line - 1 + k] != raw:
                errors.append(f"{seg.file}:{seg.line + k}: segment line differs from the file")
            if raw.strip():
                seen[seg.file][seg.line + k] += 1
    for rel, lines in texts.items():
        for i, line in enumerate(lines, 1):
            if line.strip() and seen[rel][i] != 1:
                errors.append(f"{rel}:{i}: line in {seen[rel][i]} segments: {line[:60]!r}")
    provisions = {(p.kind, p.num) for p in edition.provisions}
    titles = [s for s in segments if s.kind == "title"]
    if len(titles) > 1:
        errors.append("more than one title")
    for seg in segments:
        where = f"{seg.file}:{seg.line}: {seg.kind}"
        nonblank = [l for l in seg.lines if l.strip()]
        if seg.kind == "front_matter":
            if texts[seg.file][0].strip() != "---" or seg.line != 1:
                errors.append(f"{where} not at the top of the file")
        elif seg.kind == "nav":
            if not all(l.strip().startswith("↑") for l in nonblank):
                errors.append(f"{where} is not a navigation line")
        elif seg.kind == "parts_table":
            if "Части документа" not in nonblank[0] or \
                    not all(l.strip().startswith("|") or not re.search(r"\d", l) for l in nonblank[1:]):
                errors.append(f"{where} is not a table of parts")
        elif seg.kind == "title":
            if not re.match(r"^#\s+\S", seg.lines[0]) or seg.file != "rus.md":
                errors.append(f"{where} is not a level-1 heading of rus.md")
        elif seg.kind == "toc":
            for l in nonblank:
                m = _TOC_LINE_RE.match(l)
                key = m and (_TOC_KIND[m.group(1)], re.sub(r"\s+", "", m.group(2)).replace("Х", "X").replace("І", "I"))
                if not m or key not in provisions:
                    errors.append(f"{where}: {l[:60]!r} is not a heading found again in the body")
        elif seg.kind == "anchor":
            if not all(re.fullmatch(r'\s*<a id="[^"]*"></a>\s*', l) for l in nonblank):
                errors.append(f"{where} is not an anchor")
        elif seg.kind == "fence":
            if not all(l.strip().startswith("```") for l in nonblank):
                errors.append(f"{where} is not a code fence")
        elif seg.kind == "marker":
            if not all(l.strip() == "<*>" for l in nonblank):
                errors.append(f"{where} is not a <*> mark")
        elif seg.kind == "footnote":
            if not FOOTNOTE_WORD_RE.match(_strip(nonblank[0]).lstrip("<*> ")) or \
                    any(FOOTNOTE_WORD_RE.search(l) for l in nonblank[1:]):
                errors.append(f"{where} does not hold exactly one «Сноска» at its start")
        elif seg.kind == "note":
            if not _strip(nonblank[0]).startswith("Примечание") or any(FOOTNOTE_WORD_RE.search(l) for l in nonblank):
                errors.append(f"{where} is not one «Примечание» block")
        elif seg.kind != "body":
            errors.append(f"{where}: unknown kind")
        elif seg.kind not in REMOVED_KINDS and FOOTNOTE_WORD_RE.search(seg.lines[0]):
            errors.append(f"{where}: «Сноска» left in the body")
    return errors


def check_body(segments, edition) -> list[str]:
    """The provisions' texts, joined in order, hold exactly the words of the body."""
    body = [w for s in segments if s.kind == "body" for l in s.lines for w in words(l)]
    got = [w for p in sorted(edition.provisions, key=lambda p: p.order) for w in words(p.text)]
    if body == got:
        return []
    i = next((k for k, (a, b) in enumerate(zip(body, got)) if a != b), min(len(body), len(got)))
    return [f"body and provisions differ at word {i}: body {body[i:i + 8]} vs provisions {got[i:i + 8]} "
            f"({len(body)} vs {len(got)} words)"]


def check_tree(edition) -> list[str]:
    """eids unique and ASCII, parents before children, kinds known, no heading left inside a text."""
    errors = []
    seen: set[str] = set()
    for p in sorted(edition.provisions, key=lambda p: p.order):
        if p.eid in seen:
            errors.append(f"duplicate eid {p.eid}")
        if not re.fullmatch(r"[a-z]+_?[A-Za-z0-9-]*(?:__\d+)?(?:/[a-z]+_[A-Za-z0-9-]+(?:__\d+)?)*", p.eid):
            errors.append(f"bad eid {p.eid!r}")
        if p.parent is not None and p.parent not in seen:
            errors.append(f"{p.eid}: parent {p.parent} not before it")
        if p.kind not in KINDS + ("annex",):
            errors.append(f"{p.eid}: unknown kind {p.kind}")
        for line in p.text.split("\n")[1:]:
            if _HEADING_IN_TEXT_RE.match(line):
                errors.append(f"{p.eid}: a heading inside the text: {line[:50]!r}")
        seen.add(p.eid)
    targets = seen | {""}
    for a in edition.amendments:
        if a.target not in targets:
            errors.append(f"footnote {a.file}:{a.line} targets unknown {a.target}")
    for n in edition.notes:
        if n.target not in targets:
            errors.append(f"note {n.file}:{n.line} targets unknown {n.target}")
    return errors


# --- fixtures ----------------------------------------------------------------------------

def load(name: str) -> dict[str, bytes]:
    path = FIXTURES / name
    if path.is_dir():
        return {str(f.relative_to(path)): f.read_bytes() for f in sorted(path.rglob("*.md"))}
    return {"rus.md": path.read_bytes()}


def parse(name: str):
    return parse_edition(META, load(name))


def eids(ed, kind=None):
    return [p.eid for p in ed.provisions if kind is None or p.kind == kind]


ALL_FIXTURES = ["plain_toc.md", "markdown.md", "bold.md", "code_blocks.md", "decree.md", "regulation.md", "split",
                "bad/truncated.md", "bad/duplicate.md", "bad/broken_front_matter.md"]


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_fixture_layers_body_and_tree(name):
    files = load(name)
    segments, _, _, _ = segment_files(files)
    ed = parse_edition(META, files)
    assert check_layers(files, segments, ed) == []
    assert check_body(segments, ed) == []
    assert check_tree(ed) == []
    raw = "".join(b.decode() for b in files.values())
    assert len(ed.amendments) == len(FOOTNOTE_WORD_RE.findall(raw))


def test_check_body_fails_when_a_line_is_lost():
    files = load("plain_toc.md")
    segments, _, _, _ = segment_files(files)
    ed = parse_edition(META, files)
    from dataclasses import replace
    cut = replace(ed, provisions=ed.provisions[:-1])
    assert check_body(segments, cut) != []


def test_plain_toc_is_not_body():
    ed = parse("plain_toc.md")
    assert ed.title == "О примерном законе"
    assert [p.num for p in ed.by_kind("article")] == ["1", "2", "2-1", "3", "4", "5"]
    assert [p.num for p in ed.by_kind("chapter")] == ["1", "2"]
    art4 = ed.get("art_4")
    assert art4.heading == "Порядок работы"            # «Статья 4 .» with a stray space
    assert ed.get("art_5").status == "excluded"
    assert ed.get("art_1/sub_2").text == "2) маслихат - орган;"      # P090603 removed
    assert "<*>" not in art4.text


def test_plain_toc_footnotes_and_note_targets():
    ed = parse("plain_toc.md")
    assert [(a.target, a.line) for a in ed.amendments] == [("", 17), ("preamble", 21)]
    [note] = ed.notes
    assert note.target == "art_2-1" and note.line == 45
    assert note.text.splitlines()[1].startswith("В статью 2-1 предусмотрено изменение")
    assert "предусмотрено" not in ed.get("art_2-1").text


def test_markdown_headings_sections_and_toc():
    ed = parse("markdown.md")
    assert eids(ed, "section") == ["sec_1", "sec_9"]
    sec1, sec9 = ed.by_kind("section")
    assert sec1.heading == "Общие положения"                   # «## Раздел I.» + «## Общие положения»
    assert (sec9.num, sec9.heading) == ("IX", "Заключительные положения")   # Cyrillic Х
    assert ed.get("preamble").text == "Мы, народ примера,\n\nпринимаем настоящую Конституцию."
    assert [p.num for p in ed.by_kind("article")] == ["1", "2", "83-1", "84", "85"]


def test_markdown_points_subpoints_and_escapes():
    ed = parse("markdown.md")
    assert eids(ed, "point") == ["art_1/point_1", "art_1/point_2", "art_83-1/point_1", "art_83-1/point_6"]
    assert ed.get("art_83-1/point_6").text == "6. Полномочия прекращаются досрочно."
    # subpoints of an article without points; the note's new wording «*2) ...*» is not one
    assert eids(ed, "subpoint") == ["art_2/sub_1", "art_2/sub_2", "art_2/sub_3"]
    assert ed.get("art_2/sub_2").text == "2) назначает выборы;"


def test_markdown_excluded_article_with_broken_heading():
    ed = parse("markdown.md")
    art84 = ed.get("art_84")
    assert art84.status == "excluded"
    assert art84.text.endswith("254 (вводится в действие со дня его официального опубликования).")
    assert ed.get("art_254") is None


def test_markdown_footnotes_and_notes():
    ed = parse("markdown.md")
    assert [(a.target, a.action) for a in ed.amendments] == [
        ("art_1", "reference"), ("art_2", "amended"), ("art_83-1", "supplemented"), ("art_85", "new_wording")]
    assert [r.key for r in ed.amendments[1].acts] == ["law|1998-10-07|284", "law|2007-05-21|254"]
    [note] = ed.notes
    assert note.target == "art_2/sub_2"
    assert note.text.endswith("2) назначает очередные выборы в Парламент;")


def test_bold_headings_front_matter_and_act_footnote():
    ed = parse("bold.md")
    assert ed.title == "ПРИМЕРНАЯ КОНСТИТУЦИЯ"
    assert [p.num for p in ed.by_kind("article")] == ["1", "89", "90"]
    [fn] = ed.amendments
    assert (fn.target, fn.action, fn.line) == ("", "entry_into_force", 8)
    assert "act_code" not in " ".join(p.text for p in ed.provisions)
    assert ed.get("art_89/point_2").text == "2. Аким избирается.\n\nПорядок определяется законом."
    assert [n.target for n in ed.notes] == ["art_89"]


def test_quoted_text_holds_no_points():
    ed = parse("bold.md")
    assert eids(ed, "point")[-2:] == ["art_90/point_1", "art_90/point_2"]
    assert "2. второе.»" in ed.get("art_90/point_1").text


def test_code_blocks_roman_sections_and_subdivisions():
    ed = parse("code_blocks.md")
    assert ed.title == "О примерных органах"                 # Latin p folded in the title
    assert eids(ed, "section") == ["sec_1", "sec_2"]
    assert ed.get("sec_2").heading == "Структура органов и их основы"
    assert eids(ed, "chapter") == ["sec_2/chp_1", "sec_2/chp_2"]
    assert ed.get("sec_2/chp_2").heading == "Структура администрации местного уровня"
    art3 = ed.get("art_3")                                   # a heading inside a code block
    assert (art3.heading, art3.parent) == ("Акты собрания депутатов", "sec_2/chp_1")
    assert [p.num for p in ed.by_kind("article")] == ["1", "2", "3", "4"]
    assert eids(ed, "point") == ["art_4/point_1", "art_4/point_2"]
    # «Глава администрации назначается ...» is a sentence, not a chapter
    assert "Глава администрации" in ed.get("art_4/point_2").text


def test_code_block_footnote_over_several_lines():
    ed = parse("code_blocks.md")
    first = ed.amendments[0]
    assert (first.target, first.action, first.line) == ("art_1", "supplemented", 19)
    assert first.acts[0].key == "decree|1996-01-26|2824"
    assert "Структура органов" not in first.text
    assert ed.amendments[1].acts[0].type == "decree"


def test_decree_points_and_attached_rules():
    ed = parse("decree.md")
    assert eids(ed)[:8] == ["preamble", "point_1", "point_2", "point_2/sub_1", "point_2/sub_2", "point_3",
                            "point_4", "annex_1"]
    assert "«2. Акимы освобождаются от должности.»." in ed.get("point_3").text
    annex = ed.get("annex_1")
    assert (annex.kind, annex.heading) == ("annex", "ПРАВИЛА избрания акимов")
    assert annex.text.startswith("УТВЕРЖДЕНЫ\nУказом Президента")
    assert eids(ed, "chapter") == ["annex_1/chp_1", "annex_1/chp_2"]
    assert ed.get("annex_1/point_1").parent == "annex_1"
    assert ed.get("annex_1/point_3").parent == "annex_1/chp_1"
    assert eids(ed, "subpoint")[-2:] == ["annex_1/point_4/sub_1", "annex_1/point_4/sub_2"]


def test_regulation_chapters_paragraphs_and_footnote_targets():
    ed = parse("regulation.md")
    assert eids(ed, "chapter") == ["annex_1/chp_1", "annex_1/chp_2", "annex_1/chp_3"]
    assert eids(ed, "paragraph") == ["annex_1/chp_2/par_1", "annex_1/chp_2/par_2"]
    assert ed.get("annex_1").heading == "Примерный регламент маслихата"
    assert [a.target for a in ed.amendments] == ["annex_1", "annex_1/chp_2/par_2"]
    assert ed.get("annex_1/point_3/sub_2").parent == "annex_1/point_3"


def test_split_act_reads_parts_in_table_order():
    ed = parse("split")
    files = [p.file for p in ed.provisions]
    order = list(dict.fromkeys(files))
    assert order == ["rus.md", "rus/ch001.md", "rus/ch002.md", "rus/ch002-part003.md", "rus/ch002-1.md"]
    assert [p.num for p in ed.by_kind("article")] == ["1", "2", "3", "5", "6", "6-1"]
    assert ed.get("art_5").parent == "chp_2"          # a part that starts with an article


def test_split_act_missing_part_is_reported_not_fatal():
    ed = parse("split")
    assert ed.missing_parts == ("rus/ch009.md",)
    [p] = [p for p in ed.problems if "ch009" in p.message]
    assert (p.file, p.line, p.severity) == ("rus.md", 30, "warning")
    assert ed.provisions


def test_split_act_footnotes():
    ed = parse("split")
    assert [(a.target, a.file, a.line) for a in ed.amendments] == [
        ("", "rus.md", 7), ("", "rus.md", 9), ("art_3", "rus/ch002.md", 13),
        ("art_5/point_1", "rus/ch002-part003.md", 5), ("chp_2-1", "rus/ch002-1.md", 3)]
    whole_text = ed.amendments[1]
    assert [r.number for r in whole_text.acts] == ["116", "255"]      # one footnote, two paragraphs
    assert ed.get("art_3").status == "excluded"                       # only a heading and «исключена»


# --- bad input ---------------------------------------------------------------------------

def test_empty_file():
    ed = parse_edition(META, {"rus.md": b""})
    assert ed.provisions == ()
    assert [(p.file, p.severity) for p in ed.problems] == [("rus.md", "error")]
    assert "empty" in ed.problems[0].message


def test_binary_file_is_skipped_with_an_error():
    ed = parse_edition(META, {"rus.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300)})
    assert ed.provisions == ()
    assert ed.problems[0].severity == "error" and ed.problems[0].file == "rus.md"


def test_binary_part_does_not_spoil_the_rest():
    files = load("split")
    files["rus/ch001.md"] = bytes(range(256)) * 4
    ed = parse_edition(META, files)
    assert ed.get("art_2") is not None and ed.get("art_1") is None
    assert any(p.file == "rus/ch001.md" and p.severity == "error" for p in ed.problems)


def test_cp1251_file_parses_with_a_warning():
    text = (FIXTURES / "plain_toc.md").read_text(encoding="utf-8")
    ed = parse_edition(META, {"rus.md": text.encode("cp1251")})
    assert [p.num for p in ed.by_kind("article")] == ["1", "2", "2-1", "3", "4", "5"]
    assert any("cp1251" in p.message and p.file == "rus.md" for p in ed.problems)


def test_truncated_file_is_reported():
    ed = parse("bad/truncated.md")
    [p] = ed.problems
    assert (p.file, p.line) == ("rus.md", 9) and "truncated" in p.message
    assert ed.get("art_2/point_1") is not None


def test_truncated_after_a_heading_is_reported():
    ed = parse_edition(META, {"rus.md": "# Закон\n\n### Статья 1. Первая\n\nТекст.\n\n### Статья 2. Вторая\n".encode()})
    assert any(p.line == 7 and "truncated" in p.message for p in ed.problems)


def test_duplicate_article_numbers_are_disambiguated():
    ed = parse("bad/duplicate.md")
    assert eids(ed, "article") == ["art_5", "art_5__2"]
    [p] = ed.problems
    assert (p.file, p.line) == ("rus.md", 7) and "duplicate article 5" in p.message


def test_broken_front_matter_is_reported_and_skipped():
    ed = parse("bad/broken_front_matter.md")
    [p] = ed.problems
    assert p.file == "rus.md" and 2 <= p.line <= 4 and "front matter" in p.message
    assert ed.title == "О законе со сломанными метаданными"
    assert eids(ed) == ["art_1"]


def test_unclosed_code_block_is_reported():
    ed = parse_edition(META, {"rus.md": "# Закон\n\n## Статья 1. Первая\n\n```\nСтатья 2. Вторая\nТекст.\n".encode()})
    assert [p.num for p in ed.by_kind("article")] == ["1", "2"]
    assert any(p.line == 5 and "code block" in p.message for p in ed.problems)


@pytest.mark.parametrize("text", [
    "", "\n\n\n", "#", "---", "---\n---", "Сноска.", "> *Сноска.*\n\n> *слова*", "Примечание РЦПИ!",
    "```", "1.", "1)", "Статья", "Статья 1", "**", "«", "## Раздел", "> *УТВЕРЖДЕНЫ*", "<a id=\"x\"></a>",
    "| Часть |\n## Части документа\n|---|", "Глава 1.\nГлава 2.\nГлава 1.\nГлава 2.",
])
def test_never_raises(text):
    ed = parse_edition(META, {"rus.md": text.encode(), "meta.yaml": b"\x00\x01"})
    assert ed.meta == META
    segments, _, _, _ = segment_files({"rus.md": text.encode()})
    assert check_body(segments, ed) == []


def test_footnote_word_inside_a_line_is_reported():
    ed = parse_edition(META, {"rus.md": "# Закон\n\n### Статья 1\n\nТекст статьи; Сноска. Статья 1 с изменениями.\n".encode()})
    assert ed.amendments == ()
    assert any(p.line == 5 and "Сноска" in p.message for p in ed.problems)


def test_part_not_in_the_table_is_read_last_with_a_warning():
    files = load("split")
    files["rus/annex.md"] = "## Статья 99. Дополнительная\n\nТекст.\n".encode()
    ed = parse_edition(META, files)
    assert ed.by_kind("article")[-1].eid == "art_99"
    assert any(p.file == "rus/annex.md" and "not listed" in p.message for p in ed.problems)
