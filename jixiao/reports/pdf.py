"""PDF renderer: WeasyPrint prints the standalone HTML document. No ORM here.

Fonts come from Debian's fonts-noto-cjk through fontconfig (Noto Serif CJK SC for the body,
Noto Sans CJK SC for 黑体 headings) and are embedded, subset, in the PDF.
"""

from __future__ import annotations

from weasyprint import HTML


def pdf_render(html_document: str) -> bytes:
    """Return the PDF of `html_document`; `presentational_hints` honours HTML table attributes."""
    return HTML(string=html_document).write_pdf(presentational_hints=True)
