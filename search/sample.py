"""A tiny hand-written corpus in the shape of the real one, for tests and examples.

The sentences paraphrase the structure of the acts (who appoints or elects
akims, what maslikhats and local gatherings do); they are NOT the texts of
the acts and must not be cited. Two acts: a constitution-like act with two
editions (appointment, then election of some akims) and a law with chapters,
articles, points and subpoints.

>>> acts, editions = sample_corpus()
>>> sorted(acts), [e.date for e in editions]
(['basic-law', 'local-law'], ['2019-01-01', '2024-01-01', '2023-06-01'])
"""
from __future__ import annotations

from kg.model import Act, Edition, EditionMeta, Provision
from kg.uri import provision_iri, work_iri


def _p(eid, kind, num, text, parent=None, order=0, heading=None, status="in_force"):
    return Provision(eid=eid, kind=kind, num=num, heading=heading, text=text, parent=parent,
                     order=order, status=status)


def sample_corpus() -> tuple[dict[str, Act], list[Edition]]:
    """Acts and editions of the sample corpus."""
    basic = Act(id="basic-law", code="901", type="constitution", title="Основной закон (пример)",
                date="2019-01-01", in_force_to="2030-01-01")
    local = Act(id="local-law", code="902", type="law", title="О местном управлении (пример)",
                date="2023-06-01", number="1-VIII")
    shared = (
        _p("preamble", "preamble", None, "Мы, народ, принимаем этот пример закона.", order=0),
        _p("art_86", "article", "86", "Статья 86", order=1),
        _p("art_86/point_1", "point", "1",
           "1. Маслихаты избираются жителями на пять лет.", "art_86", 2),
        _p("art_86/point_2", "point", "2",
           "2. Депутатом маслихата не может быть лицо моложе двадцати лет.", "art_86", 3),
        _p("art_87", "article", "87", "Статья 87", order=4),
        _p("art_87/point_4", "point", "4",
           "4. Акимы областей назначаются Президентом с согласия маслихатов.", "art_87", 5),
    )
    e1 = Edition(EditionMeta("basic-law", "2019-01-01"), basic.title, shared + (
        _p("art_87/point_5", "point", "5",
           "5. Акимы иных единиц назначаются вышестоящим акимом.", "art_87", 6),
        _p("art_87-1", "article", "87-1",
           "Статья 87-1. Местное самоуправление осуществляется жителями через сходы.", order=7),
    ))
    e2 = Edition(EditionMeta("basic-law", "2024-01-01"), basic.title, shared + (
        _p("art_87/point_5", "point", "5",
           "5. Акимы районов и сёл избираются жителями на прямых выборах.", "art_87", 6),
        _p("art_87-1", "article", "87-1", "Статья 87-1 исключена.", order=7, status="excluded"),
    ))
    e3 = Edition(EditionMeta("local-law", "2023-06-01"), local.title, (
        _p("chp_1", "chapter", "1", "Глава 1. Общие положения", order=0, heading="Общие положения"),
        _p("art_1", "article", "1", "Статья 1. Основные понятия", "chp_1", 1, heading="Основные понятия"),
        _p("art_1/point_1", "point", "1",
           "1) сход местного сообщества – непосредственное участие жителей села в решении вопросов;",
           "art_1", 2),
        _p("art_1/point_2", "point", "2",
           "2) собрание местного сообщества – совещательный орган из представителей жителей;",
           "art_1", 3),
        _p("chp_2", "chapter", "2", "Глава 2. Аким", order=4, heading="Аким"),
        _p("art_33", "article", "33", "Статья 33. Порядок избрания акима", "chp_2", 5,
           heading="Порядок избрания акима"),
        _p("art_33/point_1", "point", "1",
           "1. Аким сельского округа избирается сроком на четыре года.", "art_33", 6),
        _p("art_33/point_2", "point", "2", "2. Выдвижение кандидатов проводится:", "art_33", 7),
        _p("art_33/point_2/sub_1", "subpoint", "1", "1) политическими партиями;", "art_33/point_2", 8),
        _p("art_33/point_2/sub_2", "subpoint", "2", "2) путем самовыдвижения граждан.", "art_33/point_2", 9),
        _p("art_34", "article", "34",
           "Статья 34. Аким освобождается от должности по решению Президента. "
           "Ст. 33 и п. 2 настоящей статьи не применяются.", "chp_2", 10, heading=None),
    ))
    return {basic.id: basic, local.id: local}, [e1, e2, e3]


def sample_tags() -> dict[str, dict[str, list[str]]]:
    """Level tags for a few provisions of the sample corpus, keyed by expression IRI."""
    acts, _ = sample_corpus()
    basic = work_iri("constitution", "2019-01-01", "901")
    local = work_iri("law", "2023-06-01", "902")
    return {
        provision_iri(basic, "art_87/point_4", "2019-01-01"): {"levels": ["region"], "institutions": ["akim"]},
        provision_iri(basic, "art_87/point_4", "2024-01-01"): {"levels": ["region"], "institutions": ["akim"]},
        provision_iri(basic, "art_87/point_5", "2024-01-01"): {"levels": ["district", "rural"],
                                                                "institutions": ["akim"]},
        provision_iri(local, "art_33/point_1", "2023-06-01"): {"levels": ["rural"], "institutions": ["akim"]},
    }
