"""The accessibility checks a document must pass before it is published (WCAG 2.2 AA, SI 2018/952).

Pure Python, no browser: each check reads a rendered file and returns its problems in words, an
empty list when there are none. They check what a reader of each format relies on: the language and
the title, one main heading and headings in order, tables with captions and header cells, and a text
alternative for every image; in Word the built-in heading styles and repeated header rows; in PDF
the tag structure. The browser test (axe-core) checks the HTML more deeply in the test suite.
"""

import re
from html.parser import HTMLParser
from io import BytesIO

from flows.adapters.documents.render import Format

STATEMENT = "accessibility statement"
"""The name a publication gives its accessibility statement page, which is HTML."""


def check(format: Format | str, data: bytes) -> list[str]:
    """The problems of one rendered file."""
    checks = {Format.HTML: check_html, Format.DOCX: check_docx, Format.PDF: check_pdf}
    return checks[Format.HTML if format == STATEMENT else Format(format)](data)


class AccessibilityChecker:
    """The checks behind the domain's ``AccessibilityChecker`` port (``governance.documents.ports``)."""

    def check(self, fmt: str, content: bytes) -> list[str]:
        return check(fmt, content)


def check_all(outputs: dict[Format, bytes]) -> list[str]:
    """The problems of every file of a document, each prefixed by its format."""
    names = {Format.HTML: "HTML", Format.DOCX: "Word", Format.PDF: "PDF"}
    return [f"{names[Format(f)]}: {problem}" for f, data in outputs.items() for problem in check(f, data)]


def heading_order(levels: list[int], *, top: int = 1) -> list[str]:
    """Headings start at the top level and never go down more than one level at a time."""
    problems: list[str] = []
    previous = top - 1
    for level in levels:
        if level > previous + 1:
            problems.append(
                f"a level {level} heading follows a level {previous} heading: heading levels skip"
            )
        previous = level
    return problems


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.title = ""
        self.headings: list[int] = []
        self.tables: list[dict] = []
        self.images_without_text = 0
        self.svgs_without_text = 0
        self._open: list[str] = []
        self._svg_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        self._open.append(tag)
        if tag == "html":
            self.lang = a.get("lang", "").strip()
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "table":
            self.tables.append({"caption": "", "th": 0, "th_without_scope": 0})
        elif tag == "th" and self.tables:
            self.tables[-1]["th"] += 1
            self.tables[-1]["th_without_scope"] += a.get("scope") not in (
                "col",
                "row",
                "colgroup",
                "rowgroup",
            )
        elif tag == "img":
            self.images_without_text += not (a.get("alt") is not None or a.get("aria-hidden") == "true")
        elif tag == "svg":
            self._svg_depth += 1
            named = a.get("aria-label", "").strip() or a.get("aria-labelledby", "").strip()
            hidden = a.get("aria-hidden") == "true" or a.get("role") == "presentation"
            if self._svg_depth == 1 and not hidden and not (a.get("role") == "img" and named):
                self.svgs_without_text += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._svg_depth -= 1
        if tag in self._open:
            while self._open and self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        where = self._open[-1] if self._open else ""
        if where == "title" and self._svg_depth == 0:
            self.title += data
        elif where == "caption" and self.tables:
            self.tables[-1]["caption"] += data


def check_html(data: bytes | str) -> list[str]:
    """An HTML page: lang, title, one h1, headings in order, tables' captions and headers, images' text."""
    page = _Page()
    page.feed(data.decode("utf-8") if isinstance(data, bytes) else data)
    problems: list[str] = []
    if not page.lang:
        problems.append("the page does not say its language (<html lang>)")
    if not page.title.strip():
        problems.append("the page has no title (<title>)")
    if (h1s := page.headings.count(1)) != 1:
        problems.append(f"the page has {h1s} main headings (<h1>); it needs exactly one")
    problems += heading_order(page.headings)
    for number, table in enumerate(page.tables, start=1):
        if not table["caption"].strip():
            problems.append(f"table {number} has no caption")
        if not table["th"]:
            problems.append(f"table {number} has no header cells (<th>)")
        elif table["th_without_scope"]:
            problems.append(f"table {number} has {table['th_without_scope']} header cells without a scope")
    if page.images_without_text:
        problems.append(f"{page.images_without_text} images have no text alternative (alt)")
    if page.svgs_without_text:
        problems.append(
            f"{page.svgs_without_text} charts or drawings (<svg>) have no role=img and accessible name"
        )
    return problems


def check_docx(data: bytes) -> list[str]:
    """A Word file: title and language, headings in the built-in styles and in order, header rows,
    and alternative text for every picture."""
    import docx
    from docx.oxml.ns import qn

    word = docx.Document(BytesIO(data))
    problems: list[str] = []
    if not (word.core_properties.title or "").strip():
        problems.append("the document has no title in its properties")
    defaults = word.styles.element.find(qn("w:docDefaults"))
    lang = (
        defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}") if defaults is not None else None
    )
    if lang is None or not lang.get(qn("w:val")):
        problems.append("the document does not set its language (w:lang in the style defaults)")
    levels = [_level(p.style.name) for p in word.paragraphs if p.style is not None]
    levels = [level for level in levels if level is not None]
    if levels.count(0) + levels.count(1) == 0:
        problems.append("the document has no title or first-level heading in the Title or Heading 1 style")
    problems += heading_order(levels, top=0 if 0 in levels else 1)
    for number, table in enumerate(word.tables, start=1):
        first = table.rows[0]._tr if table.rows else None
        if first is None or first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None:
            problems.append(f"table {number} has no header row marked to repeat")
    pictures = word.element.body.iter(qn("wp:docPr"))
    without = sum(1 for doc_pr in pictures if not (doc_pr.get("descr") or "").strip())
    if without:
        problems.append(f"{without} pictures have no alternative text")
    return problems


def _level(style: str) -> int | None:
    if style == "Title":
        return 0
    found = re.fullmatch(r"Heading (\d)", style)
    return int(found[1]) if found else None


def check_pdf(data: bytes) -> list[str]:
    """A PDF: tagged (StructTreeRoot, MarkInfo), with language and title, headings tagged in order,
    figures with alternative text, and text that extracts."""
    import pypdf

    reader = pypdf.PdfReader(BytesIO(data))
    root = reader.trailer["/Root"]
    problems: list[str] = []
    if "/StructTreeRoot" not in root:
        problems.append("the PDF is not tagged (no structure tree)")
    mark_info = root.get("/MarkInfo")
    if not (mark_info and mark_info.get_object().get("/Marked")):
        problems.append("the PDF is not marked as tagged (MarkInfo)")
    if not str(root.get("/Lang", "")).strip():
        problems.append("the PDF does not say its language (/Lang)")
    if not str((reader.metadata or {}).get("/Title", "")).strip():
        problems.append("the PDF has no title")
    if "/StructTreeRoot" in root:
        tags = structure_tags(root["/StructTreeRoot"].get_object().get("/K"))
        levels = [int(s[2]) for s, _ in tags if re.fullmatch(r"/H[1-6]", s)]
        if levels.count(1) != 1:
            problems.append(f"the PDF has {levels.count(1)} main headings (H1); it needs exactly one")
        problems += heading_order(levels)
        if without := sum(1 for s, alt in tags if s == "/Figure" and not alt):
            problems.append(f"{without} figures have no alternative text")
    if not any((page.extract_text() or "").strip() for page in reader.pages):
        problems.append("no text can be extracted from the PDF")
    return problems


def structure_tags(node) -> list[tuple[str, str]]:
    """Every structure element's tag and alternative text, in reading order."""
    found: list[tuple[str, str]] = []
    stack = [node]
    while stack:
        item = stack.pop()
        item = item.get_object() if hasattr(item, "get_object") else item
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict) and "/S" in item:
            found.append((str(item["/S"]), str(item.get("/Alt", "")).strip()))
            if "/K" in item:
                stack.append(item["/K"])
    return found
