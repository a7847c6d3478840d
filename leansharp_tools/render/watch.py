"""What `leansharp watch` prints after each rebuild (`watch.Round`)."""

from __future__ import annotations

from rich.console import Console

from leansharp_tools.watch import Round


def round_lines(rnd: Round) -> list:
    """The lines of one round: what changed, the build, then the delta."""
    b = rnd.build
    head = (f"rebuilt {len(b.compiled)} file{'s' if len(b.compiled) != 1 else ''}" if b.ok
            else f"build failed ({len(b.errors)} error{'s' if len(b.errors) != 1 else ''})")
    lines = [f"{', '.join(rnd.changed)}: {head} in {rnd.seconds:.1f}s"]
    lines += [f"  {e}" for e in b.errors]
    if rnd.not_compiled:
        lines.append(f"  not compiled: {', '.join(rnd.not_compiled)}")
    d = rnd.delta
    if d.proved:
        lines.append(f"  newly proved ({len(d.proved)}): {', '.join(d.proved)}")
    for name, was, now in d.broken:
        lines.append(f"  newly broken: {name} ({was} -> {now})")
    for name, axiom in d.new_axioms:
        lines.append(f"  new axiom: {name}" + ("" if axiom == name else f" depends on {axiom}"))
    if d.empty:
        lines.append("  no status change")
    return lines


def render_round(con: Console, rnd: Round) -> None:
    con.file.write("".join(line + "\n" for line in round_lines(rnd)))
    con.file.flush()
