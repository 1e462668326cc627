"""The explorer's helpers that hold no Streamlit code: citations, diffs, uploads, V-Dem coding, figures."""
from __future__ import annotations

import builtins
import io
import os

import pytest

from explorer import charts, diff, upload, vdem
from kg.citation import citation, units
from kg.model import Act

CONST = Act(id="constitution-1995", code="1", type="constitution", title="Конституция Республики Казахстан",
            citation_genitive="Конституции Республики Казахстан 1995 года")

# A small charter written for these tests, in the layout of the corpus (Markdown headings, points, subpoints).
CHARTER = """# Положение о собрании местного сообщества села Пример

## Глава 1. Общие положения

### Статья 1. Собрание

1. Собрание местного сообщества созывается акимом села не реже одного раза в квартал.

2. В собрании участвуют представители сходов улиц и микрорайонов.

### Статья 2. Полномочия собрания

1. Собрание рассматривает:

   1) проект бюджета села;

   2) отчет акима о расходовании средств.
"""


# ----------------------------------------------------------------------------- citations

@pytest.mark.parametrize("eid, date, expected", [
    ("art_87/point_4", "2022-09-17", "п. 4 ст. 87 Конституции Республики Казахстан 1995 года (ред. от 17.09.2022)"),
    ("art_33/point_1/sub_2", "2023-12-23", "подп. 2 п. 1 ст. 33 Конституции Республики Казахстан 1995 года (ред. от 23.12.2023)"),
    ("art_83-1", None, "ст. 83-1 Конституции Республики Казахстан 1995 года"),
])
def test_citation_of_a_provision(eid, date, expected):
    assert citation(CONST, eid, date) == expected


def test_citation_units_of_chapters_and_paragraphs():
    assert units("chp_6/par_4") == "§ 4 гл. 6"
    assert units("annex_1/point_7") == "п. 7 прил. 1"


def test_citation_without_genitive_names_the_document():
    own = Act(id="upload-x", code=None, type="other", title="Положение о собрании", short_title="Положение")
    assert citation(own, "art_2/point_1", "2026-01-05") == "п. 1 ст. 2 документа «Положение» (ред. от 05.01.2026)"


# ----------------------------------------------------------------------------- diff

def test_diff_marks_changed_words_only():
    old = "4. Акимы областей назначаются Президентом по представлению Премьер-Министра.\n\n5. Прочее."
    new = "4. Акимы областей назначаются Президентом с согласия маслихатов.\n\n5. Прочее.\n\n6. Новый пункт."
    rows = diff.compare(old, new)
    assert [r.tag for r in rows] == ["replace", "equal", "insert"]
    assert "<del>по представлению Премьер-Министра</del>" in rows[0].left
    assert "<ins>с согласия маслихатов</ins>" in rows[0].right
    assert "назначаются Президентом" in rows[0].left and "<del>назначаются" not in rows[0].left
    assert diff.summary(rows) == {"equal": 1, "replace": 1, "delete": 0, "insert": 1}


def test_diff_escapes_html_of_the_texts():
    rows = diff.compare("a <script>x</script>", "a <b>y</b>")
    html_text = diff.to_html(rows, "слева", "справа")
    assert "<script>" not in html_text and "</b>y" not in html_text and "&lt;" in html_text


def test_diff_of_identical_texts_has_no_marks():
    rows = diff.compare("1. Текст.\n\n2. Ещё.", "1. Текст.\n\n2. Ещё.")
    assert {r.tag for r in rows} == {"equal"}
    assert "<del>" not in diff.to_html(rows, "a", "b")


# ----------------------------------------------------------------------------- uploads

def _docx_bytes() -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("Устав села Пример", level=1)
    d.add_paragraph("Статья 1. Сход")
    d.add_paragraph("1. Сход жителей села созывается акимом села.")
    d.add_paragraph("2. Решения схода принимаются большинством голосов.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.fixture
def no_writes(monkeypatch):
    """Fail on any attempt to open a file for writing while the block runs."""
    real_open, real_os_open = builtins.open, os.open

    def guarded_open(file, mode="r", *args, **kwargs):
        if any(c in mode for c in "wax+"):
            raise AssertionError(f"an upload touched the file system: open({file!r}, {mode!r})")
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise AssertionError(f"an upload touched the file system: os.open({path!r})")
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)


def test_upload_markdown_becomes_a_structured_act(no_writes):
    up = upload.parse_upload("положение.md", CHARTER.encode("utf-8"), date="2026-01-05")
    assert up.act.id.startswith(upload.UPLOAD_PREFIX) and up.act.type == "other"
    assert up.act.title == "Положение о собрании местного сообщества села Пример"
    eids = [p.eid for p in up.edition.provisions]
    assert {"art_1", "art_1/point_1", "art_2/point_1/sub_2"} <= set(eids)
    assert up.edition.date == "2026-01-05"


def test_upload_docx_and_cp1251_text(no_writes):
    up = upload.parse_upload("устав.docx", _docx_bytes())
    assert "art_1/point_2" in {p.eid for p in up.edition.provisions}
    txt = "Статья 1. Сход\n\n1. Сход созывается акимом.".encode("cp1251")
    assert upload.parse_upload("устав.txt", txt).edition.get("art_1/point_1") is not None


@pytest.mark.parametrize("name, data, message", [
    ("virus.exe", b"MZ", "неподдерживаемый тип"),
    ("big.txt", b"a" * (upload.MAX_BYTES + 1), "слишком велик"),
    ("empty.md", b"  \n\n ", "нет текста"),
    ("broken.docx", b"not a zip", "не похож на документ DOCX"),
])
def test_upload_refuses_bad_files(name, data, message):
    with pytest.raises(upload.UploadError, match=message):
        upload.parse_upload(name, data)


def test_upload_index_finds_word_forms(no_writes):
    up = upload.parse_upload("положение.md", CHARTER.encode("utf-8"))
    hits = upload.UploadIndex([up]).search("созыв собраний")
    assert hits and hits[0]["act"] == up.act.id
    assert hits[0]["path"].startswith("Статья 1")
    assert "<b>" in hits[0]["snippet"]
    assert upload.UploadIndex([up]).search("бюджет")[0]["eid"].startswith("art_2")


# ----------------------------------------------------------------------------- V-Dem

def _answer(**selection):
    return {"levels": [{"level": lv, "selection": sel, "selector": "x", "basis": [], "variants": [],
                        "sources": ["S"]} for lv, sel in selection.items()]}


def test_vdem_rows_code_each_level_on_its_variable():
    rows = vdem.rows(lambda d: _answer(region="appointment", district="indirect_election",
                                       district_in_city="appointment", rural="direct_election"), ["2022-12-31"])
    by = {r["level"]: r for r in rows}
    assert by["region"]["variable"] == "v2elsrgel" and by["region"]["vdem_code"] == 2
    assert by["district"]["variable"] == "v2ellocelc" and by["district"]["vdem_code"] == 2
    assert by["district"]["vdem_code_indirect"] == 5
    assert by["rural"]["vdem_code"] == 3 and by["rural"]["assembly"] == "none"
    assert by["district_in_city"]["vdem_code"] == 0


def test_vdem_leaves_unknown_years_empty():
    rows = vdem.rows(lambda d: _answer(region="appointment", rural="unknown"), ["1992-12-31", "2000-12-31"])
    early = [r for r in rows if r["year"] == 1992]
    assert all(r["vdem_code"] == "" for r in early)          # the corpus says nothing of 1992 assemblies
    late = {r["level"]: r for r in rows if r["year"] == 2000}
    assert late["region"]["vdem_code"] == 2 and late["rural"]["vdem_code"] == ""
    text = vdem.to_csv(rows)
    assert text.splitlines()[0].startswith("country,year,date,level,variable")
    assert len(text.splitlines()) == 1 + len(rows)


# ----------------------------------------------------------------------------- figures

def test_modes_figure_has_one_trace_per_mode_and_variant_markers():
    rows = [{"level": "region", "start": "1995-08-30", "end": "2027-01-01", "selection": "appointment",
             "selector": "president", "variants": []},
            {"level": "rural", "start": "2013-04-24", "end": "2021-07-25", "selection": "indirect_election",
             "selector": "maslikhat_deputies", "variants": [{"selection": "direct_election", "since": "2020-01-01",
                                                             "scope": "пилот"}]}]
    fig = charts.modes_figure(rows, "2020-06-01")
    names = [t.name for t in fig.data]
    assert names[:2] == ["назначение", "избрание маслихатом (косвенные выборы)"]
    assert fig.data[-1].x == ("2020-01-01",) and fig.data[-1].marker.symbol == "diamond"
