"""Rendering for the terminal: rich tables and progress bars for people, one JSON
document for machines, and writing a rendered page to --output.

Every function takes plain data (from status.py, graph.py, toolchain.py ...) and a
`rich.console.Console`; none computes anything.
"""

from __future__ import annotations

import contextlib
import json
import sys
import textwrap
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Sequence

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from leansharp_tools.backends.base import VERDICTS, ProverError, Status
from leansharp_tools.errors import LeanSharpError
from leansharp_tools.map.model import ProjectMap
from leansharp_tools.roadmap import ItemState
from leansharp_tools.status import StatusReport

STATUS_STYLE: Dict[str, str] = {
    Status.PROVED: "green", Status.ADMITTED: "bold red", Status.AXIOM: "bold red", Status.FOREIGN_AXIOM: "red",
    Status.UNGUARDED: "bold magenta", Status.UNKNOWN: "yellow", Status.MISSING: "bold red",
    ItemState.PARTIAL: "yellow", ItemState.OPEN: "dim",
}


def console(stderr: bool = False) -> Console:
    """A rich console as wide as `COLUMNS` says, else as the terminal this process runs
    in (any of stdin/stdout/stderr, so a pipe to `less` still fits the screen), else 80."""
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def progress_bar(label: str, con: Console, transient: bool = False) -> Progress:
    """`label [bar] done/total elapsed description` (not started: use it as a context
    manager or call start()/stop()); shown on a terminal only."""
    return Progress(TextColumn(f"[bold]{label}[/bold]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    TextColumn("{task.description}"), console=con, transient=transient,
                    disable=not con.is_terminal)  # in a log or a pipe a bar is only noise


@contextlib.contextmanager
def lazy_progress(label: str, con: Console) -> Iterator[Callable[[str, int, int], None]]:
    """An `on_progress(item, done, total)` callback whose (transient) bar appears only
    once there is work, and only on a terminal: a call with an empty `item` before that
    shows nothing (e.g. a report answered from its cache). Safe to call from threads."""
    bars: List[Progress] = []

    def on_progress(item: str, done: int, total: int) -> None:
        if not bars:
            if not item or not con.is_terminal:  # a bar in a log or a pipe is only noise (and a stray newline)
                return
            bars.append(progress_bar(label, con, transient=True))
            bars[0].start()
            bars[0].add_task("", total=total)
        bars[0].update(bars[0].task_ids[0], completed=done, total=total, description=item)

    try:
        yield on_progress
    finally:
        for bar in bars:
            bar.stop()


def json_text(doc: Any) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def print_json(doc: Any) -> None:
    """The single JSON document of a --json report, on stdout."""
    emit(json_text(doc), None)


def emit(text: str, output: Optional[Path]) -> None:
    """A rendered page on stdout, or written to --output FILE (one-line error when that fails)."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        raise LeanSharpError(f"{output}: cannot write ({err.strerror}); choose another --output path") from None


def styled(status: str) -> str:
    st = STATUS_STYLE.get(status)
    return f"[{st}]{status}[/{st}]" if st else str(status)


# ------------------------------------------------------------------------ status

def common_prefix(names: Sequence[str]) -> str:
    """The dotted prefix every name shares and none is equal to ("LeanSharp." for the
    library's modules), or ""."""
    parts = [n.split(".") for n in names]
    if not parts:
        return ""
    k = 0
    while all(len(p) > k + 1 and p[k] == parts[0][k] for p in parts):
        k += 1
    return ".".join(parts[0][:k]) + "." if k else ""


#: the count columns' short headers, used when the full ones do not fit the terminal
SHORT_HEADER = {Status.PROVED: "ok", Status.ADMITTED: "adm", Status.AXIOM: "ax", Status.FOREIGN_AXIOM: "fgn",
                Status.UNGUARDED: "ung", Status.UNKNOWN: "unk"}


def modules_table(report: StatusReport, width: int = 200) -> Table:
    """Per module: declarations, proved, and a column for each other verdict that
    occurs. Names lose the prefix they all share (said in the title); when the table
    would be wider than `width`, the count headers are abbreviated (legend in the
    caption) and names wrap rather than being cut: it always fits."""
    summary = report.module_summary()
    prefix = common_prefix([m["module"] for m in summary])
    tot = report.totals()
    shown = [s for s in VERDICTS if s == Status.PROVED or tot[s]]
    hidden = [str(s) for s in VERDICTS if s not in shown]
    digits = len(str(tot["declarations"]))
    longest = max([len(m["module"]) - len(prefix) for m in summary] + [len("module"), len("total")])

    def needed(headers: List[str]) -> int:
        return longest + sum(max(len(h), digits) for h in headers) + 3 * (len(headers) + 1) + 1

    headers = ["decls"] + [str(s) for s in shown]
    caption = [f"no {', '.join(hidden)} declaration"] if hidden else []
    if needed(headers) > width:
        headers = ["n"] + [SHORT_HEADER[s] for s in shown]
        caption.insert(0, "n: declarations, " + ", ".join(f"{SHORT_HEADER[s]}: {s}" for s in shown))
    t = Table(title="Modules" + (f" ({prefix}*)" if prefix else ""), title_justify="left",
              caption="; ".join(caption) or None, caption_justify="left")
    t.add_column("module", overflow="fold", min_width=max(6, min(longest, width - needed(headers) + longest)))
    for h in headers:
        t.add_column(h, justify="right", no_wrap=True)
    for m in summary:
        counts = m["counts"]
        t.add_row(m["module"][len(prefix):], str(m["total"]),
                  *[(styled(str(counts[s])) if counts[s] and s != Status.PROVED else str(counts[s])) for s in shown])
    t.add_row(*[f"[bold]{v}[/bold]" for v in ["total", tot["declarations"], *(tot[s] for s in shown)]])
    return t


def declarations_table(report: StatusReport, every: bool) -> Table:
    """Every declaration (`every`) or only those that are not proved."""
    holes = [d for d in report.declarations if d.status != Status.PROVED]
    t = Table(title="Declarations" if every else "Declarations that are not proved", title_justify="left")
    for c in ("status", "declaration", "kind", "file:line", "detail"):
        t.add_column(c, overflow="fold")
    for d in (report.declarations if every else holes):
        detail = ", ".join(d.axioms + d.unsafe + ([d.error] if d.error else []))
        t.add_row(styled(d.status), d.name, d.kind, f"{d.file}:{d.line}", detail)
    return t


def roadmap_table(report: StatusReport) -> Table:
    """Every roadmap item: id, tier, status, proved/declarations, its title in bold and
    its statement below (when the statement says more than the title)."""
    t = Table(title="Roadmap items", title_justify="left", show_lines=True)
    t.add_column("item", overflow="fold")
    t.add_column("tier", justify="right", no_wrap=True)
    t.add_column("status", no_wrap=True)
    t.add_column("proved", justify="right", no_wrap=True)
    t.add_column("title / statement", overflow="fold", ratio=1)
    for it in report.roadmap:
        n = len(it.declarations)
        k = sum(1 for d in it.declarations if d["status"] == Status.PROVED)
        words = f"[bold]{escape(it.item.title)}[/bold]"
        if it.item.statement and it.item.statement != it.item.title:
            words += f"\n[dim]{escape(it.item.statement)}[/dim]"
        t.add_row(escape(it.item.id) + (" ★" if it.item.headline else ""), str(it.item.tier or ""), styled(it.status),
                  f"{k}/{n}", words)
    return t


#: at most this many lines for the roadmap items not proved; more are listed by id only
ITEM_LINES = 20


def status_summary(report: StatusReport, width: int = 80) -> List[str]:
    """The few lines (rich markup) of the default report: totals, roadmap counts and
    every item not proved (id — title, the title under the id when both do not fit;
    when that takes more than ITEM_LINES lines, the ids only, packed per status)."""
    tot = report.totals()
    n_mod = len(report.module_files)
    counts = ", ".join(f"{tot[s]} {styled(s) if s != Status.PROVED else s}" for s in VERDICTS if tot[s])
    out = [f"[bold]{escape(report.project or report.root.name)}[/bold]: {tot['declarations']} "
           f"declarations in {n_mod} module{'s' if n_mod != 1 else ''}: {counts or 'none'}"]
    rc = report.recheck
    if rc is not None:
        verdict = "[green]ok[/green]" if rc.ok else f"[bold red]{len(rc.problems)} problem(s)[/bold red]"
        out.append(f"re-checked by {rc.tool}: {rc.libraries} libraries, "
                   f"{len(rc.axioms)} axiom{'s' if len(rc.axioms) != 1 else ''} in their context: {verdict}")
    if not report.roadmap:
        return out
    rt = report.roadmap_totals()
    out.append(f"roadmap: {len(report.roadmap)} items: {rt['proved']} proved, {rt['partial']} partial, "
               f"{rt['open']} open")
    todo = [it for it in report.roadmap if it.status != ItemState.PROVED]
    lines: List[str] = []
    for it in todo:
        if len(f" {it.status} {it.item.id} — {it.item.title}") <= width:
            lines.append(f" {styled(it.status)} {escape(it.item.id)} — {escape(it.item.title)}")
        else:  # the title on its own (wrapped) lines under the id
            lines.append(f" {styled(it.status)} {escape(it.item.id)}")
            lines += [escape(line) for line in textwrap.wrap(it.item.title, max(20, width - 1),
                                                             initial_indent="   ", subsequent_indent="   ")]
    if len(lines) <= ITEM_LINES:
        return out + lines
    for state in (ItemState.PARTIAL, ItemState.FOUND, ItemState.OPEN):
        ids = [it.item.id for it in todo if it.status == state]
        if ids:
            wrapped = textwrap.wrap(f"{state}: " + ", ".join(ids), max(20, width - 1), initial_indent=" ",
                                    subsequent_indent="   ", break_on_hyphens=False, break_long_words=False)
            out += [escape(line) for line in wrapped]
    out.append(" (titles: leansharp status --roadmap)")
    return out


def render_status(con: Console, report: StatusReport, show_all: bool = False, modules: bool = False,
                  roadmap: bool = False, max_problems: int = 50) -> None:
    """The status report: by default a few lines (`status_summary`), the declarations
    that are not proved and the problems; `modules` / `roadmap` add those tables,
    `show_all` lists every declaration and both tables."""
    holes = [d for d in report.declarations if d.status != Status.PROVED]
    if show_all or holes:
        con.print(declarations_table(report, show_all))
    if show_all or modules:
        con.print(modules_table(report, con.width))
    if (show_all or roadmap) and report.roadmap:
        con.print(roadmap_table(report))
    for line in status_summary(report, con.width):
        con.print(line)
    if report.problems:
        con.print(f"[bold red]{len(report.problems)} problem(s)[/bold red] (leansharp status --strict fails):")
        for p in report.problems[:max_problems]:
            con.print(f"  {p}", markup=False)
        if len(report.problems) > max_problems:
            con.print(f"  ... and {len(report.problems) - max_problems} more (see --json)")
    else:
        con.print("[bold green]ok[/bold green]: all proved (standard axioms only), no assumption site, "
                  "no broken link")
    if not (show_all or (modules and roadmap)):
        con.print("[dim]tables: leansharp status --modules, --roadmap, --all[/dim]")


# ------------------------------------------------------------------------- build

def render_build_errors(con: Console, errors: Iterable[ProverError], output_tail: List[str]) -> None:
    errors = list(errors)
    lines = [str(e) for e in errors] if errors else list(output_tail)
    con.file.write("".join(line + "\n" for line in lines))
    con.file.flush()


# ------------------------------------------------------------------------ doctor

def render_doctor(con: Console, checks: List[Dict[str, Any]], against: str = "toolchain.toml") -> None:
    """The doctor's table, its gaps with their fixes, or one line saying what matched:
    `against` is the toolchain file checked, or the project file when there is none."""
    t = Table(title="leansharp doctor", title_justify="left")
    for column in ("check", "wanted", "installed", "ok"):
        t.add_column(column, overflow="fold")
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
        con.print("[bold green]toolchain matches toolchain.toml[/bold green]" if against == "toolchain.toml" else
                  f"[bold green]no gap[/bold green]: the build of {escape(against)} has what it needs (no "
                  f"toolchain.toml to compare with)")


# ------------------------------------------------------------------------- graph

def render_graph_summary(con: Console, summary: Dict[str, Any], wrote: Optional[Path] = None) -> None:
    if wrote is not None:
        con.print(f"wrote {wrote}", markup=False)
    con.print(f"graph: {summary['nodes']} declarations, {summary['edges']} dependencies"
              + (f" (restricted to {summary['root']})" if summary.get("root") else ""))
    chain = summary.get("longest_chain", [])
    if chain:
        con.print(f"longest dependency chain ({len(chain)} declarations, {len(chain) - 1} steps):")
        con.print("  " + " -> ".join(chain), markup=False)


# --------------------------------------------------------------------------- map

def map_progress(module: str, done: int, total: int) -> None:
    if module:
        sys.stderr.write(f"leansharp map: checking proofs of {module} ({done + 1}/{total})\n")


def render_map_notes(pmap: ProjectMap, wrote: Optional[Path] = None) -> None:
    """On stderr after the map (plain lines, never wrapped): where it was written and
    its broken links."""
    lines = [f"leansharp map: wrote {wrote} ({len(pmap.items)} items)"] if wrote is not None else []
    if pmap.problems:
        lines += [f"leansharp map: {len(pmap.problems)} broken link(s):"] + [f"  {p}" for p in pmap.problems]
    sys.stderr.write("".join(line + "\n" for line in lines))
