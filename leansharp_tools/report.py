"""Rendering of reports: rich tables for people, one JSON document for machines.

Every function takes plain data (from status.py, graph.py, doctor.py ...) and a
`rich.console.Console`; none computes anything.
"""

from __future__ import annotations

import json
import sys
from typing import Any, Iterable, List, Optional

from rich.console import Console
from rich.table import Table

STATUS_STYLE = {
    "proved": "green", "admitted": "bold red", "axiom": "bold red", "foreign-axiom": "red",
    "unguarded": "bold magenta", "unknown": "yellow", "missing": "bold red",
    "partial": "yellow", "open": "dim",
}


def console(stderr: bool = False) -> Console:
    """A rich console; when not writing to a terminal (CI logs, pipes) use a wide
    fixed width so tables are not folded at 80 columns."""
    con = Console(stderr=stderr, highlight=False, soft_wrap=False)
    if not con.is_terminal:
        con = Console(stderr=stderr, highlight=False, soft_wrap=False, width=200)
    return con


def print_json(doc: Any) -> None:
    """The single JSON document of a --json report, on stdout."""
    sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def styled(status: str) -> str:
    st = STATUS_STYLE.get(status)
    return f"[{st}]{status}[/{st}]" if st else status


# ------------------------------------------------------------------------ status

def render_status(con: Console, report, show_all: bool = False) -> None:
    from leansharp_tools.status import STATUSES

    holes = [d for d in report.declarations if d.status != "proved"]
    if show_all or holes:
        t = Table(title="Declarations" if show_all else "Declarations that are not proved", title_justify="left")
        for c in ("status", "declaration", "kind", "file:line", "detail"):
            t.add_column(c, overflow="fold")
        for d in (report.declarations if show_all else holes):
            detail = ", ".join(d.axioms + d.unsafe + ([d.error] if d.error else []))
            t.add_row(styled(d.status), d.name, d.kind, f"{d.file}:{d.line}", detail)
        con.print(t)

    t = Table(title="Modules", title_justify="left")
    t.add_column("module")
    t.add_column("decls", justify="right")
    for s in STATUSES:
        t.add_column(s, justify="right")
    for m in report.module_summary():
        t.add_row(m["module"], str(m["total"]),
                  *[(styled(str(m["counts"][s])) if m["counts"][s] and s != "proved" else str(m["counts"][s]))
                    for s in STATUSES])
    tot = report.totals()
    t.add_row("[bold]total[/bold]", f"[bold]{tot['declarations']}[/bold]", *[f"[bold]{tot[s]}[/bold]" for s in STATUSES])
    con.print(t)

    if report.roadmap:
        t = Table(title="Roadmap items", title_justify="left")
        for c in ("item", "tier", "status", "proved", "title"):
            t.add_column(c, overflow="fold")
        for it in report.roadmap:
            n = len(it.declarations)
            k = sum(1 for d in it.declarations if d["status"] == "proved")
            t.add_row(it.item.id + (" ★" if it.item.headline else ""), str(it.item.tier), styled(it.status),
                      f"{k}/{n}", it.item.title)
        con.print(t)
        rt = report.roadmap_totals()
        con.print(f"roadmap: {rt['proved']} proved, {rt['partial']} partial, {rt['open']} open")

    if report.problems:
        con.print(f"[bold red]{len(report.problems)} problem(s)[/bold red] (leansharp status --strict fails):")
        for p in report.problems[:50]:
            con.print(f"  {p}", markup=False)
        if len(report.problems) > 50:
            con.print(f"  ... and {len(report.problems) - 50} more (see --json)")
    else:
        con.print(f"[bold green]all {tot['declarations']} declarations proved[/bold green] "
                  f"(standard classical axioms only)")


# ------------------------------------------------------------------------- build

def render_build_errors(con: Console, errors: Iterable, output_tail: List[str]) -> None:
    errors = list(errors)
    lines = [str(e) for e in errors] if errors else list(output_tail)
    con.file.write("".join(l + "\n" for l in lines))
    con.file.flush()


# ------------------------------------------------------------------------ doctor

def render_doctor(con: Console, checks: List[dict]) -> None:
    t = Table(title="leansharp doctor", title_justify="left")
    for c in ("check", "wanted", "installed", "ok"):
        t.add_column(c, overflow="fold")
    for c in checks:
        ok = {True: "[green]ok[/green]", False: "[bold red]GAP[/bold red]", None: "[dim]skipped[/dim]"}[c["ok"]]
        t.add_row(c["check"], c["wanted"], c["installed"] or "-", ok)
    con.print(t)
    gaps = [c for c in checks if c["ok"] is False]
    if gaps:
        con.print(f"[bold red]{len(gaps)} gap(s)[/bold red]; fixes:")
        for c in gaps:
            con.print(f"  {c['check']}: {c['fix']}", markup=False)
    else:
        con.print("[bold green]toolchain matches toolchain.toml[/bold green]")


# ------------------------------------------------------------------------- graph

def render_graph_summary(con: Console, summary: dict) -> None:
    con.print(f"graph: {summary['nodes']} declarations, {summary['edges']} dependencies"
              + (f" (restricted to {summary['root']})" if summary.get("root") else ""))
    chain = summary.get("longest_chain", [])
    if chain:
        con.print(f"longest dependency chain ({len(chain)} declarations, {len(chain) - 1} steps):")
        con.print("  " + " -> ".join(chain), markup=False)
