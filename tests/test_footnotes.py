"""Footnotes and notes as records (kg.footnotes)."""
from __future__ import annotations

import pytest

from kg.footnotes import (count_footnotes, effective_phrase, footnote_action, is_footnote_start, is_note_start,
                          make_note, parse_act_refs, parse_date, parse_footnote)


@pytest.mark.parametrize("line", [
    "Сноска. Статья 2 с изменениями.",
    "Сноcка. Статья 2 с изменениями.",      # Latin c
    "Cноска. Статья 2 с изменениями.",      # Latin C
    "Сносска. Статья 2 с изменениями.",     # doubled letter
    "Сноска.Статья 75 с изменениями.",      # no space
    "СНОСКА. Статья 2.",
    "<*> Сноска. Статья 9 дополнена.",
])
def test_footnote_spellings_are_recognised(line):
    assert is_footnote_start(line)


def test_words_that_are_not_footnotes():
    assert not is_footnote_start("Сноски к статье нет.")
    assert not is_footnote_start("Статья 2. Сноска")
    assert is_note_start("Примечание РЦПИ!") and is_note_start("Примечание. См. ...")
    assert not is_note_start("Примечания к таблице")


def test_count_footnotes_counts_every_spelling():
    assert count_footnotes("> *Сноска. a*\n\nСноcка. b\n\n*Cноска. c*") == 3


@pytest.mark.parametrize("text, action", [
    ("Сноска. Статья 16 исключена Законом РК от 21.07.2011 № 465-IV (вводится в действие ...).", "excluded"),
    ("Сноска. Подпункт 4) исключен с 01.01.2018 для городов районного значения.", "excluded"),
    ("Сноска. Статья 1 в редакции Закона РК от 09.02.2009 № 126; с изменениями, внесенными законом "
     "РК от 13.06.2013 № 101-V.", "new_wording"),
    ("Сноска. Закон дополнен главой 3-1 в соответствии с Законом РК от 09.02.2009 N 126.", "supplemented"),
    ("Сноска. Статья 42 с изменениями, внесенными Законами РК от 7 октября 1998 г. N 284.", "amended"),
    ("Сноска. В статью 33 внесены изменения - Законом РК от 7 октября 1998 г. N 284.", "amended"),
    ("Сноска. По всему тексту, за исключением главы 14, слова \"членов\" заменены словами \"членов иных\".",
     "amended"),
    ("Сноска. См. постановление Конституционного Совета РК от 12 апреля 2001 г. N 1/2.", "reference"),
    ("Сноска. См. постановление Конституционного Совета РК от 23 апреля 2003 г. N 4 . Статья 2 с "
     "изменениями, внесенными Законом РК от 21 мая 2007 г. N 254.", "amended"),
    ("Сноска. Вступает в силу с 01.07.2026 в соответствии с пунктом 1 статьи 94.", "entry_into_force"),
    ("Сноска. Пункт 1 вводится в действие с 01.01.2018 для городов районного значения.", "entry_into_force"),
    ("Сноска. В дальнейшем собрание.", "other"),
])
def test_footnote_action(text, action):
    assert footnote_action(text) == action


def test_dates_in_both_styles():
    assert parse_date("от 7 октября 1998 г.") == "1998-10-07"
    assert parse_date("от 5 июля 2000г.") == "2000-07-05"
    assert parse_date("от 21.05.2007") == "2007-05-21"
    assert parse_date("от 24.01.96 N 2797") == "1996-01-24"
    assert parse_date("от 31.02.x") is None


def test_act_refs_types_dates_numbers():
    refs = parse_act_refs("Сноска. Статья 118 с изменениями, внесенными Конституционными законами РК от "
                          "28.09.1995 № 2464 (порядок введения в действие см. статью 133); от 08.05.1998 "
                          "№ 222-I; от 14.04.2004 № 545-ІІ.")
    assert [r.type for r in refs] == ["constitutional_law"] * 3
    assert [r.date for r in refs] == ["1995-09-28", "1998-05-08", "2004-04-14"]
    assert [r.number for r in refs] == ["2464", "222-I", "545-II"]       # Cyrillic ІІ normalised
    assert refs[0].raw.startswith("Конституционными законами РК от 28.09.1995")


def test_act_refs_decree_with_force_of_law_is_a_decree():
    [ref] = parse_act_refs("Сноска. Статья 39 - с изменениями, внесенными Указом Президента Республики "
                           "Казахстан, имеющим силу Закона от 5 октября 1995 г. N 2488.")
    assert (ref.type, ref.date, ref.number) == ("decree", "1995-10-05", "2488")


def test_act_refs_mixed_list():
    refs = parse_act_refs("Сноска. См. постановление Конституционного Совета РК от 30 января 2003 г. N 10 . "
                          "Статья 71 с изменениями, внесенными Законом РК от 21 мая 2007 г. N 254 (вводится в "
                          "действие со дня его официального опубликования).")
    assert [(r.type, r.number) for r in refs] == [("resolution", "10"), ("law", "254")]


def test_act_refs_list_continuation_and_missing_number():
    refs = parse_act_refs("законами РК от 21.05.2007 № 254-III (вводится в действие со дня его официального "
                          "опубликования); от 08.06.2022 (вводится в действие с 08.06.2022)")
    assert [r.key for r in refs] == ["law|2007-05-21|254-III", "law|2022-06-08|"]


def test_effective_phrases():
    assert effective_phrase("Законом РК от 05.11.2022 № 157-VII (вводится в действие с 01.01.2023).") \
        == "вводится в действие с 01.01.2023"
    two = effective_phrase("от 21.05.2007 № 254 (вводится в действие со дня его официального опубликования); "
                           "от 10.03.2017 № 51-VI (вводится в действие со дня его первого официального "
                           "опубликования)")
    assert two.split("; ") == ["вводится в действие со дня его официального опубликования",
                               "вводится в действие со дня его первого официального опубликования"]
    assert effective_phrase("Статья 2 с изменениями.") is None


def test_parse_footnote_keeps_the_whole_text_and_location():
    a = parse_footnote("Сноска. Статья 9 дополнена частью третьей - Указом Президента\n"
                       "РК, имеющим силу Закона, от 26 января 1996 г. N 2824.", "art_9", "rus.md", 106)
    assert (a.target, a.action, a.file, a.line) == ("art_9", "supplemented", "rus.md", 106)
    assert a.acts[0].key == "decree|1996-01-26|2824"
    assert "Указом Президента" in a.text and "2824" in a.text


def test_make_note():
    n = make_note("Примечание РЦПИ!\nВ статью 6 предусмотрено изменение.", "art_5", "rus.md", 299)
    assert (n.target, n.line) == ("art_5", 299)
    assert n.text.splitlines() == ["Примечание РЦПИ!", "В статью 6 предусмотрено изменение."]
