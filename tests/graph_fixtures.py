"""Small acts and editions for the graph tests, written for the tests (not the real texts).

The wording paraphrases the structure of the real acts in a few words: the
Constitution of 1995 in two editions and the one of 2026, the law on local
government in three editions (the last one dated after 1 July 2026 so that its
«Конституции» means the Constitution of 2026), the election law.
"""
from __future__ import annotations

from kg.model import Act, ActRef, Amendment, Edition, EditionMeta, Note, Provision

C1995 = Act(id="constitution-1995", code="1", type="constitution", title="Конституция Республики Казахстан",
            date="1995-08-30", in_force_to="2026-07-01", short_title="Конституция РК 1995 г.",
            url="https://zan.gov.kz/client/#!/doc/1/rus")
C2026 = Act(id="constitution-2026", code="223244", type="constitution", title="Конституция Республики Казахстан",
            date="2026-03-15", in_force_from="2026-07-01", short_title="Конституция РК 2026 г.")
LAW = Act(id="law-2001-148", code="7966", type="law", number="148-II", date="2001-01-23",
          title="О местном государственном управлении и самоуправлении в Республике Казахстан")
ELECTIONS = Act(id="const-law-1995-2464", code="4", type="constitutional_law", number="2464", date="1995-09-28",
                title="О выборах в Республике Казахстан")
ACTS = {a.id: a for a in (C1995, C2026, LAW, ELECTIONS)}


def P(eid, kind, num, text, parent=None, order=0, heading=None, status="in_force", line=0):
    return Provision(eid=eid, kind=kind, num=num, heading=heading, text=text, parent=parent, order=order,
                     status=status, file="rus.md", line=line)


def constitution_1995(date: str, wording: str) -> Edition:
    provs = (
        P("sec_8", "section", "VIII", "Раздел VIII. Местное управление", order=1, heading="Местное управление"),
        P("art_87", "article", "87", "Статья 87", parent="sec_8", order=2),
        P("art_87/point_4", "point", "4", f"4. Акимы областей {wording}.", parent="art_87", order=3),
        P("art_88", "article", "88", "Статья 88. Исключена", parent="sec_8", order=4, status="excluded"),
    )
    fns = (Amendment(target="art_87", action="amended",
                     acts=(ActRef("law", "2007-05-21", "254"),), text="Сноска. Статья 87 с изменениями.",
                     file="rus.md", line=9),
           Amendment(target="art_88", action="excluded",
                     acts=(ActRef("law", "2007-05-21", "254-III"),), text="Сноска. Статья 88 исключена.",
                     file="rus.md", line=12))
    return Edition(meta=EditionMeta("constitution-1995", date, source_url=f"https://zan.gov.kz/client/#!/doc/1/rus/{date}"),
                   title=C1995.title, provisions=provs, amendments=fns,
                   notes=(Note(target="art_87/point_4", text="Примечание. См. нормативное постановление.",
                               file="rus.md", line=7),))


def constitution_2026() -> Edition:
    provs = (
        P("art_89", "article", "89", "Статья 89", order=1),
        P("art_89/point_4", "point", "4", "4. Акимы назначаются в порядке, установленном настоящей Конституцией.",
          parent="art_89", order=2),
    )
    return Edition(meta=EditionMeta("constitution-2026", "2026-03-15"), title=C2026.title, provisions=provs)


def law(date: str, constitution_article: str = "87") -> Edition:
    provs = (
        P("chp_1", "chapter", "1", "Глава 1. Общие положения", order=1, heading="Общие положения"),
        P("art_24", "article", "24", "Статья 24. Недоверие акиму", parent="chp_1", order=2, heading="Недоверие акиму"),
        P("art_24/point_1", "point", "1", "1. Маслихат вправе выразить недоверие акиму.", parent="art_24", order=3),
        P("art_24/point_2", "point", "2", "2. В случае, предусмотренном пунктом 1 настоящей статьи, решение "
          "принимается большинством голосов.", parent="art_24", order=4),
        P("art_32", "article", "32", "Статья 32. Аким", parent="chp_1", order=5, heading="Аким"),
        P("art_32/point_1", "point", "1", f"1. Аким назначается в соответствии с пунктом 4 статьи "
          f"{constitution_article} Конституции и статьей 24 настоящего Закона.", parent="art_32", order=6),
        P("art_32/point_2", "point", "2", "2. Выборы акима проводятся в порядке, установленном Конституционным "
          "законом Республики Казахстан «О выборах в Республике Казахстан», с учетом Закона Республики "
          "Казахстан «О физической культуре и спорте».", parent="art_32", order=7),
    )
    fns = (Amendment(target="art_24", action="new_wording", acts=(ActRef("law", "2009-02-10", "123-IV"),),
                     effective="вводится в действие по истечении десяти дней", text="Сноска. Статья 24 в редакции.",
                     file="rus.md", line=4),
           Amendment(target="art_32/point_2", action="supplemented",
                     acts=(ActRef("constitutional_law", "1995-09-28", "2464"),),
                     text="Сноска. Пункт 2 дополнен.", file="rus.md", line=8),
           Amendment(target="", action="amended", acts=(ActRef("law", "2011-07-21", "465-IV"),),
                     text="Сноска. По тексту закона слова заменены.", file="rus.md", line=1))
    return Edition(meta=EditionMeta("law-2001-148", date, sha256="ab" * 32, caused_by="Закон РК от 2009 года"),
                   title=LAW.title, provisions=provs, amendments=fns)


def elections() -> Edition:
    provs = (P("art_1", "article", "1", "Статья 1. Настоящий Конституционный закон определяет порядок выборов.",
               order=1),)
    return Edition(meta=EditionMeta("const-law-1995-2464", "2023-01-01"), title=ELECTIONS.title, provisions=provs,
                   missing_parts=("rus/ch003.md",))


def editions() -> list[Edition]:
    return [constitution_1995("2011-02-02", "назначаются Президентом"),
            constitution_1995("2022-09-17", "назначаются Президентом с согласия маслихатов"),
            constitution_2026(),
            law("2011-03-24"), law("2023-12-23"), law("2026-08-01", constitution_article="89"),
            elections()]
