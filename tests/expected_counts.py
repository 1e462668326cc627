"""Counts a careful reader makes in each real edition (see comments for how).

These numbers were counted by hand-checked grep/awk runs and by reading the
suspicious places of each edition of the real corpus
(``../shared/corpus/kazakhstan-law-codes.bundle``), independently of any parser
code.  An edition is the set of files of one act folder at the commit that
changed it; a split act is ``rus.md`` plus ``rus/*.md``.

What is counted (``EXPECTED``):

- ``articles``: article headings («Статья N», «Статья N-M») in the body,
  whatever their markup (``##``/``###`` headings, ``**bold**`` lines, plain
  lines, lines inside ``` code blocks), excluded articles included.  Not
  counted: table-of-contents entries, the table of parts in a split act's
  ``rus.md``, mentions inside sentences or footnotes («Статья 2 с
  изменениями...», «В соответствии со статьей 87...»), continuation lines of a
  heading broken over two lines.
- ``chapters``: «Глава N» headings in the body; also numbered-title headings
  that play the role of chapters where the act has no «Глава» word (decree
  rules ``## 1. Общие положения``; the numbered subdivisions of Law No. 4100).
  «Параграф» headings are not chapters.
- ``sections``: «Раздел» headings in the body, plus the Roman-numeral
  divisions of Law No. 4100 (``I. Общие положения`` ...), which are the same
  level without the word.
- ``footnotes``: every «Сноска» (blockquoted, italic, plain, bold, inside code
  blocks, «Сноска.Статья» without a space), each occurrence once, including
  those under the title/preamble in a split act's ``rus.md``.  A footnote that
  continues on following quoted lines («Сноска. По всему тексту Закона:» and
  its «слова ...» lines) is one footnote.  In this slice no misspelt form
  (Latin letters, «Сносска», ...) was found; every footnote contains «Сноска».
- ``notes``: every «Примечание» block («> *Примечание. ...*», bold or plain
  «Примечание. См. ...», «Примечание РЦПИ!» followed by its text), one per
  occurrence of the word; the quoted new wording that follows a note is part
  of that note.  Notes dated after the edition date (2023 edition of the
  Constitution carries notes of 2024-2026) are counted: they are in the text.

``SPOT_CHECKS[(act_id, date)]``:

- ``articles_present``: article numbers that must be found (as strings);
- ``articles_absent``: numbers that must NOT be found (missing parts, future
  or past articles);
- ``points``: number of top-level points of a named article.  Top-level points
  are the numbered paragraphs «1.», «2-1.», «3\\.» (escaped dot) of the article
  itself, excluded points («4. Исключен ...») included; sub-points «1)» are not
  points; numbered lines that belong to a note's quoted new wording or to a
  quoted amendment text (indented/italic) are not points; points inside code
  blocks are points;
- ``chapters_present``: chapter numbers (as strings) that must be found.
"""

EXPECTED = {
    # --- Constitution of 1995 -------------------------------------------------
    # 1995-08-29: rus.md (title, preamble, table of parts: NOT body) +
    # rus/sec001.md (Разделы I-VII, arts 1-84) + rus/sec008.md (VIII-IX, 85-98).
    # 98 articles = 96 «### Статья N.» headings + «Статья 35.» and «Статья 38.»
    # as plain lines inside ``` code blocks.  «### Статья 33» has no dot.
    # 9 «## Раздел» headings; «Раздел IХ» is written with a Cyrillic «Х».
    # No footnotes, no notes.
    ("constitution-1995", "1995-08-29"): {
        "articles": 98, "chapters": 0, "sections": 9, "footnotes": 0, "notes": 0,
    },
    # 2007-05-21: single rus.md.  Arts 1-98 plus 94-1 = 99; art. 84 has no
    # heading markup: its heading is the plain indented line «Статья 84
    # исключена Законом РК от 21 мая 2007 г. ...» (counted).  66 blockquoted
    # footnotes (one per line; «Статья N с изменениями» inside them are not
    # headings).  9 «## Раздел».
    ("constitution-1995", "2007-05-21"): {
        "articles": 99, "chapters": 0, "sections": 9, "footnotes": 66, "notes": 0,
    },
    # 2011-02-02: rus.md has 18 «## Раздел» lines: right after the preamble
    # come 9 empty consecutive headings «Раздел I» ... «Раздел IX» (a table of
    # contents rendered as headings, nothing between them), then the body
    # starts again at «## Раздел I. Общие положения».  Judgement: the 9 empty
    # ones are a table of contents, not body -> 9 sections.  Art. 84 heading is
    # broken in two: «### Статья 84 исключена Законом РК от 21 мая 2007 г. N»
    # + «### 254 (вводится в действие ...)» -> one article.  99 articles
    # (1-98 + 94-1), 66 footnotes.
    ("constitution-1995", "2011-02-02"): {
        "articles": 99, "chapters": 0, "sections": 9, "footnotes": 66, "notes": 0,
    },
    # 2022-09-17: single rus.md.  102 «### Статья N»: 1-99 plus 83-1, 94-1,
    # 94-2; «### Статья 84» is present with only a footnote saying it is
    # excluded (counted).  9 sections («## Раздел VI» is followed by a
    # separate «## Конституционный Суд» title line: one section).  61
    # footnotes (one is «Сноска.Статья 75 ...» without a space).  36
    # «> *Примечание. ...*» notes announcing the changes in force from
    # 2023-01-01 (their italic new wordings «*4. Закон, ...*» are not points).
    ("constitution-1995", "2022-09-17"): {
        "articles": 102, "chapters": 0, "sections": 9, "footnotes": 61, "notes": 36,
    },
    # 2023-01-01: rus.md (preamble + table of parts) + rus/sec001.md (Разделы
    # I-III) + rus/sec004.md (IV-IX): the whole text.  Same 102 articles and 9
    # sections as 2022.  62 footnotes (19 + 43).  96 notes (70 + 26): 90
    # «Примечание. См. нормативное постановление Конституционного Суда ...» as
    # plain, bold or blockquoted lines, dated 2023-2026, after the edition
    # date; 6 blockquoted «Примечание. В соответствии с Законом ... от
    # 08.06.2022» notes carried over from 2022.  Identical note texts under different
    # articles are separate notes.
    ("constitution-1995", "2023-01-01"): {
        "articles": 102, "chapters": 0, "sections": 9, "footnotes": 62, "notes": 96,
    },
    # --- Constitution of 2026 ------------------------------------------------
    # 2026-03-15: rus.md with YAML front matter (sec001/sec004 deleted in the
    # same commit).  96 bold «**Статья N**» headings, 1-96, no N-M.  11
    # sections (Раздел I-XI).  1 footnote right under the title (entry into
    # force 01.07.2026; counted).  5 plain «Примечание. См. ...» notes.
    ("constitution-2026", "2026-03-15"): {
        "articles": 96, "chapters": 0, "sections": 11, "footnotes": 1, "notes": 5,
    },
    # --- Law No. 148-II of 2001 ----------------------------------------------
    # 2011-03-24: old layout 03-laws/2001/0123-...-7966/rus.md.  Lines 1-107
    # are a plain table of contents (5 «Глава», 49 «Статья» lines, including
    # a merged line «Статья 39-2 . ... Статья 39-3 . ...» and «Статья 2-1 .»
    # with a stray space): NOT counted.  The body starts at «# О местном ...».
    # Body: 51 «### Статья» = 1-41 + 2-1, 21-1, 21-2, 24-1, 39-1..39-6 (24-1
    # is in the body but not in the table of contents; art. 40 is titled
    # «Местный бюджет» with a footnote saying it is excluded).  Chapters 1, 2,
    # 3, 3-1, 4.  39 footnotes, none in the table of contents.  1 note:
    # «Примечание РЦПИ!» in art. 35 (followed by «Пункт 1 предусмотрено
    # дополнить ...»).
    ("law-2001-148", "2011-03-24"): {
        "articles": 51, "chapters": 5, "sections": 0, "footnotes": 39, "notes": 1,
    },
    # 2014-11-07: same old layout; lines 1-117 are a plain table of contents
    # (6 «Глава», 53 «Статья» lines: not counted).  Body: 55 articles = the 51 of 2011 + 23-1, 25-1, 25-2,
    # 25-3 (art. 16 «Ревизионная комиссия маслихата» is a heading with an
    # «исключена» footnote: counted).  Chapters 1, 2, 2-1, 3, 3-1, 4 = 6.
    # 46 footnotes («Сноска. По всему тексту Закона:» + its plain «слова ...»
    # lines = one).  7 «Примечание РЦПИ!» notes (arts 3, 5/6, 20, 26/27,
    # 30/31 and two in 31).
    ("law-2001-148", "2014-11-07"): {
        "articles": 55, "chapters": 6, "sections": 0, "footnotes": 46, "notes": 7,
    },
    # 2023-12-23: new layout 03-laws/20010123-...-7966, split: rus.md (title,
    # 4 footnotes on title/preamble, table of parts: the part «ch003-part008»
    # is titled «Статья 32. ...» in that table, not a heading) + ch001 (arts
    # 1-4), ch002 (5-25 and the heading of Глава 2-1, whose articles were
    # excluded in 2015 and are absent: only a footnote remains), ch003 (Глава
    # 3, arts 26-31, «## Статья»), ch003-part008 (32-39, «## Статья», 32 and
    # 32-2 without anchors), ch003-1 (Глава 3-1, 39-1..39-7, Глава 4, 40-41).
    # 61 articles; 6 chapters (1, 2, 2-1, 3, 3-1, 4; 2-1 counted though
    # empty).  100 footnotes (4 + 9 + 30 + 8 + 30 + 19; includes plain
    # «Сноска. ...» lines and «*Сноска. ...*» italic lines).  No notes.
    ("law-2001-148", "2023-12-23"): {
        "articles": 61, "chapters": 6, "sections": 0, "footnotes": 100, "notes": 0,
    },
    # --- Constitutional Law No. 2464 «О выборах» -----------------------------
    # 2023-01-01: split; only ch001 (Главы 1-2), ch013, ch013-1, ch013-2 (Главы
    # 13-2 and 14) are in the slice, although rus.md's table lists 12 parts.
    # 69 articles: 1-20 + 15-1, 16-1, 20-1, 20-2 (24); 101-113 + 109-1, 111-1
    # (15); 113-1..113-11 (11); 113-12..113-16 (5); 114-127 (14).  Excluded
    # arts 15, 16, 109 keep their headings (counted).  Chapters present: 1, 2,
    # 13, 13-1, 13-2, 14 = 6.  64 footnotes (2 in rus.md under the title).
    ("const-law-1995-2464", "2023-01-01"): {
        "articles": 69, "chapters": 6, "sections": 0, "footnotes": 64, "notes": 0,
    },
    # --- Decrees -------------------------------------------------------------
    # Decree 555 (2013-04-24): the decree has points 1-6 (no articles); the
    # attached Rules («## ПРАВИЛА ...», the attachment title, not a chapter)
    # have points 1-64 under 8 headings «## 1. Общие положения» ...
    # «## 8. Заключительные положения».  Judgement: these numbered-title
    # headings are the Rules' chapters -> 8.  No footnotes/notes.
    ("decree-2013-555", "2013-04-24"): {
        "articles": 0, "chapters": 8, "sections": 0, "footnotes": 0, "notes": 0,
    },
    # Decree 704 (edition 2021-12-13, stored in the commit dated 2013-12-03):
    # the decree has points 1-2; the Типовой регламент has 9 «### Глава N»
    # and 4 «#### Параграф N» in Глава 6 (paragraphs are not chapters).  Its
    # points run 1-60, 68-81 (61-67 are absent in the source).  2 footnotes
    # (on the Регламент and on Параграф 4 of Глава 6).  No notes.
    ("decree-2013-704", "2021-12-13"): {
        "articles": 0, "chapters": 9, "sections": 0, "footnotes": 2, "notes": 0,
    },
    # --- Laws of 1993 --------------------------------------------------------
    # Law 3800: two «## Статья N.» headings whose text is on the heading line.
    ("law-1993-3800", "1993-12-09"): {
        "articles": 2, "chapters": 0, "sections": 0, "footnotes": 0, "notes": 0,
    },
    # Law 3600: six «## Статья N.» headings (text on the heading line; art. 6
    # continues on plain lines).
    ("law-1993-3600", "1993-12-10"): {
        "articles": 6, "chapters": 0, "sections": 0, "footnotes": 0, "notes": 0,
    },
    # Law 4100 (edition 1996-01-26): 60 articles = 56 «## Статья N.» + 4 plain
    # lines inside ``` code blocks: «Статья 25.», «Статья 35.», «Статья 41.»,
    # «Статья 45.» (the title of 35, 41, 45 continues on the next lines).
    # Sections: 6 Roman-numeral divisions without the word «Раздел»: «I.
    # Общие положения», «II. Структура ...» (in a code block), «III.
    # Экономическая ...» (plain, broken over 3 paragraphs), «IV. Компетенция
    # ...» (in a code block), «V. Организация управления ...» (plain), «VI.
    # Обеспечение законности ...» (in a code block).  Chapters: 4 numbered
    # subdivisions: II.1 «1. Структура и организационные основы деятельности
    # Маслихатов ...» (code block), II.2 «2. Структура ... местной
    # администрации» (plain), IV.1 «1. Полномочия местных представительных
    # органов» (code block), IV.2 «2. Полномочия местных исполнительных
    # органов» (code block).  Judgement call: a strict «Раздел»/«Глава»-word
    # reading gives sections 0, chapters 0.  Lines «Глава администрации ...»
    # are sentences, not chapter headings.  6 footnotes: 3 inside code blocks
    # (arts 9, 39, 40), 3 blockquoted (arts 37, 45, 49 «Сноска. В дальнейшем
    # собрание.»).
    ("law-1993-4100", "1996-01-26"): {
        "articles": 60, "chapters": 4, "sections": 6, "footnotes": 6, "notes": 0,
    },
}

SPOT_CHECKS = {
    ("constitution-1995", "1995-08-29"): {
        "articles_present": ["1", "33", "35", "38", "58", "85", "87", "89", "98"],
        "articles_absent": ["83-1", "94-1", "99"],
        # 58: 1, 2, then 3 and 4 inside a code block, then 5.
        "points": {"58": 5, "86": 6, "87": 6, "88": 4, "89": 4},
    },
    ("constitution-1995", "2007-05-21"): {
        "articles_present": ["1", "84", "87", "94-1", "98"],
        "articles_absent": ["83-1", "99"],
        # 61: 1, 2, 3, 4, 5, 5-1, 6, 7.
        "points": {"61": 8, "86": 6, "87": 6, "88": 4, "89": 4},
    },
    ("constitution-1995", "2011-02-02"): {
        "articles_present": ["84", "85", "94-1", "98"],
        "articles_absent": ["83-1", "99", "254"],
        # 41: 1, 2, 3, 3-1, 4 (excluded), 5.
        "points": {"41": 6, "61": 8, "87": 6},
    },
    ("constitution-1995", "2022-09-17"): {
        "articles_present": ["83-1", "84", "87", "94-1", "94-2", "99"],
        "articles_absent": ["100"],
        # 61: 1, 2, 3, 4, 5, 5-1, 6, 7; the note wordings «*4. ...*», «*5. ...*»
        # are not points.
        "points": {"61": 8, "83-1": 4, "87": 6, "99": 3},
    },
    ("constitution-1995", "2023-01-01"): {
        "articles_present": ["1", "41", "83-1", "84", "87", "94-2", "99"],
        "articles_absent": ["100"],
        "points": {"41": 6, "61": 8, "86": 6, "87": 6, "88": 4, "89": 4},
    },
    ("constitution-2026", "2026-03-15"): {
        "articles_present": ["1", "87", "88", "89", "91", "96"],
        "articles_absent": ["97", "83-1", "94-1"],
        "points": {"2": 7, "88": 6, "89": 6, "90": 4, "91": 4},
    },
    ("law-2001-148", "2011-03-24"): {
        "articles_present": ["2-1", "21-2", "24-1", "39-6", "40", "41"],
        "articles_absent": ["23-1", "25-1", "39-7"],
        # 35: 1, 1-1, 1-2, 2, 3 (the «Примечание РЦПИ!» text is not a point).
        "points": {"2-1": 2, "6": 7, "35": 5, "39-3": 3},
        "chapters_present": ["1", "2", "3", "3-1", "4"],
    },
    ("law-2001-148", "2014-11-07"): {
        "articles_present": ["16", "23-1", "24-1", "25-1", "25-3", "39-3", "40"],
        "articles_absent": ["19-1", "39-7"],
        # 6: 1, 2, 2-1..2-4, 3, 3-1, 4..7; 27: 1, 1-2, 2, 3 (no 1-1 in source).
        "points": {"6": 12, "24": 8, "27": 4, "39-3": 14},
        "chapters_present": ["1", "2", "2-1", "3", "3-1", "4"],
    },
    ("law-2001-148", "2023-12-23"): {
        "articles_present": ["19-1", "21-3", "29-1", "32", "32-2", "36-2", "38-1", "39-7"],
        "articles_absent": ["25-1", "25-3"],
        # 6: 1, 2, 2-1..2-13, 3, 3-1, 4..7; 27: 1, 1-2..1-7, 2, 3;
        # 41: 1-4 (the indented «4. ...» inside quoted text of point 3 is not one).
        "points": {"6": 21, "27": 9, "32": 3, "39-3": 15, "41": 4},
        "chapters_present": ["1", "2", "2-1", "3", "3-1", "4"],
    },
    ("const-law-1995-2464", "2023-01-01"): {
        "articles_present": ["15", "15-1", "16-1", "20-2", "101", "109-1", "111-1",
                             "113-1", "113-11", "113-16", "127"],
        "articles_absent": ["21", "50", "100"],
        # 101: 1, 2, 3, 3-1, 4, 5, 6; 104: 1, 1-1, 2, 3, 3-1, 4, 5, 6, 6-1, 7, 8.
        "points": {"4": 4, "10": 8, "101": 7, "104": 11, "113-1": 4, "113-5": 14,
                   "114": 3},
        "chapters_present": ["1", "2", "13", "13-1", "13-2", "14"],
    },
    ("decree-2013-555", "2013-04-24"): {
        "articles_present": [],
        "points": {},
        "chapters_present": ["1", "2", "3", "4", "5", "6", "7", "8"],
    },
    ("decree-2013-704", "2021-12-13"): {
        "articles_present": [],
        "points": {},
        "chapters_present": ["1", "2", "3", "4", "5", "6", "7", "8", "9"],
    },
    ("law-1993-3800", "1993-12-09"): {
        "articles_present": ["1", "2"],
        "articles_absent": ["3"],
        "points": {},
    },
    ("law-1993-3600", "1993-12-10"): {
        "articles_present": ["1", "2", "3", "4", "5", "6"],
        "articles_absent": ["7"],
        "points": {},
    },
    ("law-1993-4100", "1996-01-26"): {
        "articles_present": ["1", "25", "35", "41", "45", "60"],
        "articles_absent": ["61"],
        # 37: 1, 2, 3; 40: 1, 2.  Art. 9 and art. 41 have no points: the
        # «1. Структура ...» / «2. Полномочия ...» lines inside them are
        # subdivision (chapter) headings.
        "points": {"37": 3, "40": 2},
    },
}
