"""The files of `leansharp docs -o DIR` (model: `leansharp_tools.docs`): index.html, one
`<module>.html` per module, docs.css, docs.js (the search) and search-index.js (every
declaration's name, page#anchor, kind and status). Static and self-contained: no
network, links relative to DIR (source links too, `pages.SourceLinks`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, List

from leansharp_tools.docs import DocSite, inline_code
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.render.pages import SourceLinks, render_page


def docs_files(site: DocSite, out: Path) -> Dict[str, str]:
    """{file name: its text} of the site written to directory `out`."""
    links = SourceLinks(Path(site.root).resolve(), Path(out).resolve())
    counts: Dict[str, int] = {}
    for d in site.declarations():
        if d.listed:
            counts[d.status] = counts.get(d.status, 0) + 1
    files = {
        "index.html": render_page("docs_index.html.j2", site=site, counts=counts, total=sum(counts.values()),
                                  inline_code=inline_code, links=links),
        "docs.css": render_page("docs.css.j2"),
        "docs.js": render_page("docs.js.j2"),
        "search-index.js": "window.leansharpDocsIndex = "
                           + json.dumps(site.search_index(), ensure_ascii=False, separators=(",", ":")) + ";\n",
    }
    for m in site.modules:
        files[m.page] = render_page("docs_module.html.j2", site=site, module=m, inline_code=inline_code, links=links)
    return files


def write_docs(site: DocSite, out: Path) -> List[Path]:
    """Write the site into `out` (created); the files written. One-line error when it cannot."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise LeanSharpError(f"{out}: not a directory; give `-o` a directory for the documentation site")
    written: List[Path] = []
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, text in docs_files(site, out).items():
            (out / name).write_text(text, encoding="utf-8")
            written.append(out / name)
    except OSError as err:
        raise LeanSharpError(f"{out}: cannot write the documentation site ({err.strerror})") from None
    return written
