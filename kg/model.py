"""The document model: acts, editions, provisions, amendment records and notes.

Everything here is a frozen dataclass so that parsed editions can be cached,
hashed, compared across editions and shared between the graph builder, the
search indexer and the app without defensive copying.

Identity
--------
``Provision.eid`` is the provision's path inside its act, stable across
editions (``art_87/point_4/sub_2``); together with the act id it names the
work-level provision, together with the edition date the expression-level one
(see :mod:`kg.uri` for the IRIs).

>>> p = Provision(eid="art_87/point_4", kind="point", num="4", heading=None,
...               text="4. Акимы областей ... назначаются ...", parent="art_87", order=5)
>>> p.article
'87'
>>> p.point
'4'
>>> p.path
'Статья 87, пункт 4'
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

# Provision kinds, outermost first. "paragraph" is a § of a chapter (Параграф),
# "part" an unnumbered paragraph of an article whose text is not split into points.
KINDS = ("preamble", "annex", "section", "chapter", "paragraph", "article", "point", "subpoint", "text")

# What a footnote says happened to the provision it annotates.
AMENDMENT_ACTIONS = (
    "amended",        # с изменениями, внесенными ...
    "new_wording",    # в редакции ...
    "excluded",       # исключена ...
    "supplemented",   # дополнена ...
    "reference",      # См. постановление ... (no change of text)
    "entry_into_force",  # вводится/вступает в силу ...
    "other",
)

ACT_TYPES = ("constitution", "constitutional_law", "law", "decree", "resolution", "local_act", "other")

_KIND_RU = {
    "section": "Раздел",
    "chapter": "Глава",
    "paragraph": "Параграф",
    "article": "Статья",
    "point": "пункт",
    "subpoint": "подпункт",
    "text": "часть",
    "preamble": "Преамбула",
    "annex": "Приложение",
}


@dataclass(frozen=True)
class ActRef:
    """A reference to another act, as written in a footnote or in the text.

    The referenced act may be absent from the corpus; it then exists in the
    graph only as this reference.

    >>> ActRef(type="law", date="2007-05-21", number="254-III").key
    'law|2007-05-21|254-III'
    """

    type: str                      # one of ACT_TYPES, or "other"
    date: Optional[str] = None     # ISO date of adoption, when given
    number: Optional[str] = None   # normalised number ("254-III"), when given
    raw: str = ""                  # the words as written

    @property
    def key(self) -> str:
        return f"{self.type}|{self.date or ''}|{self.number or ''}"


@dataclass(frozen=True)
class Amendment:
    """An amendment record read from a footnote («Сноска. …»)."""

    target: str                    # eid of the annotated provision, "" for the whole act
    action: str                    # one of AMENDMENT_ACTIONS
    acts: tuple[ActRef, ...] = ()  # amending acts, in the order written
    effective: Optional[str] = None  # the effective-date phrase («вводится в действие …»)
    text: str = ""                 # the whole footnote text, as written
    file: str = ""                 # relative file in the edition
    line: int = 0                  # 1-based line of the footnote in that file


@dataclass(frozen=True)
class Note:
    """A «Примечание» block: deferred wordings, references to court rulings.

    Kept apart from the text in force.
    """

    target: str
    text: str
    file: str = ""
    line: int = 0


@dataclass(frozen=True)
class Problem:
    """Something wrong in an input, located precisely; never fatal on its own."""

    file: str
    line: int
    message: str
    severity: str = "warning"      # "warning" | "error"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class Provision:
    """One node of an edition's structure tree.

    ``text`` is the provision's own text (heading line included, children
    excluded); joining the ``text`` of all provisions of an edition in
    ``order`` gives back the body of the edition.
    """

    eid: str                       # e.g. "sec_8", "chp_3", "art_87", "art_87/point_4", "art_87/point_4/sub_2"
    kind: str                      # one of KINDS
    num: Optional[str]             # as numbered in the text: "87", "83-1", "4", "VIII"
    heading: Optional[str]         # heading words after the number, if any
    text: str
    parent: Optional[str] = None   # eid of the parent provision
    order: int = 0                 # document order within the edition
    status: str = "in_force"       # "in_force" | "excluded"
    file: str = ""                 # relative file in the edition ("rus.md", "rus/sec004.md")
    line: int = 0                  # 1-based line where the provision starts in that file

    def _num_of(self, prefix: str) -> Optional[str]:
        for part in self.eid.split("/"):
            if part.startswith(prefix):
                return part[len(prefix):].split("__", 1)[0]
        return None

    @property
    def article(self) -> Optional[str]:
        """The article number this provision lies in, or None."""
        return self._num_of("art_")

    @property
    def point(self) -> Optional[str]:
        """The point number this provision lies in, or None (whole article, chapter...)."""
        return self._num_of("point_")

    @property
    def subpoint(self) -> Optional[str]:
        return self._num_of("sub_")

    @property
    def path(self) -> str:
        """Human citation path in Russian: «Статья 87, пункт 4, подпункт 2»."""
        return provision_path(self.eid, self.kind, self.num)


def provision_path(eid: str, kind: str = "", num: Optional[str] = None) -> str:
    """Render an eid as a Russian citation path.

    >>> provision_path("art_83-1/point_2/sub_3")
    'Статья 83-1, пункт 2, подпункт 3'
    >>> provision_path("chp_13-1")
    'Глава 13-1'
    >>> provision_path("")
    'Акт целиком'
    >>> provision_path("annex_1/point_7__2")
    'Приложение 1, пункт 7'
    """
    names = {"annex": "Приложение", "sec": "Раздел", "chp": "Глава", "par": "Параграф", "art": "Статья",
             "point": "пункт", "sub": "подпункт", "text": "часть", "preamble": "Преамбула"}
    out = []
    for part in [p for p in eid.split("/") if p]:
        prefix, _, n = part.partition("_")
        n = n.split("__", 1)[0]
        name = names.get(prefix, prefix)
        out.append(f"{name} {n}".strip() if n else name)
    return ", ".join(out) if out else "Акт целиком"


@dataclass(frozen=True)
class EditionMeta:
    """What is known of an edition before parsing it."""

    act_id: str
    date: str                      # ISO date of the edition (its wording), never a commit date
    language: str = "rus"
    source_url: Optional[str] = None
    date_basis: str = "meta.yaml"  # where the date came from: meta.yaml | front_matter | source_url | registry
    files: tuple[str, ...] = ()    # relative files: "rus.md", "rus/sec001.md", ...
    sha256: str = ""               # hash of the edition's text files together
    caused_by: Optional[str] = None  # requisite of the act that caused this edition, when the metadata says


@dataclass(frozen=True)
class Edition:
    """A parsed edition (expression) of an act."""

    meta: EditionMeta
    title: str
    provisions: tuple[Provision, ...] = ()
    amendments: tuple[Amendment, ...] = ()
    notes: tuple[Note, ...] = ()
    problems: tuple[Problem, ...] = ()
    missing_parts: tuple[str, ...] = ()   # parts listed in the table of parts but absent

    @property
    def act_id(self) -> str:
        return self.meta.act_id

    @property
    def date(self) -> str:
        return self.meta.date

    def by_kind(self, kind: str) -> list[Provision]:
        return [p for p in self.provisions if p.kind == kind]

    def get(self, eid: str) -> Optional[Provision]:
        for p in self.provisions:
            if p.eid == eid:
                return p
        return None

    def children(self, eid: Optional[str]) -> list[Provision]:
        return [p for p in self.provisions if p.parent == eid]

    def subtree_text(self, eid: str) -> str:
        """The text of a provision with all its descendants, in document order."""
        prefix = eid + "/"
        return "\n\n".join(p.text for p in self.provisions if p.eid == eid or p.eid.startswith(prefix))

    def counts(self) -> dict:
        return {
            "articles": len(self.by_kind("article")),
            "chapters": len(self.by_kind("chapter")),
            "sections": len(self.by_kind("section")),
            "points": len(self.by_kind("point")),
            "footnotes": len(self.amendments),
            "notes": len(self.notes),
        }


@dataclass(frozen=True)
class Act:
    """An act (work), with the facts of the registry or of its metadata."""

    id: str                        # human-readable id: "constitution-1995", "law-2001-148"
    code: Optional[str]            # document code in the official database ("7966")
    type: str                      # one of ACT_TYPES
    title: str
    date: Optional[str] = None     # adoption date
    number: Optional[str] = None   # "148-II", "555"
    url: Optional[str] = None      # official URL
    in_force_from: Optional[str] = None
    in_force_to: Optional[str] = None   # first day no longer in force (lapsed / repealed)
    repealed_by: Optional[str] = None   # words naming the repealing act
    in_force_to_precision: Optional[str] = None  # None (day) | "year" | "bound": how exact in_force_to is
    note: Optional[str] = None
    short_title: Optional[str] = None
    citation_genitive: Optional[str] = None  # «Конституции Республики Казахстан» for citations
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    in_registry: bool = True
