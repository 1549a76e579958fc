"""Section narrative: Markdown as the editors write it, turned into safe HTML for pages
and PDFs, and into paragraphs with bold and italic runs for Word.

CommonMark with tables, no raw HTML (it is shown as text) and no javascript: links: what
an editor writes can never run in a reader's browser. Headings inside a section start one
level below the section's own."""

from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_parser = MarkdownIt("js-default")  # CommonMark, tables, strikethrough; html off
SECTION_LEVEL = 2  # the section's title is h2; "# Heading" in its text becomes h3


def _demoted(tokens):
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(int(token.tag[1]) + SECTION_LEVEL, 6)
            token.tag = f"h{level}"
    return tokens


def to_html(markdown: str) -> SafeString:
    tokens = _demoted(_parser.parse(markdown or ""))
    return mark_safe(_parser.renderer.render(tokens, _parser.options, {}))  # noqa: S308 - html off


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Paragraph:
    style: str  # "paragraph", "heading", "bullet", "number", "quote"
    level: int = 0  # heading level (3..6)
    runs: list[Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def to_paragraphs(markdown: str) -> list[Paragraph]:
    """Block by block, for documents that are not HTML (Word). Tables and images in the
    narrative become their text."""
    out: list[Paragraph] = []
    lists: list[str] = []
    quoted = 0
    level = 0
    for token in _demoted(_parser.parse(markdown or "")):
        if token.type == "bullet_list_open":
            lists.append("bullet")
        elif token.type == "ordered_list_open":
            lists.append("number")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "blockquote_open":
            quoted += 1
        elif token.type == "blockquote_close":
            quoted -= 1
        elif token.type == "heading_open":
            level = int(token.tag[1])
        elif token.type == "inline":
            if level:
                style = "heading"
            elif lists:
                style = lists[-1]
            elif quoted:
                style = "quote"
            else:
                style = "paragraph"
            out.append(Paragraph(style, level, _runs(token.children or [])))
            level = 0
    return out


def _runs(children) -> list[Run]:
    runs, bold, italic = [], False, False
    for child in children:
        if child.type == "strong_open":
            bold = True
        elif child.type == "strong_close":
            bold = False
        elif child.type == "em_open":
            italic = True
        elif child.type == "em_close":
            italic = False
        elif child.type in ("text", "code_inline"):
            runs.append(Run(child.content, bold, italic))
        elif child.type in ("softbreak", "hardbreak"):
            runs.append(Run(" " if child.type == "softbreak" else "\n", bold, italic))
    return runs
