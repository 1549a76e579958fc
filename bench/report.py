"""Benchmark: building the demo coalition's full Spotlight Report (every chapter, its
charts and maps, the annex) as PDF and DOCX, against a baseline measured in the same run:
rendering the same document's HTML alone (the template, with the charts and maps already
drawn), which is what a browser would get.

Stages are timed apart: gathering the figures (queries), drawing the document (charts and
maps), the HTML, WeasyPrint's layout and PDF, and the Word file. The target is a full
edition (at least 30 pages, 20 charts and maps) in under 60 seconds.

    .venv/bin/python bench/report.py [--country AF] [--language en] [--repeat 1]
"""

import argparse
import statistics
import time

from demo_site import load_demo


def timed(action, repeat: int):
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--country", default="AF")
    parser.add_argument("--language", default="en")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    load_demo(args.country)
    from coalition.reports.document import build_document
    from coalition.reports.figures import collect
    from coalition.reports.models import Edition
    from coalition.reports.printing import print_html, write_pdf
    from coalition.reports.word import write_docx

    edition = Edition.objects.get(kind="spotlight", status="published")
    language = args.language if args.language in edition.languages else "en"

    gather, _data = timed(lambda: collect(edition), args.repeat)
    draw, document = timed(lambda: build_document(edition, language), args.repeat)
    html_alone, html = timed(lambda: print_html(document), args.repeat)
    pdf_time, printed = timed(lambda: write_pdf(document), args.repeat)
    docx_time, docx = timed(lambda: write_docx(document), args.repeat)

    figures = len(document.figures)
    pdf_total = draw + html_alone + pdf_time
    docx_total = draw + docx_time
    print(f"\nSpotlight Report, {language}: {printed.pages} pages, {figures} charts and maps, ")
    print(f"{len(document.tables)} tables; PDF {len(printed.pdf):,} bytes, DOCX {len(docx):,}")
    print(f"{'stage':<34} {'seconds':>8} {'× HTML alone':>13}")
    rows = [
        ("figures gathered (queries)", gather),
        ("document drawn (charts, maps)", draw),
        ("HTML alone (baseline)", html_alone),
        ("WeasyPrint layout and PDF", pdf_time),
        ("Word file", docx_time),
        ("PDF in all (draw + HTML + PDF)", pdf_total),
        ("DOCX in all (draw + Word)", docx_total),
    ]
    for label, seconds in rows:
        print(f"{label:<34} {seconds:>8.2f} {seconds / html_alone:>13.1f}")
    big_enough = printed.pages >= 30 and figures >= 20
    print(
        f"\nfull edition (≥ 30 pages, ≥ 20 charts and maps): {'yes' if big_enough else 'NO'}; "
        f"PDF {'under' if pdf_total < 60 else 'OVER'} the 60 s target; "
        f"HTML {len(html):,} characters"
    )
    return 0 if big_enough else 1


if __name__ == "__main__":
    raise SystemExit(main())
