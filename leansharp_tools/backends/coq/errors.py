"""Coq's error messages: `File "./X.v", line L, characters A-B:` + `Error: ...` blocks
-> `ProverError(file, line, col, message)`."""

from __future__ import annotations

import re
from typing import List, Tuple

from leansharp_tools.backends.base import ProverError

_FILE_RE = re.compile(r'^File "(?P<file>[^"]+)", line (?P<line>\d+), characters (?P<a>\d+)-(?P<b>\d+):\s*$')
_STOP_RE = re.compile(r"^(File \"|make(\[\d+\])?: |COQC |COQDEP |\s*$|Warning:|\*\*\* )")


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
        if m and i + 1 < len(lines) and lines[i + 1].startswith("Error"):
            message, i = _message(lines, i + 1)
            f = m.group("file")
            errors.append(ProverError(f[2:] if f.startswith("./") else f, int(m.group("line")),
                                      int(m.group("a")) + 1, message))
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
