"""A document as its readers will see it, before it is HTML, Word or PDF: one source, three outputs.

A document is a title and a flat list of blocks, as a report is read: a heading, then what falls
under it. The renderers (``flows/adapters/documents``) turn the same blocks into each format, so
what an approver reads in one format is what the public reads in another. The fingerprint is of
the blocks themselves: an approval names the document as rendered, not the text it came from.

Exempt parts (Local Government Act 1972 Sch 12A) are blocks of their own. ``public()`` replaces
each with a notice that it exists and under which paragraph, so the public version and the
restricted one come from one source and nothing exempt can leak through a renderer.
"""

import hashlib
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Block(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Heading(_Block):
    kind: Literal["heading"] = "heading"
    level: int = Field(ge=1, le=4)
    """1 is a part of the document (the title itself is not a block); 2 and 3 fall under it."""
    text: str
    number: str = ""
    """As the council numbers it: ``7``, ``7.3``; empty where the document does not number."""


class Paragraph(_Block):
    kind: Literal["paragraph"] = "paragraph"
    text: str


class BulletList(_Block):
    kind: Literal["list"] = "list"
    items: tuple[str, ...]
    ordered: bool = False


class Fields(_Block):
    """Labelled values, such as a committee report's cover block: "Report of", "Portfolio"."""

    kind: Literal["fields"] = "fields"
    caption: str = ""
    pairs: tuple[tuple[str, str], ...]


class Table(_Block):
    kind: Literal["table"] = "table"
    caption: str
    """Every table says what it holds: it is the table's accessible name."""
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


class ChartPoint(_Block):
    label: str
    """The period, as the figure's source names it: ``May 2020``, ``2019/20``."""
    value: float


class Chart(_Block):
    """A figure drawn from a statistic. Its title and axis say the unit, whether it is cumulative or
    for the period, and the denominator of any rate; ``alternative`` says in words what it shows,
    and the renderers always add the data as a table beside it."""

    kind: Literal["chart"] = "chart"
    title: str
    x_title: str
    y_title: str
    points: tuple[ChartPoint, ...]
    alternative: str
    source: str = ""


class Severity(StrEnum):
    BLOCKS_APPROVAL = "blocks approval"
    ADVISORY = "advisory"


class FindingNote(_Block):
    rule: str
    source: str
    severity: Severity
    detail: str = ""


class Findings(_Block):
    """The statutory checks' findings on a draft: shown to the business unit and approvers, marked
    not for publication, and never in a published version."""

    kind: Literal["findings"] = "findings"
    findings: tuple[FindingNote, ...]


class ExemptNotice(_Block):
    """What the public version says in place of an exempt part."""

    kind: Literal["exempt notice"] = "exempt notice"
    title: str
    paragraph: int


class ExemptPart(_Block):
    """A part exempt from publication under Sch 12A ``paragraph``, with the public interest test."""

    kind: Literal["exempt"] = "exempt"
    title: str
    paragraph: int = Field(ge=1, le=7)
    public_interest_test: str
    blocks: tuple["Block", ...]

    def notice(self) -> ExemptNotice:
        return ExemptNotice(title=self.title, paragraph=self.paragraph)


Block = Annotated[
    Heading | Paragraph | BulletList | Fields | Table | Chart | Findings | ExemptNotice | ExemptPart,
    Field(discriminator="kind"),
]
ExemptPart.model_rebuild()


class Audience(StrEnum):
    PUBLIC = "public"
    """Exempt parts left out (a notice says they exist); no findings."""
    RESTRICTED = "restricted"
    """Everything, for those entitled to the exempt parts."""


class Document(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    """The report's key, or a key made for a pack or an update: ``tbp-pack-2026-01-20``."""
    title: str
    subtitle: str = ""
    author: str
    """Who issues it: the partnership or board (the document's author property)."""
    language: str = "en-GB"
    audience: Audience = Audience.RESTRICTED
    draft: bool = True
    """Not yet approved: every page says so."""
    blocks: tuple[Block, ...] = ()

    def public(self) -> "Document":
        """The version anyone may read: each exempt part replaced by its notice, findings removed."""

        def keep(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
            kept: list[Block] = []
            for block in blocks:
                if isinstance(block, ExemptPart):
                    kept.append(block.notice())
                elif not isinstance(block, Findings):
                    kept.append(block)
            return tuple(kept)

        return self.model_copy(update={"audience": Audience.PUBLIC, "blocks": keep(self.blocks)})

    def for_audience(self, audience: Audience) -> "Document":
        return self if audience is Audience.RESTRICTED else self.public()

    @property
    def fingerprint(self) -> str:
        """Of everything a reader sees in any format: a change anywhere makes a new version."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:16]

    def headings(self) -> list[Heading]:
        """Every heading in reading order, those inside exempt parts included."""

        def walk(blocks: tuple[Block, ...]) -> list[Heading]:
            found: list[Heading] = []
            for block in blocks:
                if isinstance(block, Heading):
                    found.append(block)
                elif isinstance(block, ExemptPart):
                    found.extend(walk(block.blocks))
            return found

        return walk(self.blocks)

    def exempt_texts(self) -> list[str]:
        """Every text only an exempt part says: what must never reach a public version. A value the
        document also says outside its exempt parts (a date, a name on its cover) and a bare number
        are not the exempt part's to withhold."""
        texts: list[str] = []
        for block in self.blocks:
            if isinstance(block, ExemptPart):
                texts.append(block.public_interest_test)
                for inner in block.blocks:
                    texts.extend(_texts(inner))
        said_openly = {self.title, self.subtitle, self.author}
        for block in self.blocks:
            if isinstance(block, ExemptPart):
                said_openly.add(block.title)  # its notice names it in the public version
            else:
                said_openly.update(_texts(block))
        return [t for t in dict.fromkeys(texts) if any(c.isalpha() for c in t) and t not in said_openly]


def _texts(block: _Block) -> list[str]:
    match block:
        case Heading(text=text) | Paragraph(text=text):
            return [text]
        case Chart(title=title, alternative=alternative):
            return [title, alternative]
        case BulletList(items=items):
            return list(items)
        case Table(rows=rows):
            return [cell for row in rows for cell in row]
        case Fields(pairs=pairs):
            return [value for _, value in pairs]
        case ExemptPart(blocks=blocks):
            return [t for inner in blocks for t in _texts(inner)]
    return []
