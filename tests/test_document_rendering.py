"""One document, three outputs: the same headings, findings, charts and exempt parts in HTML, Word and
tagged PDF, and no exempt text in any public output. Each document is rendered once per module."""

import re
import shutil
import subprocess
import sys
import zipfile
import zlib
from html import unescape
from io import BytesIO

import docx
import pypdf
import pytest

from flows.adapters.documents import DocumentRenderer, Format, PdfUnavailable, file_name, render_all
from flows.adapters.documents.accessibility import check_all, check_docx, check_html, check_pdf
from flows.adapters.documents.pdf import html_to_pdf
from governance.documents.model import (
    Audience,
    BulletList,
    Chart,
    ChartPoint,
    Document,
    ExemptPart,
    Fields,
    FindingNote,
    Findings,
    Heading,
    Paragraph,
    Severity,
    Table,
)

FINDINGS_HEADING = "Not for publication: statutory check findings"
NOTICE = (
    "Exempt appendix: Thematic review action plan — not for publication under paragraph 7 of "
    "Schedule 12A to the Local Government Act 1972"
)
AT_RISK = Chart(
    title="Children assessed at risk, per month (count for the month)",
    x_title="Month",
    y_title="Children assessed at risk (count for the month)",
    points=tuple(
        ChartPoint(label=m, value=v) for m, v in [("May 2020", 12), ("June 2020", 15), ("July 2020", 9)]
    ),
    alternative="The count rose from 12 in May 2020 to 15 in June 2020, then fell to 9 in July 2020.",
    source="Children's social care monthly returns",
)


def a_document_with_every_block(draft: bool = True) -> Document:
    """A committee-style report holding every kind of block, with an exempt appendix."""
    return Document(
        key="tbp-committee-report-2026-01",
        title="Child exploitation in Bradford: report to the Children's Services Scrutiny Committee",
        subtitle="Report of the Strategic Director, Children's Services",
        author="The Bradford Partnership",
        draft=draft,
        blocks=(
            Findings(
                findings=(
                    FindingNote(
                        rule="Every council report lists its background documents",
                        source="Local Government Act 1972 s100D",
                        severity=Severity.BLOCKS_APPROVAL,
                        detail="section 12 is empty",
                    ),
                    FindingNote(
                        rule="Says who to contact", source="Council practice", severity=Severity.ADVISORY
                    ),
                )
            ),
            Fields(
                caption="About this report",
                pairs=(("Report of", "Strategic Director"), ("Portfolio", "Children")),
            ),
            Heading(level=1, number="1", text="Summary"),
            Paragraph(text="The partnership reviewed <b>child exploitation</b> & missing episodes."),
            Heading(level=1, number="7", text="Implications"),
            Heading(level=2, number="7.1", text="Sustainability implications"),
            BulletList(items=("None arising", "Reviewed yearly")),
            BulletList(items=("First step", "Second step"), ordered=True),
            Table(
                caption="Reviews in 2025/26",
                header=("Review", "Status"),
                rows=(("TBP-LCSPR-2025-01", "Published"), ("TBP-RR-2025-03", "Rapid review held")),
            ),
            AT_RISK,
            Heading(level=1, number="11", text="Appendices"),
            ExemptPart(
                title="Thematic review action plan",
                paragraph=7,
                public_interest_test="Withholding protects the Kestrel operation; disclosure would prejudice it.",
                blocks=(
                    Heading(level=2, text="Actions on the Kestrel operation"),
                    Paragraph(text="Officers will visit the Marigold address weekly until March."),
                    Table(
                        caption="Owners",
                        header=("Action", "Owner"),
                        rows=(("Disrupt Sparrow Lane", "DI Quill"),),
                    ),
                ),
            ),
            Heading(level=1, number="12", text="Background documents"),
            Paragraph(text="None."),
        ),
    )


def expected_headings(document: Document) -> list[tuple[int, str]]:
    """(level, text) in reading order, the title at level 0, as every format should show them."""

    def walk(blocks) -> list[tuple[int, str]]:
        found: list[tuple[int, str]] = []
        for block in blocks:
            if isinstance(block, Heading):
                found.append((block.level, f"{block.number} {block.text}".strip()))
            elif isinstance(block, Findings):
                found.append((1, FINDINGS_HEADING))
            elif isinstance(block, ExemptPart):
                found.extend(walk(block.blocks))
        return found

    return [(0, document.title), *walk(document.blocks)]


@pytest.fixture(scope="module")
def restricted() -> Document:
    return a_document_with_every_block()


@pytest.fixture(scope="module")
def public(restricted: Document) -> Document:
    return restricted.public()


@pytest.fixture(scope="module")
def outputs(restricted: Document, public: Document) -> dict[Audience, dict[Format, bytes]]:
    return {Audience.RESTRICTED: render_all(restricted), Audience.PUBLIC: render_all(public)}


def html_headings(html: bytes) -> list[tuple[int, str]]:
    found = re.findall(r"<h([1-6])>(.*?)</h\1>", html.decode(), flags=re.S)
    return [(int(level) - 1, unescape(re.sub(r"<[^>]+>", "", text)).strip()) for level, text in found]


def word_headings(data: bytes) -> list[tuple[int, str]]:
    levels = {"Title": 0, **{f"Heading {n}": n for n in range(1, 10)}}
    word = docx.Document(BytesIO(data))
    return [(levels[p.style.name], p.text) for p in word.paragraphs if p.style.name in levels]


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(BytesIO(data)).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def word_text(data: bytes) -> str:
    word = docx.Document(BytesIO(data))
    cells = [c.text for t in word.tables for r in t.rows for c in r.cells]
    return flat(" ".join([p.text for p in word.paragraphs] + cells))


def in_order(needles: list[str], haystack: str) -> bool:
    at = 0
    for needle in needles:
        at = haystack.find(needle, at)
        if at < 0:
            return False
        at += len(needle)
    return True


@pytest.mark.parametrize("audience", list(Audience))
def test_html_shows_the_documents_headings_in_order_with_the_title_as_its_only_h1(
    outputs, restricted, audience
):
    document = restricted.for_audience(audience)
    assert html_headings(outputs[audience][Format.HTML]) == expected_headings(document)


@pytest.mark.parametrize("audience", list(Audience))
def test_word_has_the_title_and_headings_in_the_built_in_styles_in_order(outputs, restricted, audience):
    document = restricted.for_audience(audience)
    assert word_headings(outputs[audience][Format.DOCX]) == expected_headings(document)


@pytest.mark.parametrize("audience", list(Audience))
def test_pdf_text_holds_the_headings_in_order_and_tags_them(outputs, restricted, audience):
    document = restricted.for_audience(audience)
    headings = expected_headings(document)
    assert in_order([flat(text) for _, text in headings], flat(pdf_text(outputs[audience][Format.PDF])))
    assert check_pdf(outputs[audience][Format.PDF]) == []


def test_the_pdf_carries_its_title_language_and_tag_structure(outputs, public):
    reader = pypdf.PdfReader(BytesIO(outputs[Audience.PUBLIC][Format.PDF]))
    root = reader.trailer["/Root"]
    assert reader.metadata["/Title"].startswith(public.title)
    assert reader.metadata["/Author"] == public.author
    assert root["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]


def test_the_word_file_carries_its_title_author_language_and_repeating_header_rows(outputs, public):
    data = outputs[Audience.PUBLIC][Format.DOCX]
    word = docx.Document(BytesIO(data))
    assert (word.core_properties.title, word.core_properties.author) == (public.title, public.author)
    assert word.core_properties.language == "en-GB"
    assert 'w:lang w:val="en-GB"' in zipfile.ZipFile(BytesIO(data)).read("word/styles.xml").decode()
    assert all("w:tblHeader" in table.rows[0]._tr.xml for table in word.tables)
    assert check_docx(data) == []


def test_a_chart_is_an_svg_image_named_by_its_alternative_then_its_data_table(outputs):
    html = outputs[Audience.PUBLIC][Format.HTML].decode()
    svg = re.search(r"<svg[^>]*>", html)[0]
    assert 'role="img"' in svg
    assert AT_RISK.alternative in unescape(re.search(r'aria-label="([^"]*)"', svg)[1])
    after = html[html.index("</svg>") :]
    assert in_order(
        [AT_RISK.title, "Data for the chart:", "May 2020", "12", "June 2020", "15"], unescape(after)
    )


def test_the_chart_is_a_picture_with_alternative_text_in_word_and_vector_in_the_pdf(outputs):
    data = outputs[Audience.PUBLIC][Format.DOCX]
    document_xml = zipfile.ZipFile(BytesIO(data)).read("word/document.xml").decode()
    assert re.search(r'<wp:docPr [^>]*descr="' + re.escape(AT_RISK.alternative) + '"', document_xml)
    assert any(name.endswith(".png") for name in zipfile.ZipFile(BytesIO(data)).namelist())
    pdf = outputs[Audience.PUBLIC][Format.PDF]
    assert b"/Subtype /Image" not in pdf and b"/Subtype/Image" not in pdf, "the chart is drawn, not a bitmap"
    assert "July 2020" in pdf_text(pdf)


def test_the_pdf_figure_of_the_chart_carries_its_alternative(outputs):
    from flows.adapters.documents.accessibility import structure_tags

    root = pypdf.PdfReader(BytesIO(outputs[Audience.PUBLIC][Format.PDF])).trailer["/Root"]
    figures = [alt for tag, alt in structure_tags(root["/StructTreeRoot"]["/K"]) if tag == "/Figure"]
    assert figures == [f"{AT_RISK.title}: {AT_RISK.alternative}"]


@pytest.mark.parametrize("format", list(Format))
def test_no_exempt_text_reaches_the_public_version_in_any_format(outputs, restricted, format):
    texts = restricted.exempt_texts()
    assert len(texts) >= 5
    readable = everything_readable_in(outputs[Audience.PUBLIC][format], format)
    assert [t for t in texts if flat(t) in readable] == []
    assert [w for w in ("Kestrel", "Marigold", "Sparrow", "Quill") if w in readable] == []
    assert NOTICE in readable


@pytest.mark.parametrize("format", list(Format))
def test_all_exempt_text_is_in_the_restricted_version(outputs, restricted, format):
    readable = everything_readable_in(outputs[Audience.RESTRICTED][format], format)
    assert [t for t in restricted.exempt_texts() if flat(t) not in readable] == []
    assert "Public interest test:" in readable


def everything_readable_in(data: bytes, format: Format) -> str:
    """All the text a file holds: for Word every XML part; for PDF the extracted text and every
    stream, decompressed, read as UTF-8 and UTF-16."""
    if format is Format.HTML:
        return flat(unescape(re.sub(r"<[^>]+>", " ", data.decode())))
    if format is Format.DOCX:
        parts = zipfile.ZipFile(BytesIO(data))
        xml = " ".join(
            parts.read(n).decode("utf-8", "replace") for n in parts.namelist() if n.endswith(".xml")
        )
        return flat(unescape(re.sub(r"<[^>]+>", "", xml))) + " " + word_text(data)
    streams = [_inflate(s) for s in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, flags=re.S)]
    decoded = [
        s.decode(codec, "ignore") for s in [data, *streams] for codec in ("utf-8", "utf-16-be", "latin-1")
    ]
    return flat(pdf_text(data) + " " + " ".join(decoded))


def _inflate(stream: bytes) -> bytes:
    try:
        return zlib.decompress(stream)
    except zlib.error:
        return stream


@pytest.mark.parametrize("format", list(Format))
def test_a_draft_says_it_is_not_for_publication_and_shows_its_findings_in_words(outputs, format):
    readable = everything_readable_in(outputs[Audience.RESTRICTED][format], format)
    assert "Draft — not for publication" in readable
    assert FINDINGS_HEADING in readable
    for words in (
        "Blocks approval: Every council report lists its background documents",
        "Advisory: Says who",
    ):
        assert words in readable
    assert "Source: Local Government Act 1972 s100D" in readable


@pytest.mark.parametrize("format", list(Format))
def test_the_public_version_has_no_findings(outputs, format):
    assert FINDINGS_HEADING not in everything_readable_in(outputs[Audience.PUBLIC][format], format)


def test_an_approved_document_has_no_draft_banner():
    approved = a_document_with_every_block(draft=False).public()
    html = DocumentRenderer().render(approved, "html").decode()
    assert "not for publication" not in html.replace(NOTICE.split(" — ")[1], "")
    assert "Draft" not in word_text(DocumentRenderer().render(approved, Format.DOCX))


def test_text_is_escaped_not_read_as_markup(outputs):
    html = outputs[Audience.PUBLIC][Format.HTML].decode()
    assert "&lt;b&gt;child exploitation&lt;/b&gt; &amp; missing" in html


def every_text(blocks) -> list[str]:
    texts: list[str] = []
    for block in blocks:
        match block:
            case Paragraph(text=text):
                texts.append(text)
            case BulletList(items=items):
                texts += items
            case Table(caption=caption, header=header, rows=rows):
                texts += [caption, *header, *(cell for row in rows for cell in row)]
            case Fields(pairs=pairs):
                texts += [text for pair in pairs for text in pair]
            case Chart():
                texts += [block.title, block.x_title, block.y_title, *(p.label for p in block.points)]
            case ExemptPart():
                texts += [block.public_interest_test, *every_text(block.blocks)]
    return texts


@pytest.mark.parametrize("format", list(Format))
def test_every_block_is_in_every_format(outputs, restricted, format):
    readable = everything_readable_in(outputs[Audience.RESTRICTED][format], format)
    assert [t for t in every_text(restricted.blocks) if flat(t) not in readable] == []


def test_markup_in_a_chart_label_is_drawn_as_text(restricted):
    chart = AT_RISK.model_copy(update={"points": (ChartPoint(label="<script>alert(1)</script>", value=1),)})
    html = DocumentRenderer().render(restricted.model_copy(update={"blocks": (chart,)}), Format.HTML).decode()
    assert "<script" not in html
    assert check_html(html) == []


def test_the_files_are_named_for_the_report_and_the_version(restricted, public):
    assert file_name(public, Format.PDF) == "tbp-committee-report-2026-01.pdf"
    assert file_name(restricted, Format.DOCX) == "tbp-committee-report-2026-01-restricted.docx"


def test_every_output_passes_the_accessibility_checks(outputs):
    assert check_all(outputs[Audience.PUBLIC]) == []
    assert check_all(outputs[Audience.RESTRICTED]) == []


def test_the_checks_name_what_is_wrong_with_an_inaccessible_page():
    page = "<html><head></head><body><h1>A</h1><h1>B</h1><h3>C</h3><table><tr><th>x</th></tr></table>"
    problems = check_html(page + '<img src="c.png"><svg><rect/></svg></body></html>')
    assert problems == [
        "the page does not say its language (<html lang>)",
        "the page has no title (<title>)",
        "the page has 2 main headings (<h1>); it needs exactly one",
        "a level 3 heading follows a level 1 heading: heading levels skip",
        "table 1 has no caption",
        "table 1 has 1 header cells without a scope",
        "1 images have no text alternative (alt)",
        "1 charts or drawings (<svg>) have no role=img and accessible name",
    ]


def test_the_checks_find_an_untagged_pdf_and_a_word_file_without_title_or_header_rows():
    import weasyprint

    untagged = weasyprint.HTML(string="<p>Hello</p>").write_pdf()
    assert "the PDF is not tagged (no structure tree)" in check_pdf(untagged)
    assert "the PDF has no title" in check_pdf(untagged)
    plain = docx.Document()
    plain.add_heading("Skipped", level=2)
    plain.add_table(rows=2, cols=2)
    out = BytesIO()
    plain.save(out)
    problems = check_docx(out.getvalue())
    assert "the document has no title in its properties" in problems
    assert "table 1 has no header row marked to repeat" in problems


def test_without_pango_pdf_is_refused_in_one_sentence(monkeypatch):
    class NoPango:
        def find_spec(self, name, path=None, target=None):
            if name == "weasyprint":
                raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.delitem(sys.modules, "weasyprint")
    monkeypatch.setattr(sys, "meta_path", [NoPango(), *sys.meta_path])
    with pytest.raises(PdfUnavailable) as refused:
        html_to_pdf("<html lang='en-GB'><title>x</title><p>x</p></html>")
    assert str(refused.value) == (
        "PDF needs Pango, which is not installed: apt-get install libpango-1.0-0 libpangoft2-1.0-0"
    )


NO_LIBREOFFICE = shutil.which("soffice") is None


def converted_by_libreoffice(files: dict[str, bytes], folder) -> dict[str, bytes]:
    """Each Word file converted to PDF by LibreOffice headless, in one run: proof that it opens."""
    for name, data in files.items():
        (folder / name).write_bytes(data)
    profile = f"-env:UserInstallation=file://{folder / 'profile'}"
    command = ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(folder / "pdf")]
    subprocess.run(
        [*command, *(str(folder / n) for n in files)], check=True, capture_output=True, timeout=300
    )
    return {name: (folder / "pdf" / name).with_suffix(".pdf").read_bytes() for name in files}


@pytest.mark.skipif(NO_LIBREOFFICE, reason="LibreOffice (soffice) is not installed")
def test_the_word_file_opens_and_converts_in_libreoffice(outputs, public, tmp_path):
    name = file_name(public, Format.DOCX)
    converted = converted_by_libreoffice({name: outputs[Audience.PUBLIC][Format.DOCX]}, tmp_path)[name]
    assert in_order([flat(t) for _, t in expected_headings(public)], flat(pdf_text(converted)))


# The Bradford demo: every report the registry holds, drafted from it, in every format.

BUSINESS_MANAGER = "joanne-pickering"
SAB_ANNUAL_REPORT = "bsab-annual-report-2025-26"


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory) -> str:
    from registry.engine import make_engine
    from registry.migrate import upgrade
    from registry.partnership_file.loader import load_partnership_file

    url = f"sqlite:///{tmp_path_factory.mktemp('bradford') / 'registry.db'}"
    upgrade(url)
    engine = make_engine(url)
    load_partnership_file(engine)
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def demo(demo_url) -> dict[tuple[str, Audience], tuple[Document, dict[Format, bytes]]]:
    """Each demo report as the business manager reads it, public and restricted, in all three formats."""
    from governance.documents.use_cases import draft_report_document
    from registry.engine import make_engine
    from registry.partnership_file.file import read_partnership_file
    from registry.partnership_file.loader import BRADFORD_DEMO
    from registry.unit_of_work import SqlUnitOfWork

    engine = make_engine(demo_url)
    drafted = {}
    for report in read_partnership_file(BRADFORD_DEMO).reports:
        for audience in Audience:
            uow = SqlUnitOfWork(engine)
            document = draft_report_document(report.key, reader=BUSINESS_MANAGER, audience=audience, uow=uow)
            drafted[report.key, audience] = document, render_all(document)
    engine.dispose()
    return drafted


def test_every_demo_document_shows_its_headings_in_order_in_every_format(demo):
    assert len(demo) >= 8
    for (key, _audience), (document, files) in demo.items():
        expected = expected_headings(document)
        assert html_headings(files[Format.HTML]) == expected, key
        assert word_headings(files[Format.DOCX]) == expected, key
        assert in_order([flat(t) for _, t in expected], flat(pdf_text(files[Format.PDF]))), key


def test_every_demo_document_passes_the_accessibility_checks_in_every_format(demo):
    assert {key: problems for key, (_, files) in demo.items() if (problems := check_all(files))} == {}


def test_no_demo_documents_exempt_text_reaches_its_public_version_and_all_is_in_the_restricted(demo):
    exempt = {key: secret(d) for (key, audience), (d, _) in demo.items() if audience is Audience.RESTRICTED}
    assert any(exempt.values()), "the demo holds at least one exempt part"
    for key, texts in exempt.items():
        for format in Format:
            public = everything_readable_in(demo[key, Audience.PUBLIC][1][format], format)
            restricted = everything_readable_in(demo[key, Audience.RESTRICTED][1][format], format)
            assert [t for t in texts if flat(t) in public] == [], (key, format)
            assert [t for t in texts if flat(t) not in restricted] == [], (key, format)


def secret(document: Document) -> list[str]:
    """The exempt texts but for each part's own title, which the public notice names by law."""
    titles = {b.title for b in document.blocks if isinstance(b, ExemptPart)}
    return [t for t in document.exempt_texts() if t not in titles]


@pytest.fixture
def build(demo_url, tmp_path, monkeypatch):
    """``govern report build …`` on the demo registry."""
    from typer.testing import CliRunner

    from app.cli.main import app

    monkeypatch.setenv("GOVERN_DATABASE_URL", demo_url)
    monkeypatch.setenv("GOVERN_DATA_DIR", str(tmp_path / "data"))
    return lambda *args: CliRunner().invoke(app, ["report", "build", *args])


@pytest.mark.parametrize("key", [SAB_ANNUAL_REPORT, "tbp-yearly-report-2025-26"])
def test_build_writes_each_format_prints_the_paths_and_findings_and_exits_1_when_one_blocks(
    build, demo_url, tmp_path, key
):
    from governance.reports.use_cases import check_report
    from registry.engine import make_engine
    from registry.unit_of_work import SqlUnitOfWork

    result = build(key, "--by", BUSINESS_MANAGER, "--format", "all", "--out", str(tmp_path))
    names = [f"{key}.{ext}" for ext in ("html", "docx", "pdf")]
    assert [line.rsplit("/", 1)[-1] for line in result.output.splitlines()[:3]] == names
    assert check_all({Format(n.rsplit(".")[-1]): (tmp_path / n).read_bytes() for n in names}) == []
    findings = check_report(key, uow=SqlUnitOfWork(make_engine(demo_url))).findings
    blocking = [f for f in findings if f.blocking]
    assert [f.message for f in blocking if f.message not in result.output] == []
    assert result.exit_code == (1 if blocking else 0), result.output


def test_build_of_the_restricted_version_is_named_so_and_refused_to_someone_not_entitled(build, tmp_path):
    result = build(
        SAB_ANNUAL_REPORT, "--by", BUSINESS_MANAGER, "--format", "pdf", "--restricted", "--out", str(tmp_path)
    )
    assert result.output.splitlines()[0].endswith(f"{SAB_ANNUAL_REPORT}-restricted.pdf"), result.output
    refused = build(SAB_ANNUAL_REPORT, "--by", "helen-achebe", "--restricted", "--out", str(tmp_path / "no"))
    assert refused.exit_code == 2 and "Traceback" not in refused.output
    assert not (tmp_path / "no").exists()


def test_build_without_pango_says_so_in_one_sentence(build, tmp_path, monkeypatch):
    from flows.adapters.documents import pdf

    def no_pango():
        raise PdfUnavailable(f"PDF needs Pango, which is not installed: {pdf.PANGO}")

    monkeypatch.setattr(pdf, "_weasyprint", no_pango)
    result = build(SAB_ANNUAL_REPORT, "--by", BUSINESS_MANAGER, "--format", "pdf", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert result.output.strip() == (
        "PDF needs Pango, which is not installed: apt-get install libpango-1.0-0 libpangoft2-1.0-0"
    )


def test_build_refuses_an_unknown_format_in_words(build, tmp_path):
    result = build(SAB_ANNUAL_REPORT, "--by", BUSINESS_MANAGER, "--format", "odt", "--out", str(tmp_path))
    assert (result.exit_code, result.output.strip()) == (2, "no format 'odt'; formats: html, docx, pdf, all")


@pytest.mark.skipif(NO_LIBREOFFICE, reason="LibreOffice (soffice) is not installed")
def test_every_demo_word_file_converts_in_libreoffice_with_its_headings(demo, tmp_path):
    restricted = {
        file_name(d, Format.DOCX): (d, f) for (_, a), (d, f) in demo.items() if a is Audience.RESTRICTED
    }
    converted = converted_by_libreoffice({n: f[Format.DOCX] for n, (_, f) in restricted.items()}, tmp_path)
    for name, (document, _) in restricted.items():
        assert in_order([flat(t) for _, t in expected_headings(document)], flat(pdf_text(converted[name]))), (
            name
        )


@pytest.mark.parametrize(
    ("key", "heading"),
    [
        ("cse-thematic-review-2021-update-2026-11", "Recommendations and actions"),
        ("tbp-pack-2027-01-19", None),
    ],
)
def test_build_writes_a_plans_monthly_update_and_a_board_pack_too(build, tmp_path, key, heading):
    result = build(key, "--by", BUSINESS_MANAGER, "--format", "docx", "--restricted", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    written = tmp_path / result.output.splitlines()[0].rsplit("/", 1)[-1]
    headings = [p.text for p in docx.Document(str(written)).paragraphs if p.style.name.startswith("Heading")]
    assert headings and (heading is None or heading in headings)


def test_build_of_a_published_report_says_the_document_is_the_approved_one_and_exits_0(build, tmp_path):
    result = build(
        "tbp-yearly-report-2024-25", "--by", BUSINESS_MANAGER, "--format", "html", "--out", str(tmp_path)
    )
    assert result.exit_code == 0 and "the document is the one approved" in result.output
