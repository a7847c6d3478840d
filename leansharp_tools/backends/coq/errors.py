"""Coq's error messages: `File "./X.v", line L, characters A-B:` + `Error: ...` blocks
-> `ProverError(file, line, col, message)`; and a failed build's output (make and
coqc interleaved) -> one error per failure, each naming its file (`parse_build_errors`)."""

from __future__ import annotations

import re
import signal
import subprocess
from pathlib import Path
from typing import Iterable, List, Optional, Tuple

from leansharp_tools.backends.base import ProverError
from leansharp_tools.errors import LeanSharpError

_FILE_RE = re.compile(r'^File "(?P<file>[^"]+)", line (?P<line>\d+), characters (?P<a>-?\d+)-(?P<b>-?\d+):\s*$')
#: the source excerpt dune prints between `File ...` and `Error:` (`3 |  (bogus 1))`, `  ^^^^^`)
_EXCERPT_RE = re.compile(r"^\s*(?:\d+ \|.*|\^+)\s*$")
_STOP_RE = re.compile(r"^(File \"|make(\[\d+\])?: |COQC |COQDEP |\s*$|Warning:|Error:|\*\*\* )")


def _error_line(lines: List[str], i: int) -> Optional[int]:
    """The index of the `Error` line that the `File ...` line `i` locates (after dune's
    source excerpt, if any), else None."""
    j = i + 1
    while j < len(lines) and _EXCERPT_RE.match(lines[j]):
        j += 1
    return j if j < len(lines) and lines[j].startswith("Error") else None


def _message(lines: List[str], i: int) -> Tuple[str, int]:
    """The message of the `Error:` line `i` and its continuation lines; the index after it."""
    msg_lines = [lines[i][len("Error:"):].strip()]
    j = i + 1
    while j < len(lines) and not _STOP_RE.match(lines[j]):
        msg_lines.append(lines[j].strip())
        j += 1
    return " ".join(x for x in msg_lines if x), j


def parse_coq_errors(text: str) -> List[ProverError]:
    """Every `File ..., line L, characters A-B:` block followed by `Error:` in `text`.

    Warnings are skipped. Columns are 1-based (Coq's character offsets are 0-based).
    Errors without a location (e.g. a missing library) are reported against file "?".
    """
    lines = text.splitlines()
    errors: List[ProverError] = []
    i = 0
    while i < len(lines):
        m = _FILE_RE.match(lines[i])
        at = _error_line(lines, i) if m else None
        if m and at is not None:
            message, i = _message(lines, at)
            f = m.group("file")
            errors.append(ProverError(f[2:] if f.startswith("./") else f, int(m.group("line")),
                                      max(int(m.group("a")), 0) + 1, message))
        elif lines[i].startswith("Error:") and (i == 0 or not _FILE_RE.match(lines[i - 1])):
            message, i = _message(lines, i)
            errors.append(ProverError("?", 0, 0, message))
        else:
            i += 1
    return errors


def first_error(stdout: str, stderr: str) -> str:
    """The first error message of a failed coqc run (its last stderr line when none parses)."""
    errs = parse_coq_errors(stderr + "\n" + stdout)
    return errs[0].message if errs else (stderr.strip().splitlines() or ["coqc failed"])[-1]


# ------------------------------------------------------------------ builds

_MAKE_TARGET_RE = re.compile(r"^make(?:\[\d+\])?: \*\*\* \[[^\]]*?:\s*(?P<target>\S+?)\.vo\] Error \d+")
_NO_RULE_RE = re.compile(r"No rule to make target '(?P<target>[^']+)'")
_DENIED_RE = re.compile(r"(?P<path>[^\s:'\"]+)'?: (?P<why>Permission denied|Read-only file system)")
_PENDING_RE = re.compile(r"pending proofs in file \.?/?(?P<file>\S+?\.v): (?P<names>[^.]+)")
_CLOSED_RE = re.compile(r"The (?P<kind>module|section) (?P<name>\S+) needs to be closed")


def parse_build_errors(text: str, root: Path, sources: Iterable[str] = ()) -> List[ProverError]:
    """One error per failure in a build's output, each naming its file: Coq's located
    errors as they are; an error Coq gives without a location (an unfinished proof, an
    unclosed Section/Module, the end of an unterminated comment) gets the file make
    says failed next and, where the text shows it, the line; make's own failures (a
    listed file that does not exist, a file it cannot write) become one line each."""
    lines = text.splitlines()
    errors: List[ProverError] = []
    claimed: List[str] = []
    for e in parse_coq_errors(text):
        if e.file != "?":
            claimed.append(e.file)
    i = 0
    pending: List[ProverError] = []
    while i < len(lines):
        line = lines[i]
        m = _FILE_RE.match(line)
        at = _error_line(lines, i) if m else None
        if m and at is not None:
            message, i = _message(lines, at)
            f = m.group("file")
            f = f[2:] if f.startswith("./") else f
            errors.append(_refine(ProverError(f, int(m.group("line")), max(int(m.group("a")), 0) + 1, message),
                                  root))
            continue
        if line.startswith("Error:"):
            message, i = _message(lines, i)
            pm = _PENDING_RE.search(message)
            err = ProverError(pm.group("file") if pm else "?", 0, 0, message)
            (errors.append(_refine(err, root)) if pm else pending.append(err))
            if pm:
                claimed.append(pm.group("file"))
            continue
        t = _MAKE_TARGET_RE.match(line)
        if t:
            vfile = t.group("target") + ".v"
            if vfile not in claimed:
                if pending:
                    err = pending.pop(0)
                    errors.append(_refine(ProverError(vfile, 0, 0, err.message), root))
                else:
                    errors.append(ProverError(vfile, 0, 0, "coqc failed without a message"))
                claimed.append(vfile)
        n = _NO_RULE_RE.search(line)
        if n and n.group("target").endswith(".v") and not any(e.file == n.group("target") for e in errors):
            errors.append(ProverError(n.group("target"), 0, 0, "listed in _CoqProject but does not exist; "
                                      "remove it from _CoqProject or create it"))
        d = _DENIED_RE.search(line)
        if d:
            path, why = d.group("path"), d.group("why")
            if not any(e.file == path for e in errors):
                errors.append(ProverError(path, 0, 0, f"cannot write ({why}); build in a writable copy of the "
                                          f"project or fix its permissions"))
        i += 1
    errors += [ProverError(e.file, e.line, e.col, e.message) for e in pending]
    return errors


def _refine(err: ProverError, root: Path) -> ProverError:
    """The line Coq's message implies when it gives none (or only the end of the file)."""
    try:
        text = (root / err.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return err
    line: Optional[int] = None
    if "Unterminated comment" in err.message:
        from leansharp_tools.backends.coq.scan import blank_comments  # scan imports this module's neighbours

        try:
            blank_comments(text, err.file)
        except LeanSharpError as opened:
            m = re.search(r":(\d+): unterminated comment", str(opened))
            line = int(m.group(1)) if m else None
        if line is not None:
            return ProverError(err.file, line, 0, err.message + " (the comment opened here is never closed)")
        return err
    if err.line:
        return err
    pm = _PENDING_RE.search(err.message)
    cm = _CLOSED_RE.search(err.message)
    if pm:
        name = pm.group("names").split(",")[0].strip()
        rx = r"^\s*(?:#\[[^\]]*\]\s*)?(?:\w+\s+)*?(?:Lemma|Theorem|Fact|Remark|Corollary|Proposition|Example|" \
             r"Definition|Fixpoint|Instance|Program\s+\w+)\s+" + re.escape(name) + r"\b"
    elif cm:
        keyword = "Module" if cm.group("kind") == "module" else "Section"
        rx = r"^\s*" + keyword + r"\s+(?:Type\s+)?(?:Import\s+|Export\s+)?" + re.escape(cm.group("name")) + r"\b"
    else:
        return err
    hits = [k for k, ln in enumerate(text.splitlines(), 1) if re.match(rx, ln)]
    return ProverError(err.file, hits[-1], 0, err.message) if hits else err


class CoqtopCrashed(LeanSharpError):
    """The coqtop process ended while a sentence was running (or was being sent)."""


def process_ended(proc: "subprocess.Popen[bytes]") -> str:
    """How a process that closed its pipes ended: "killed by signal 9 (SIGKILL)",
    "exit status 1", or "still running" (it closed its output only)."""
    try:
        code = proc.wait(timeout=2)
    except subprocess.TimeoutExpired:
        return "still running, its output closed"
    if code < 0:
        try:
            return f"killed by signal {-code} ({signal.Signals(-code).name})"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"
