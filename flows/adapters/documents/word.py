"""A document as a Word file (python-docx), with the blocks of the HTML page in the same order.

What screen readers and Word's own navigation need: the title in the Title style and the headings in
the built-in "Heading N" styles; the title, author and language in the file's properties and the
language in the style defaults (``w:lang``); every table's header row marked to repeat
(``w:tblHeader``, python-docx#322) and its caption as the table's accessible name
(``w:tblCaption``); each chart a picture whose alternative text is in ``docPr/@descr``
(python-docx#1048), followed by its data table.
"""

from io import BytesIO

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from flows.adapters.documents import charts
from flows.adapters.documents.html import chart_rows
from governance.documents.model import (
    BulletList,
    Chart,
    Document,
    ExemptNotice,
    ExemptPart,
    Fields,
    Findings,
    Heading,
    Paragraph,
    Severity,
    Table,
)

SCHEDULE_12A = "Schedule 12A to the Local Government Act 1972"


def render_docx(document: Document) -> bytes:
    word = docx.Document()
    _properties(word, document)
    _language(word, document.language)
    if document.draft:
        word.sections[0].header.paragraphs[0].text = "Draft — not for publication"
    word.sections[0].footer.paragraphs[0].text = f"{document.title}. Version {document.fingerprint}."
    if document.draft:
        _bold(word, "Draft — not for publication.", " This version has not been approved.")
    if document.audience == "restricted":
        _bold(word, "Restricted version.", f" It may contain exempt information under {SCHEDULE_12A}.")
    word.add_paragraph(document.author)
    word.add_paragraph(document.title, style="Title")
    if document.subtitle:
        word.add_paragraph(document.subtitle, style="Subtitle")
    _blocks(word, document.blocks)
    out = BytesIO()
    word.save(out)
    return out.getvalue()


def _properties(word, document: Document) -> None:
    props = word.core_properties
    props.title = document.title
    props.author = document.author
    props.subject = document.subtitle
    props.language = document.language
    props.keywords = f"version {document.fingerprint}"
    props.comments = "Draft — not for publication" if document.draft else ""


def _language(word, language: str) -> None:
    """Set the language of all text: in the document defaults and in the Normal style."""
    defaults = word.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for r_pr_of in (r_pr, word.styles["Normal"].element.get_or_add_rPr()):
        lang = r_pr_of.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            r_pr_of.append(lang)
        for attribute in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attribute), language)


def _blocks(word, blocks) -> None:
    for block in blocks:
        match block:
            case Heading():
                text = f"{block.number} {block.text}" if block.number else block.text
                word.add_heading(text, level=block.level)
            case Paragraph():
                word.add_paragraph(block.text)
            case BulletList():
                style = "List Number" if block.ordered else "List Bullet"
                for item in block.items:
                    word.add_paragraph(item, style=style)
            case Fields():
                if block.caption:
                    _bold(word, block.caption)
                for label, value in block.pairs:
                    _bold(word, f"{label}: ", value)
            case Table():
                _table(word, block.caption, block.header, block.rows)
            case Chart():
                _chart(word, block)
            case Findings():
                _findings(word, block)
            case ExemptNotice():
                _bold(
                    word,
                    f"Exempt appendix: {block.title}",
                    f" — not for publication under paragraph {block.paragraph} of {SCHEDULE_12A}.",
                )
            case ExemptPart():
                _bold(
                    word,
                    f"Exempt: {block.title}",
                    f" — not for publication under paragraph {block.paragraph} of {SCHEDULE_12A}.",
                )
                _bold(word, "Public interest test: ", block.public_interest_test)
                _blocks(word, block.blocks)


def _bold(word, label: str, rest: str = "") -> None:
    paragraph = word.add_paragraph()
    paragraph.add_run(label).bold = True
    if rest:
        paragraph.add_run(rest)


def _table(word, caption: str, header, rows) -> None:
    word.add_paragraph(caption, style="Caption")
    table = word.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    _name_table(table, caption)
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    _repeat_as_header(table.rows[0])
    for row, values in zip(table.rows[1:], rows, strict=True):
        for cell, text in zip(row.cells, values, strict=False):
            cell.paragraphs[0].text = text
    word.add_paragraph()


def _name_table(table, caption: str) -> None:
    tbl_pr = table._tbl.tblPr
    for tag, value in (("w:tblCaption", caption), ("w:tblDescription", caption)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        tbl_pr.append(element)


def _repeat_as_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _chart(word, chart: Chart) -> None:
    picture = word.add_picture(BytesIO(charts.png(chart)), width=Cm(15.5))
    doc_pr = picture._inline.docPr
    doc_pr.set("title", chart.title)
    doc_pr.set("descr", chart.alternative)
    caption = chart.title + (f". Source: {chart.source}" if chart.source else "")
    word.add_paragraph(caption, style="Caption")
    _table(
        word, f"Data for the chart: {chart.title}", (chart.x_title, chart.y_title), chart_rows(chart.points)
    )


def _findings(word, block: Findings) -> None:
    word.add_heading("Not for publication: statutory check findings", level=1)
    if not block.findings:
        word.add_paragraph("The statutory checks found nothing to put right.")
    for finding in block.findings:
        paragraph = word.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(0.5)
        severity = paragraph.add_run(f"{finding.severity.capitalize()}: ")
        severity.bold = True
        if finding.severity is Severity.BLOCKS_APPROVAL:
            severity.font.size = Pt(12)
        paragraph.add_run(finding.rule)
        source = word.add_paragraph(f"Source: {finding.source}")
        source.paragraph_format.left_indent = Cm(0.5)
        if finding.detail:
            word.add_paragraph(finding.detail).paragraph_format.left_indent = Cm(0.5)
