"""Links from roadmap items to the upstream code a statement is about — for LeanSharp,
ZSharp's own PyTorch code (github.com/bangyen/zsharp): the optional `upstream` field of
`roadmap.toml`, its validation, the GitHub permalink of each link, and the check of every
range against a git snapshot of the repository (`bench/upstream_links.py`).

    links = parse_upstream(value)        # -> list[UpstreamLink]; ValueError (one-line reason)
    link.permalink                       # https://github.com/<repo>/blob/<commit>/<path>#L<a>-L<b>
    checks = check_ranges(gitdir, links) # -> list[RangeCheck]: at the pinned commit and at HEAD

Schema: `upstream` is one inline table or a list of them, each with exactly these keys

    repo    "owner/name" of a GitHub repository
    commit  the pinned commit: 40 hexadecimal digits (never a branch or a short hash)
    path    a relative POSIX path inside the repository ("src/optimizer.py")
    lines   "a-b", 1 <= a <= b: the line range at that commit ("283-283" is one line)

e.g. `upstream = [{repo = "bangyen/zsharp", commit = "8a20…da40", path = "src/optimizer.py",
lines = "260-266"}]`. The field is optional; nothing in the toolkit needs network access:
`leansharp map` and `leansharp blueprint` only render the permalinks.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

UPSTREAM_KEYS = ("repo", "commit", "path", "lines")
_REPO = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")
_COMMIT = re.compile(r"^[0-9a-f]{40}$")
_LINES = re.compile(r"^([0-9]+)-([0-9]+)$")


@dataclass(frozen=True)
class UpstreamLink:
    """A line range of a file of a GitHub repository at a pinned commit."""

    repo: str
    commit: str
    path: str
    first: int
    last: int

    @property
    def lines(self) -> str:
        return f"{self.first}-{self.last}"

    @property
    def fragment(self) -> str:
        """`#L<a>-L<b>` (`#L<a>` for one line), as GitHub highlights a range."""
        return f"#L{self.first}" + (f"-L{self.last}" if self.last != self.first else "")

    @property
    def file_url(self) -> str:
        """The whole file at the pinned commit (no line range)."""
        return f"https://github.com/{self.repo}/blob/{self.commit}/{self.path}"

    @property
    def permalink(self) -> str:
        return f"{self.file_url}{self.fragment}"

    @property
    def label(self) -> str:
        """`src/optimizer.py#L260-L266`: what the map shows as the link's text."""
        return f"{self.path}{self.fragment}"

    @property
    def short(self) -> str:
        """`optimizer.py#L260-L266`: the text in a summary table."""
        return f"{self.path.rsplit('/', 1)[-1]}{self.fragment}"

    def to_json(self) -> Dict[str, Any]:
        return {"repo": self.repo, "commit": self.commit, "path": self.path, "lines": self.lines,
                "permalink": self.permalink}


def _one(value: Any) -> UpstreamLink:
    if not isinstance(value, dict):
        raise ValueError("each link must be a table {repo, commit, path, lines}")
    extra = sorted(k for k in value if k not in UPSTREAM_KEYS)
    if extra:
        raise ValueError(f"unknown key '{extra[0]}' in a link (allowed: {', '.join(UPSTREAM_KEYS)})")
    missing = [k for k in UPSTREAM_KEYS if k not in value]
    if missing:
        raise ValueError(f"a link lacks '{missing[0]}' (each needs {', '.join(UPSTREAM_KEYS)})")
    if not all(isinstance(value[k], str) for k in UPSTREAM_KEYS):
        bad = next(k for k in UPSTREAM_KEYS if not isinstance(value[k], str))
        raise ValueError(f"'{bad}' of a link must be a string")
    repo, commit, path, lines = (value[k] for k in UPSTREAM_KEYS)
    if not _REPO.match(repo):
        raise ValueError(f"repo {repo!r} is not a GitHub 'owner/name'")
    if not _COMMIT.match(commit):
        raise ValueError(f"commit {commit!r} is not a pinned commit (40 lower-case hexadecimal digits)")
    parts = path.split("/")
    if not path or path.startswith("/") or "\\" in path or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"path {path!r} is not a relative path inside the repository (like 'src/optimizer.py')")
    m = _LINES.match(lines)
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)):
        raise ValueError(f"lines {lines!r} is not a range 'a-b' with 1 <= a <= b")
    return UpstreamLink(repo, commit, path, int(m.group(1)), int(m.group(2)))


def parse_upstream(value: Any) -> List[UpstreamLink]:
    """The links of an `upstream` value (one table or a list of tables); ValueError with a
    one-line reason when malformed."""
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list) or not value:
        raise ValueError("must be a table {repo, commit, path, lines} or a non-empty list of them")
    return [_one(v) for v in value]


# ------------------------------------------------------- check against a git snapshot

@dataclass
class RangeCheck:
    """One link checked against a snapshot. `at_pin`: "present" | "missing" (with `why`);
    `at_head`: "unchanged" (the same text at the same lines), "moved" (the pinned text
    now at `head_lines`), "changed" (the range exists, its text differs), "missing"."""

    link: UpstreamLink
    at_pin: str
    at_head: str
    why: str = ""
    head_lines: Optional[Tuple[int, int]] = None

    @property
    def ok(self) -> bool:
        """The range exists at the pinned commit and at HEAD."""
        return self.at_pin == "present" and self.at_head != "missing"


class Snapshot:
    """A git directory (bare or not), read with `git --git-dir`."""

    def __init__(self, gitdir: Path) -> None:
        self.gitdir = Path(gitdir)
        self._files: Dict[Tuple[str, str], Optional[List[str]]] = {}
        head = self._git("rev-parse", "--verify", "HEAD^{commit}")
        if head is None:
            raise ValueError(f"{gitdir}: not a git directory with a HEAD commit")
        self.head = head.strip()

    def _git(self, *args: str) -> Optional[str]:
        try:
            r = subprocess.run(["git", f"--git-dir={self.gitdir}", *args], capture_output=True, text=True)
        except OSError as err:
            raise ValueError(f"cannot run git ({err.strerror})") from None
        return r.stdout if r.returncode == 0 else None

    def has_commit(self, commit: str) -> bool:
        return self._git("cat-file", "-e", f"{commit}^{{commit}}") is not None

    def lines(self, commit: str, path: str) -> Optional[List[str]]:
        """The file's lines at `commit`, or None when it has no such file."""
        key = (commit, path)
        if key not in self._files:
            text = self._git("show", f"{commit}:{path}")
            self._files[key] = None if text is None else text.splitlines()
        return self._files[key]


def _find_block(lines: List[str], block: List[str]) -> Optional[int]:
    n = len(block)
    return next((i + 1 for i in range(len(lines) - n + 1) if lines[i:i + n] == block), None)


def check_range(snap: Snapshot, link: UpstreamLink) -> RangeCheck:
    """`link` at its pinned commit and at the snapshot's HEAD (see `RangeCheck`)."""
    if not snap.has_commit(link.commit):
        return RangeCheck(link, "missing", "missing", why=f"commit {link.commit[:12]} is not in the snapshot")
    pinned = snap.lines(link.commit, link.path)
    if pinned is None:
        return RangeCheck(link, "missing", "missing", why=f"{link.path} does not exist at {link.commit[:12]}")
    if link.last > len(pinned):
        return RangeCheck(link, "missing", "missing",
                          why=f"{link.path} has {len(pinned)} lines at {link.commit[:12]}, not {link.last}")
    block = pinned[link.first - 1:link.last]
    head = snap.lines(snap.head, link.path)
    if head is None:
        return RangeCheck(link, "present", "missing", why=f"{link.path} does not exist at HEAD")
    if head[link.first - 1:link.last] == block:
        return RangeCheck(link, "present", "unchanged", head_lines=(link.first, link.last))
    found = _find_block(head, block)
    if found is not None:
        return RangeCheck(link, "present", "moved", head_lines=(found, found + len(block) - 1))
    if link.last > len(head):
        why = f"{link.path} has {len(head)} lines at HEAD, not {link.last} (the pinned text is gone)"
        return RangeCheck(link, "present", "missing", why=why)
    return RangeCheck(link, "present", "changed", why="the pinned text is not at HEAD any more",
                      head_lines=(link.first, link.last))


def check_ranges(gitdir: Path, links: Sequence[UpstreamLink]) -> Tuple[str, List[RangeCheck]]:
    """(the snapshot's HEAD commit, one `RangeCheck` per distinct link, in order); ValueError
    when `gitdir` is not a git directory."""
    snap = Snapshot(gitdir)
    return snap.head, [check_range(snap, link) for link in dict.fromkeys(links)]
