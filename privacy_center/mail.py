"""Every e-mail gets an HTML and a text part from ONE template, each escaped for what it is.

``<prefix>_message.html`` is the one template of an e-mail: rendered with autoescaping it is the HTML
part, and the text part is derived from that HTML (``html_to_text``: paragraphs, lists, links as
"text: address", entities decoded, so a text part never shows ``&amp;``). A mail that only has
``<prefix>_message.txt`` (a shop's or a third-party template) is rendered without autoescaping for the
text part and turned into simple HTML (``text_to_html``: escaped, paragraphs, links). A shop that wants
to write the text part by hand keeps a ``_message.txt`` next to the ``.html``; it is used instead of the
derived one. Subjects come from ``<prefix>_subject.txt``, unescaped, on one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from typing import Any

from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.html import urlize


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str


def _render(name: str, context: dict[str, Any], *, autoescape: bool, request=None) -> str:
    template = get_template(name)
    inner = getattr(template, "template", None)  # the Django backend's Template: render with a chosen escaping
    if inner is None or autoescape:
        return template.render(context, request)
    return inner.render(Context(context, autoescape=False))


def _optional(name: str, context: dict[str, Any], **kwargs) -> str | None:
    try:
        return _render(name, context, **kwargs)
    except TemplateDoesNotExist:
        return None


def render_mail_parts(template_prefix: str, context: dict[str, Any], request=None) -> RenderedMail:
    """Subject, text and HTML of one e-mail (see the module docstring for which template gives what)."""
    subject = " ".join(_render(f"{template_prefix}_subject.txt", context, autoescape=False).split())
    html = _optional(f"{template_prefix}_message.html", {**context, "is_html": True}, autoescape=True,
                     request=request)
    text = _optional(f"{template_prefix}_message.txt", {**context, "is_html": False}, autoescape=False)
    if html is None and text is None:
        raise TemplateDoesNotExist(f"{template_prefix}_message.html")
    if html is None:
        assert text is not None  # one of the two exists (checked above)
        html = text_to_html(text, title=subject)
    if text is None:
        text = html_to_text(html)
    return RenderedMail(subject, text.strip() + "\n", html)


# -- text from HTML ------------------------------------------------------------------------

BLOCKS = {"p", "div", "section", "article", "header", "footer", "table", "blockquote", "h1", "h2", "h3", "h4",
          "h5", "h6", "ul", "ol", "dl", "address", "pre", "hr"}
LINES = {"br", "tr", "li", "dt", "dd"}
SKIP = {"head", "style", "script", "title"}


class _TextMaker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # entities (&amp; &#39; ...) arrive decoded
        self.out: list[str] = []
        self.skip = 0
        self.lists: list[list[int]] = []  # per open list: [is_ordered, counter]
        self.links: list[str | None] = []
        self.link_text: list[list[str]] = []
        self.pre = 0
        self.cells = 0

    # The output is a list of chunks; "\n\n" and "\n" chunks mark breaks and are collapsed at the end.
    def _text(self, data: str) -> None:
        if self.link_text:
            self.link_text[-1].append(data)
        else:
            self.out.append(data)

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        if tag in BLOCKS:
            self.out.append("\n\n")
        handler = getattr(self, f"_start_{tag}", None)
        if handler is not None:
            handler(dict(attrs))
        elif tag in LINES:
            self.out.append("\n")

    def _start_list(self, ordered: bool) -> None:
        self.lists.append([ordered, 0])

    def _start_ul(self, attrs) -> None:
        self._start_list(False)

    def _start_ol(self, attrs) -> None:
        self._start_list(True)

    def _start_li(self, attrs) -> None:
        self.out.append("\n")
        if self.lists and self.lists[-1][0]:
            self.lists[-1][1] += 1
            self.out.append(f"{self.lists[-1][1]}. ")
        else:
            self.out.append("- ")

    def _start_tr(self, attrs) -> None:
        self.out.append("\n")
        self.cells = 0

    def _start_td(self, attrs) -> None:
        if self.cells:
            self.out.append(" · ")
        self.cells += 1

    _start_th = _start_td

    def _start_a(self, attrs) -> None:
        self.links.append(attrs.get("href"))
        self.link_text.append([])

    def _start_pre(self, attrs) -> None:
        self.pre += 1

    def _start_img(self, attrs) -> None:
        if attrs.get("alt"):
            self._text(attrs["alt"])

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(self.skip - 1, 0)
            return
        if self.skip:
            return
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag == "a" and self.links:
            href, words = self.links.pop(), " ".join("".join(self.link_text.pop()).split())
            shown = words
            if href and not href.startswith("#"):
                target = href[7:] if href.startswith("mailto:") else href
                shown = target if not words or words == target else f"{words}: {target}"
            self._text(shown)
        elif tag == "pre":
            self.pre = max(self.pre - 1, 0)
        if tag in BLOCKS:
            self.out.append("\n\n")

    def handle_data(self, data):
        if self.skip:
            return
        if self.pre:
            self._text(data)
        else:
            self._text(re.sub(r"\s+", " ", data))

    def result(self) -> str:
        text = "".join(self.out)
        lines = [line.strip() for line in text.split("\n")]
        text = "\n".join(lines)
        return re.sub(r"\n{3,}", "\n\n", text).strip()


def html_to_text(html: str) -> str:
    """The readable text of an e-mail's HTML: blocks as paragraphs, list items as "- ", links as "text: url"."""
    maker = _TextMaker()
    maker.feed(html)
    maker.close()
    return maker.result()


def text_to_html(text: str, title: str = "") -> str:
    """A plain-text mail as simple HTML: escaped, blank lines as paragraphs, addresses as links."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    body = "\n".join(
        "<p>" + "<br>\n".join(urlize(escape(line, quote=False), autoescape=False) for line in p.splitlines())
        + "</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(title)}</title></head>'
            f"<body>\n{body}\n</body></html>\n")
