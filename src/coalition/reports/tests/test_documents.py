"""The documents themselves: a real PDF (WeasyPrint) read back with poppler's pdftotext and
pdffonts, a real DOCX read back with python-docx, the same figures in both, right-to-left
and Khmer text in logical order, and a suppressed value nowhere."""

import io
import re
import shutil
import subprocess

import pytest
from django.utils import translation
from django.utils.translation import gettext
from docx import Document as WordDocument

from coalition.reports import services
from coalition.reports.blocks import CONFIDENCE_INTERVAL
from coalition.reports.building import render, run_build
from coalition.reports.document import build_document
from coalition.reports.models import Build
from coalition.reports.narrative import to_html, to_paragraphs
from coalition.reports.tests.fixtures import SECRET, edition, report_results, results

__all__ = ["edition", "report_results", "results"]
pytestmark = pytest.mark.django_db
SECRET_TEXTS = (f"{SECRET:.1f}", "31.4", "۳۱٫۴", "៣១.៤", "13.8", "49.1")


def pdf_text(pdf: bytes, tmp_path, *options) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        [shutil.which("pdftotext"), *options, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def pdf_fonts(pdf: bytes, tmp_path) -> list[list[str]]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        [shutil.which("pdffonts"), str(path)], capture_output=True, text=True, check=True
    ).stdout
    return [line.split() for line in out.splitlines()[2:]]


def docx_text(content: bytes) -> tuple[WordDocument, str]:
    word = WordDocument(io.BytesIO(content))
    parts = [p.text for p in word.paragraphs]
    parts += [c.text for t in word.tables for row in t.rows for c in row.cells]
    return word, "\n".join(parts)


@pytest.fixture
def written(edition, staff_user):
    summary = edition.sections.get(key="summary")
    texts = {
        "en": "Girls in rural provinces are **furthest behind**.",
        "fa": "دختران در ولایات روستایی بیشتر از همه عقب مانده‌اند.",
        "km": "ក្មេងស្រីនៅតាមជនបទនៅពីក្រោយគេបំផុត។",
    }
    for language, body in texts.items():
        services.save_section_text(section=summary, language=language, body=body, actor=staff_user)
    return edition, texts


def test_the_pdf_has_cover_contents_and_numbered_figures_with_fonts_embedded(written, tmp_path):
    edition, texts = written
    pdf, pages = render(edition, "pdf", "en")
    assert pdf.startswith(b"%PDF") and pages >= 5
    text = pdf_text(pdf, tmp_path)
    assert "Spotlight on SDG 4" in text and "Contents" in text
    assert texts["en"].replace("**", "") in text
    # Contents with page numbers: "1 Summary .......... 3"
    assert re.search(r"Summary\s*\.{5,}\s*\d+", text)
    assert "Figure 1. Completion rate, primary by year (percent)" in text
    assert "Table 1. Data sources of this report" in text
    assert "Draft: not for citation." in text
    fonts = pdf_fonts(pdf, tmp_path)
    assert fonts and all(row[-5] == "yes" for row in fonts), fonts  # the "emb" column


@pytest.mark.parametrize("language", ["fa", "km"])
def test_dari_and_khmer_come_out_in_logical_order_with_their_fonts(written, tmp_path, language):
    edition, texts = written
    pdf, _pages = render(edition, "pdf", language)
    text = pdf_text(pdf, tmp_path)
    # pdftotext may put spaces where Khmer clusters meet, and drops the zero-width
    # non-joiner of Dari: compare without them.
    flat = re.sub(r"[\s\u200c\u200f\u202a-\u202e]", "", text)
    expected = re.sub(r"[\s\u200c]", "", texts[language])
    assert expected in flat
    # Digits in a right-to-left line are placed by pdftotext's own reordering: compare
    # the title's words.
    words = re.sub(r"[\s\d۰-۹]", "", edition.title_in(language))
    assert words in re.sub(r"[\d۰-۹]", "", flat)
    # The cover, contents and tables speak the document's language, whatever the
    # language of whoever builds it (a command, the worker, an English page).
    with translation.override(language):
        labels = [gettext("Contents"), str(CONFIDENCE_INTERVAL)]
    for label in labels:
        assert re.sub(r"[\s\d۰-۹٪%]", "", label) in re.sub(r"[\d۰-۹٪%]", "", flat), label
    fonts = [row[0] for row in pdf_fonts(pdf, tmp_path)]
    wanted = "Naskh-Arabic" if language == "fa" else "Khmer-OS"
    assert any(wanted in font for font in fonts), fonts


def test_charts_carry_their_numbers_as_paths_not_text(written):
    edition, _texts = written
    document = build_document(edition, "fa")
    chart = document.figures[0]
    assert "<text" not in chart.svg and "<path" in chart.svg


def test_the_docx_uses_heading_styles_and_holds_the_pdf_figures(written, tmp_path):
    edition, _texts = written
    word, text = docx_text(render(edition, "docx", "en")[0])
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Head")]
    assert ("Heading 1", "1. Summary") in headings
    assert ("Heading 1", "4. Target 4.1: Primary and secondary education") in headings
    assert ("Heading 2", "Completion rate, primary") in headings
    assert len(word.inline_shapes) == 2  # the chart and the map
    pdf = pdf_text(render(edition, "pdf", "en")[0], tmp_path)
    document = build_document(edition, "en")
    for table in document.tables:
        for row in table.rows:
            for cell in row:
                if cell.numeric and cell.text:
                    assert cell.text in text and cell.text in pdf, cell.text
    assert "54.2" in text and "52.0–56.4" in text and "0.70" in text
    assert "+6.2 (2015–2022)" in text  # the trend column
    assert "+6.2(2015–2022)" in re.sub(r"\s", "", pdf)  # (a narrow column: wrapped)


def test_dari_docx_is_right_to_left(written):
    edition, texts = written
    word, text = docx_text(render(edition, "docx", "fa")[0])
    assert texts["fa"] in text
    assert (
        word.styles["Normal"].element.pPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi"
        )
        is not None
    )
    assert (
        word.tables[0]._tbl.tblPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidiVisual"
        )
        is not None
    )


@pytest.mark.parametrize("language", ["en", "fa", "km"])
def test_a_suppressed_value_appears_in_no_document(written, tmp_path, language):
    edition, _texts = written
    html = render(edition, "html", language)[0].decode()
    _word, docx = docx_text(render(edition, "docx", language)[0])
    pdf = pdf_text(render(edition, "pdf", language)[0], tmp_path)
    for text in (html, docx, pdf):
        for secret in SECRET_TEXTS:
            assert secret not in text
    assert "suppressed" in docx or language != "en"


def test_a_build_runs_as_a_job_and_keeps_its_file(edition, staff_user):
    build = services.start_build(edition=edition, format="pdf", language="km", actor=staff_user)
    assert build.status == "queued"
    done = run_build(build)
    assert done.status == "succeeded" and done.progress == 100 and done.pages >= 5
    assert done.file.read().startswith(b"%PDF") and len(done.sha256) == 64
    assert done.file.name.endswith("-km.pdf")


def test_a_failed_build_says_why_and_keeps_no_file(edition, staff_user, monkeypatch):
    build = services.start_build(edition=edition, format="pdf", language="en", actor=staff_user)

    def broken(*args):
        raise RuntimeError("no fonts at all")

    monkeypatch.setattr("coalition.reports.building.write_pdf", broken)
    done = run_build(build)
    assert done.status == Build.Status.FAILED and "no fonts at all" in done.error
    assert not done.file


def test_narrative_markdown_cannot_carry_script_or_javascript_links():
    html = to_html("# Title\n\n<script>alert(1)</script> [x](javascript:alert(1)) **b**")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert "<h3>Title</h3>" in html and "<strong>b</strong>" in html
    paragraphs = to_paragraphs("# Title\n\nSome **bold** text.\n\n- one\n- two")
    assert [(p.style, p.text) for p in paragraphs] == [
        ("heading", "Title"),
        ("paragraph", "Some bold text."),
        ("bullet", "one"),
        ("bullet", "two"),
    ]
    assert [r.bold for r in paragraphs[1].runs] == [False, True, False]


def test_the_command_line_creates_and_builds(edition, tmp_path):
    from django.core.management import CommandError, call_command

    out = io.StringIO()
    call_command(
        "reports", "create", "--kind", "jsr", "--year", "2026", "--languages", "en,fa",
        "--title", "JSR input", stdout=out,
    )  # fmt: skip
    assert "(draft)" in out.getvalue()
    target = tmp_path / "report.docx"
    call_command(
        "reports", "build", "--edition", str(edition.pk), "--format", "docx",
        "--language", "fa", "--output", str(target), stdout=out,
    )  # fmt: skip
    _word, text = docx_text(target.read_bytes())
    assert edition.title_in("fa") in text
    with pytest.raises(CommandError, match="not ps"):
        call_command("reports", "build", "--edition", str(edition.pk), "--language", "ps")
    with pytest.raises(CommandError, match="No edition"):
        call_command("reports", "build", "--edition", "999")
    call_command("reports", "list", stdout=out)
    assert "JSR input" in out.getvalue() and "Spotlight on SDG 4" in out.getvalue()
