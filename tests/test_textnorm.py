"""Decoding and normalisation of raw legal texts (kg.textnorm)."""
from __future__ import annotations

import pytest

from kg.textnorm import (clean_line, decode, fold_lookalikes, looks_binary, match_key, normalize_act_number,
                         normalize_number, normalize_roman, roman_to_int, strip_markers, unescape_markdown)


def test_utf8_with_and_without_bom_decodes_the_same():
    text = "Статья 1. Понятия\r\nТекст.\r\n"
    plain = decode(text.encode("utf-8"), "rus.md")
    bom = decode(b"\xef\xbb\xbf" + text.encode("utf-8"), "rus.md")
    assert plain.text == bom.text == "Статья 1. Понятия\nТекст.\n"
    assert plain.problems == () and bom.problems == ()


def test_cp1251_is_decoded_with_a_warning_naming_the_line():
    data = "# Закон\nСтатья 1. Понятия\n".encode("cp1251")
    dec = decode(data, "rus/ch001.md")
    assert dec.text == "# Закон\nСтатья 1. Понятия\n"
    assert dec.encoding == "cp1251"
    [p] = dec.problems
    assert (p.file, p.line, p.severity) == ("rus/ch001.md", 1, "warning")
    assert "cp1251" in p.message


def test_binary_content_is_an_error_and_no_text():
    dec = decode(b"PK\x03\x04\x00\x00\x08\x00" + bytes(range(256)), "rus.md")
    assert dec.text is None
    assert dec.problems[0].severity == "error"
    assert looks_binary(b"\x00abc") and not looks_binary("Текст".encode())


def test_junk_characters_are_removed_and_reported():
    dec = decode("Статья\x07 1.\ufffd Текст\n".encode(), "rus.md")
    assert dec.text == "Статья 1. Текст\n"
    assert "junk" in dec.problems[0].message


def test_lookalike_latin_letters_inside_russian_words():
    # Latin p, c, a inside Russian words, as in the 1993 titles
    assert fold_lookalikes("О вpеменном делегиpовании") == "О временном делегировании"
    assert fold_lookalikes("Cтатья 5") == "Статья 5"
    # Latin words and numerals are left alone
    assert fold_lookalikes("Раздел IV, N 254-III") == "Раздел IV, N 254-III"
    # a Roman numeral with a Cyrillic Х becomes Latin
    assert fold_lookalikes("Раздел IХ") == "Раздел IX"


def test_numbers_and_roman_numerals():
    assert normalize_number("2-1 ") == "2-1"
    assert normalize_number("83 - 1") == "83-1"
    assert normalize_number("1О") == "10"          # Cyrillic О
    assert normalize_roman("ХІІ") == "XII"         # Cyrillic Х and І
    assert roman_to_int("IХ") == 9
    assert roman_to_int("XIV") == 14
    assert roman_to_int("Общие") is None
    assert normalize_act_number("157-VІI") == "157-VII"
    assert normalize_act_number("8-НП") == "8-НП"


@pytest.mark.parametrize("raw, clean", [
    ("### Статья 2-1. Основы", "Статья 2-1. Основы"),
    ("**Статья 89**", "Статья 89"),
    (r"   1\) его выезде;", "1) его выезде;"),
    (r"6\. Настоящий Указ вводится в действие.", "6. Настоящий Указ вводится в действие."),
    ("   > *Сноска. Статья 2 с изменениями.*", "Сноска. Статья 2 с изменениями."),
    ("> *Мы, народ,*  ", "Мы, народ,"),
    ("обеспечивает ее исполнение; P090603", "обеспечивает ее исполнение;"),
    ("определяются законом . <*>", "определяются законом ."),
    ("**Примечание. См. постановление.*", "Примечание. См. постановление."),
])
def test_clean_line_removes_markup_but_keeps_words(raw, clean):
    assert clean_line(raw) == clean


def test_clean_line_keeps_lookalikes_but_match_key_folds_them():
    raw = "### Статья 1. О досpочном пpекpащении"      # Latin p
    assert "досpочном" in clean_line(raw)
    assert match_key(raw) == "Статья 1. О досрочном прекращении"


def test_escapes_and_markers():
    assert unescape_markdown(r"1\) 2\. 3\*") == "1) 2. 3*"
    assert strip_markers("текст P090603 дальше") == "текст дальше"
    assert strip_markers("Пункт P123") == "Пункт P123"      # not a database marker
