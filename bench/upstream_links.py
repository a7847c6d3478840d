"""Check the roadmap's `upstream` links against a git snapshot of the upstream repository
(run by hand; not part of the tests: it needs a copy of the upstream repository).

    .venv/bin/python bench/upstream_links.py GITDIR [--roadmap roadmap.toml] [--repo bangyen/zsharp]

GITDIR is a git directory (bare, or a checkout's .git) of the repository the links name
(default bangyen/zsharp; links to other repositories are skipped). For every distinct
range it prints one line: whether the range exists at its pinned commit, and at the
snapshot's HEAD whether the pinned text is still there (`unchanged`), now at other lines
(`moved to L..`), replaced (`changed`), or gone (`missing`); then the items linking it.
A summary line ends the report. Exit status: 0 when every range exists at its pin and at
HEAD (changed ranges are reported, not failures), 1 otherwise, 2 on bad input (one line).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Dict, List

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from leansharp_tools.errors import LeanSharpError  # noqa: E402
from leansharp_tools.roadmap import load_roadmap  # noqa: E402
from leansharp_tools.upstream import RangeCheck, UpstreamLink, check_ranges  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def _line(c: RangeCheck, items: List[str]) -> str:
    head = c.at_head
    if c.at_head == "moved" and c.head_lines:
        head = f"moved to L{c.head_lines[0]}-L{c.head_lines[1]}"
    why = f" ({c.why})" if c.why else ""
    return (f"{'ok ' if c.ok else 'BAD'}  pin {c.at_pin:<7}  HEAD {head:<9}  {c.link.label} "
            f"@{c.link.commit[:12]}{why}  <- {', '.join(items)}")


def main(argv: List[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gitdir", type=Path, help="git directory of the upstream repository")
    ap.add_argument("--roadmap", type=Path, default=REPO / "roadmap.toml")
    ap.add_argument("--repo", default="bangyen/zsharp", help="the repository GITDIR is a copy of")
    args = ap.parse_args(argv)
    try:
        items = load_roadmap(args.roadmap)
        users: Dict[UpstreamLink, List[str]] = {}
        for it in items:
            for link in it.upstream:
                if link.repo == args.repo:
                    users.setdefault(link, []).append(it.id)
        head, checks = check_ranges(args.gitdir, list(users))
    except (LeanSharpError, ValueError) as err:
        print(f"upstream_links: {err}", file=sys.stderr)
        return 2
    print(f"upstream links of {args.roadmap} to {args.repo}, against {args.gitdir} (HEAD {head[:12]})")
    for c in checks:
        print("  " + _line(c, users[c.link]))
    pins = sorted({c.link.commit[:12] for c in checks})
    count = {s: sum(1 for c in checks if c.at_head == s) for s in ("unchanged", "moved", "changed", "missing")}
    present = sum(1 for c in checks if c.at_pin == "present")
    linked = sum(1 for it in items if any(u.repo == args.repo for u in it.upstream))
    print(f"summary: {linked} items, {sum(map(len, users.values()))} links, {len(checks)} distinct ranges at "
          f"{len(pins)} pinned commit{'s' if len(pins) != 1 else ''} ({', '.join(pins) or '-'}): "
          f"{present}/{len(checks)} present at the pin; at HEAD {head[:12]}: {count['unchanged']} unchanged, "
          f"{count['moved']} moved, {count['changed']} changed, {count['missing']} missing")
    return 0 if all(c.ok for c in checks) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
