"""Talking to Coq for `leansharp extract` and `leansharp_tools.dojo`: a `coqtop -emacs`
process driven sentence by sentence, and the parsers of what Coq prints.

    spans = sentence_spans(proj, vfile)         # [(start, end)] byte ranges, from `coqc -time`
    with Coqtop(proj, topfile=vfile) as top:     # one interactive coqtop (the file's module name)
        r = top.send("intros n.")                # exactly one sentence -> Response
        goals = top.goals(r.display, r.state)    # every goal with hypotheses (`Show Goal n at s`)
        rs = top.run("intros. auto.")            # any text: sentinel-delimited, resyncs after errors
    glob = parse_glob(text)                      # definitions and references of a .glob file
    deps = direct_dependencies(proj, mods, names)   # {name: [direct deps]} from coq-dpdgraph

Protocol: `-emacs` prints `<prompt>NAME < STATE |PROOFS| DEPTH < </prompt>` (on stderr,
merged with stdout) after every sentence, so one sentence = one prompt. Goals are printed
after every sentence that changes the proof; only the first goal shows its hypotheses,
the others are asked with `Show Goal ID at STATE` at once (printing depends on the
notations in scope, so asking later could print differently). A tactic that runs past
its timeout is interrupted with SIGINT ("User interrupt."), which keeps coqtop usable.
"""

from __future__ import annotations

import os
import re
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from leansharp_tools.backends.coq.backend import CoqBackend
from leansharp_tools.backends.coq.errors import CoqtopCrashed, first_error, process_ended
from leansharp_tools.backends.coq.packages import COQ_INSTALL_FIX, DPDGRAPH_PACKAGES
from leansharp_tools.backends.coq.project import CoqProject
from leansharp_tools.errors import LeanSharpError

WIDTH = 10000  # Printing Width: one line per hypothesis
PROMPT_RE = re.compile(rb"<prompt>(\S*) < (\d+) \|([^\n]*?)\| (\d+) < </prompt>")
_TAG_RE = re.compile(r"<(infomsg|warning)>(.*?)</\1>\n?", re.S)
_ERROR_RE = re.compile(r"^(?:Toplevel input, characters \d+-\d+:\n(?:>.*\n)*)?(?:Error|Anomaly)\b:?(.*)", re.S | re.M)
_HEADER_RE = re.compile(r"^(\d+) (focused )?goals?((?: \([a-z ]+: \d+\))*)(?: \(ID (\d+)\))?\s*$")
_ENTRY_RE = re.compile(r"^goal \d+ \(ID (\d+)\) is:\s*$")
_SHOW_RE = re.compile(r"^goal ID (\d+) at state \d+\s*$")
_RULE_RE = re.compile(r"^\s*=+\s*$")
_HYP_RE = re.compile(r"^([^\s,:]+(?:, [^\s,:]+)*) (:=|:) (.*)$", re.S)
_CHARS_RE = re.compile(r"^Chars (\d+) - (\d+) \[", re.M)


class CoqtopTimeout(Exception):
    """A sentence ran past its timeout (coqtop was interrupted and is usable again)."""


# ------------------------------------------------------------------ goal displays


@dataclass
class Goal:
    """One goal as Coq prints it. focus: focused | unfocused | shelved | given_up.
    hyps: {"names": [...], "type": T} or, for a let-bound one, also "body" (split at
    the last top-level " : " of `x := body : T`); `hyps` is None until known."""

    id: int
    concl: str
    focus: str = "focused"
    hyps: Optional[List[Dict[str, Any]]] = None

    def to_json(self) -> Dict[str, Any]:
        return {"id": self.id, "focus": self.focus, "hyps": self.hyps or [], "concl": self.concl}


@dataclass
class Display:
    goals: List[Goal]
    finished: bool = False  # "No more goals" (maybe with goals given up)


@dataclass
class Response:
    """What coqtop printed for one sentence, and the prompt after it."""

    text: str
    state: int
    proof: Optional[str]  # the open proof after the sentence (None outside proof mode)
    messages: List[str] = field(default_factory=list)
    error: Optional[str] = None
    display: Optional[Display] = None


def _join(lines: List[str]) -> str:
    return " ".join(x.strip() for x in lines).strip()


def _split_let(rest: str) -> Tuple[str, str]:
    depth, cut = 0, -1
    for i, ch in enumerate(rest):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0 and rest.startswith(" : ", i):
            cut = i
    return (rest[:cut], rest[cut + 3:]) if cut >= 0 else (rest, "")


def parse_hyp(line: str) -> Dict[str, Any]:
    m = _HYP_RE.match(line)
    if not m:
        return {"names": [], "type": line}
    names = m.group(1).split(", ")
    if m.group(2) == ":":
        return {"names": names, "type": m.group(3)}
    body, typ = _split_let(m.group(3))
    return {"names": names, "body": body, "type": typ}


def _parse_block(lines: List[str], i: int) -> Tuple[List[Dict[str, Any]], str, int]:
    """Hypotheses and conclusion of a full goal starting at lines[i] (after its header)."""
    hyps: List[List[str]] = []
    while i < len(lines) and not _RULE_RE.match(lines[i]):
        ln = lines[i]
        if ln.strip():
            if ln.startswith("   ") and hyps:
                hyps[-1].append(ln)
            else:
                hyps.append([ln])
        i += 1
    i += 1
    concl: List[str] = []
    while i < len(lines) and lines[i].strip() and not _ENTRY_RE.match(lines[i]) and not lines[i].startswith("***"):
        concl.append(lines[i])
        i += 1
    return [parse_hyp(_join(h)) for h in hyps], _join(concl), i


def parse_display(text: str, messages: Sequence[str] = ()) -> Optional[Display]:
    """The goal display in `text` (tags already removed), None when there is none."""
    lines = text.splitlines()
    start = next((k for k, ln in enumerate(lines) if _HEADER_RE.match(ln) or ln.startswith("No more goals")), None)
    if start is None:
        return None
    goals: List[Goal] = []
    head = lines[start]
    finished = head.startswith("No more goals")
    focus = "focused"
    if finished:
        focus = "given_up" if "gave up" in head else "shelved"
    else:
        m = _HEADER_RE.match(head)
        assert m is not None
        said = " ".join(messages)
        if m.group(4):
            hyps, concl, _ = _parse_block(lines, start + 1)
            goals.append(Goal(int(m.group(4)), concl, "focused", hyps))
        elif "gave up" in said:
            focus, finished = "given_up", True
        else:
            focus = "shelved" if "on the shelf" in said or "shelved" in said else "unfocused"
    i = start + 1
    while i < len(lines):
        ln = lines[i]
        if ln.startswith("*** Unfocused goals"):
            focus = "unfocused"
        em = _ENTRY_RE.match(ln)
        if em:
            j = i + 1
            body: List[str] = []
            while j < len(lines) and lines[j].startswith(" ") and not _ENTRY_RE.match(lines[j]):
                body.append(lines[j])
                j += 1
            gid = int(em.group(1))
            if not any(g.id == gid for g in goals):
                goals.append(Goal(gid, _join(body), focus))
            i = j
            continue
        i += 1
    return Display(goals, finished)


def parse_response(text: str, state: int, proof: Optional[str]) -> Response:
    messages = [m.group(2).strip() for m in _TAG_RE.finditer(text)]
    body = _TAG_RE.sub("", text)
    err = _ERROR_RE.search(body)
    if err:
        msg = " ".join(body[err.start():].split())
        msg = re.sub(r"^Toplevel input, characters \d+-\d+: (?:> .*? )?(?=Error|Anomaly)", "", msg)
        return Response(text, state, proof, messages, error=msg)
    return Response(text, state, proof, messages, display=parse_display(body, messages))


# ------------------------------------------------------------------------ process


class Coqtop:
    """One `coqtop -emacs` process with the project's load path (cwd = project root)."""

    def __init__(self, proj: CoqProject, topfile: Optional[Path] = None, timeout: float = 600.0,
                 coqtop: str = "coqtop") -> None:
        cmd = [coqtop, "-emacs", "-q", "-set", "Printing Unfocused", "-set", f"Printing Width={WIDTH}",
               *proj.coqc_flags(), "-w", "-all"]
        if topfile is not None:
            cmd += ["-topfile", str(topfile)]
        self.timeout = timeout
        self._buf = bytearray()
        self._pos = 0
        self.last_sent = ""  # the text last written (named in a crash message)
        self._sync = 0
        self._cache: Dict[Tuple[int, str], Tuple[List[Dict[str, Any]], str]] = {}
        try:
            self.proc = subprocess.Popen(cmd, cwd=proj.root, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.STDOUT, bufsize=0)
        except OSError as err:
            raise LeanSharpError(f"cannot run {coqtop}: {err.strerror}; {COQ_INSTALL_FIX}") from None
        text, prompt = self._read(60.0)
        self.state, self.proof = prompt

    def __enter__(self) -> "Coqtop":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                assert self.proc.stdin is not None
                self.proc.stdin.close()
                self.proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait()

    def _write(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        self.last_sent = data.decode("utf-8", "replace")
        try:
            self.proc.stdin.write(data)
        except (BrokenPipeError, OSError):
            raise self.crashed() from None

    def crashed(self) -> CoqtopCrashed:
        """The error of a coqtop that has ended: how (signal or exit status), what it was
        running, its last output."""
        tail = " ".join(self._buf[self._pos:].decode("utf-8", "replace").strip().splitlines()[-3:])
        sent = " ".join(self.last_sent.split())
        sent = re.sub(r"\s*Fail Check LS_sync_\d+\.", "", sent)
        return CoqtopCrashed(f"coqtop stopped ({process_ended(self.proc)})"
                             + (f" while running `{sent[:120]}`" if sent else "")
                             + (f"; its last output: {tail[:300]}" if tail else "; it printed nothing more"))

    def _read(self, timeout: float) -> Tuple[str, Tuple[int, Optional[str]]]:
        """Output up to the next prompt -> (text, (state, open proof or None))."""
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        scan = self._pos
        while True:
            m = PROMPT_RE.search(self._buf, max(self._pos, scan - 200))
            if m:
                # read everything from the match BEFORE trimming: its groups are slices of _buf
                text = self._buf[self._pos:m.start()].decode("utf-8", "replace")
                state, proof = int(m.group(2)), (m.group(1).decode() if m.group(3) else None)
                self._pos = m.end()
                if self._pos > 1 << 20:  # keep the buffer small without copying it per prompt
                    del self._buf[:self._pos]
                    self._pos = 0
                return text, (state, proof)
            scan = len(self._buf)
            left = deadline - time.monotonic()
            if left <= 0:
                raise CoqtopTimeout()
            ready, _, _ = select.select([fd], [], [], min(left, 1.0))
            if ready:
                data = os.read(fd, 1 << 16)
                if not data:
                    raise self.crashed()
                self._buf += data

    def _response(self, timeout: float) -> Response:
        text, (state, proof) = self._read(timeout)
        self.state, self.proof = state, proof
        return parse_response(text, state, proof)

    def interrupt(self) -> None:
        """SIGINT the running sentence; coqtop answers "User interrupt." and a prompt."""
        self.proc.send_signal(signal.SIGINT)
        try:
            self._read(30.0)
        except CoqtopTimeout:
            raise LeanSharpError("coqtop did not answer an interrupt; it was stopped") from None

    def send(self, sentence: str, timeout: Optional[float] = None) -> Response:
        """Exactly ONE complete sentence (as Coq delimits it) -> its response."""
        self._write(sentence.encode("utf-8") + b"\n")
        try:
            return self._response(timeout or self.timeout)
        except CoqtopTimeout:
            self.interrupt()
            raise

    def run(self, text: str, timeout: Optional[float] = None) -> List[Response]:
        """Any text (several sentences, or an unfinished one): the responses of the
        sentences it holds, delimited by a sentinel query. After an error a second
        sentinel is sent (an unfinished sentence swallows the first one)."""
        self._sync += 1
        want = self._sync
        data = text.encode("utf-8") + f"\nFail Check LS_sync_{want}.\n".encode()
        writer = threading.Thread(target=self._write, args=(data,), daemon=True)
        writer.start()
        out: List[Response] = []
        limit = timeout or self.timeout
        while True:
            try:
                r = self._response(limit)
            except CoqtopTimeout:
                self.interrupt()
                self._drain(want)
                raise
            if f"LS_sync_{want}" in r.text:
                break
            if re.search(r"LS_sync_\d+", r.text):
                continue
            out.append(r)
            if r.error and want == self._sync:
                self._sync += 1
                want = self._sync
                self._write(f"Fail Check LS_sync_{want}.\n".encode())
        writer.join()
        return out

    def _drain(self, want: int) -> None:
        self._sync += 1
        self._write(f"Fail Check LS_sync_{self._sync}.\n".encode())
        while True:
            try:
                r = self._response(30.0)
            except CoqtopTimeout:
                raise LeanSharpError("coqtop did not resynchronise after an interrupt") from None
            if f"LS_sync_{self._sync}" in r.text:
                return

    def back_to(self, state: int) -> None:
        """Return to an earlier state of this session (later states are discarded)."""
        if self.state != state:
            r = self.send(f"BackTo {state}.", timeout=600.0)
            if r.error:
                raise LeanSharpError(f"coqtop cannot go back to state {state}: {r.error}")

    def save(self, terminator: str = "Qed.") -> Optional[str]:
        """Close the proof with `terminator` (the kernel checks it): None, or Coq's error."""
        r = self.send(terminator if terminator in ("Qed.", "Defined.") else "Qed.")
        return r.error

    def show_goal(self, gid: int, state: int) -> Tuple[List[Dict[str, Any]], str]:
        r = self.send(f"Show Goal {gid} at {state}.", timeout=120.0)
        lines = _TAG_RE.sub("", r.text).splitlines()
        k = next((i for i, ln in enumerate(lines) if _SHOW_RE.match(ln)), None)
        if r.error or k is None:
            raise LeanSharpError(f"coqtop: cannot show goal {gid} at state {state}: {r.error or r.text.strip()[:200]}")
        hyps, concl, _ = _parse_block(lines, k + 1)
        return hyps, concl

    def goals(self, display: Display, state: int) -> List[Goal]:
        """Every goal of `display` with its hypotheses (asked now, at `state`)."""
        out = []
        for g in display.goals:
            if g.hyps is None:
                key = (g.id, g.concl)
                if key in self._cache:
                    hyps, concl = self._cache[key]
                else:
                    hyps, concl = self.show_goal(g.id, state)
                    if "?" not in concl and not any("?" in str(h) for h in hyps):
                        self._cache[key] = (hyps, concl)
                g = Goal(g.id, concl, g.focus, hyps)
            out.append(g)
        return out


# ------------------------------------------------------------- coqc, glob, dpdgraph


def require_installed(coqtop: str = "coqtop") -> None:
    """coqtop and coqc on PATH, else the one-line install error."""
    if shutil.which(coqtop) is None:
        raise LeanSharpError(f"{coqtop} not found on PATH; {COQ_INSTALL_FIX}")
    CoqBackend().require_installed()


def sentence_spans(proj: CoqProject, vfile: Path, timeout: float = 3600.0) -> List[Tuple[int, int]]:
    """Byte ranges of every sentence Coq executes in `vfile` (`coqc -time`, output
    to a temporary directory so the project's .vo/.glob are untouched)."""
    with tempfile.TemporaryDirectory(prefix="leansharp-spans-") as tmp:
        out = Path(tmp) / Path(vfile).with_suffix(".vo").name
        args = ["-time", "-no-glob", "-o", str(out), str(vfile)]
        r = CoqBackend(timeout=timeout).run_coqc(proj, args, str(vfile))
    if r.returncode != 0:
        raise LeanSharpError(f"{vfile}: coqc failed: {first_error(r.stdout, r.stderr)}; run `leansharp build` first")
    spans = sorted({(int(a), int(b)) for a, b in _CHARS_RE.findall(r.stdout)})
    return [s for k, s in enumerate(spans) if k == 0 or s[0] >= spans[k - 1][1]]


@dataclass
class GlobEntry:
    kind: str
    start: int  # byte offsets in the .v file
    end: int
    name: str  # fully qualified


def parse_glob(text: str) -> Tuple[str, List[GlobEntry], List[GlobEntry]]:
    """A .glob file -> (module, definitions, references). Definitions: `KIND a:b PATH
    NAME` (PATH: enclosing modules, or the section for variables); references:
    `Ra:b LIB PATH NAME KIND`."""
    module, defs, refs = "", [], []
    for line in text.splitlines():
        if line.startswith("F") and " " not in line:
            module = line[1:]
            continue
        parts = line.split()
        if line.startswith("R") and len(parts) == 5:
            a, _, b = parts[0][1:].partition(":")
            lib, path, name, kind = parts[1:]
            if name != "<>" and a.isdigit() and b.isdigit():
                full = ".".join(x for x in (lib, path if path != "<>" else "", name) if x)
                refs.append(GlobEntry(kind, int(a), int(b) + 1, full))
        elif len(parts) == 4 and ":" in parts[1]:
            a, _, b = parts[1].partition(":")
            if a.isdigit() and b.isdigit():
                full = ".".join(x for x in (module, parts[2] if parts[2] != "<>" else "", parts[3]) if x)
                defs.append(GlobEntry(parts[0], int(a), int(b) + 1, full))
    return module, defs, refs


def _marked(proj: CoqProject, lines: List[str], timeout: float) -> Dict[int, str]:
    """Run a generated file whose queries are preceded by `idtac "@@LS i"`: {i: output}."""
    r = CoqBackend(timeout=timeout).run_generated(proj, "LSquery", "\n".join(lines) + "\n")
    if r.returncode != 0:
        raise LeanSharpError(f"coqc failed on a generated query file: {first_error(r.stdout, r.stderr)}")
    out: Dict[int, str] = {}
    for chunk in re.split(r"^@@LS (?=\d+$)", r.stdout, flags=re.M)[1:]:
        k, _, body = chunk.partition("\n")
        out[int(k)] = body.strip()
    return out


def _mark(i: int) -> str:
    return f'Goal True. idtac "@@LS {i}". Abort.'


def direct_dependencies(proj: CoqProject, modules: Sequence[str], names: Sequence[str],
                        timeout: float = 3600.0) -> Dict[str, List[str]]:
    """{name: the constants, inductives and constructors its body and type mention}
    (one `Print DependGraph` of a definition naming them all; dpdgraph's short module
    paths are resolved with `Locate Module`)."""
    if not names:
        return {}
    with tempfile.TemporaryDirectory(prefix="leansharp-dpd-") as tmp:
        dpd = Path(tmp) / "all.dpd"
        lets = "".join(f"let _ := @{n} in " for n in names)
        lines = ["Require dpdgraph.dpdgraph.", f"Require {' '.join(modules)}.",
                 f"Definition LSall__ : Coq.Init.Datatypes.unit := {lets}Coq.Init.Datatypes.tt.",
                 f'Set DependGraph File "{dpd}".', "Print DependGraph LSall__."]
        _marked(proj, lines, timeout)
        text = dpd.read_text(encoding="utf-8", errors="replace") if dpd.exists() else ""
    if not text:
        raise LeanSharpError(f"coq-dpdgraph wrote no graph; apt-get install -y {' '.join(DPDGRAPH_PACKAGES)}")
    nodes = {int(i): (n, p) for i, n, p in re.findall(r'^N: (\d+) "([^"]*)" \[.*?path="([^"]*)"', text, re.M)}
    paths = sorted({p for _, p in nodes.values() if p})
    q = ["Require dpdgraph.dpdgraph.", f"Require {' '.join(modules)}."]
    for i, p in enumerate(paths):
        q += [_mark(i), f"Locate Module {p}."]
    located = _marked(proj, q, timeout) if paths else {}
    full_path = {}
    for i, p in enumerate(paths):
        m = re.match(r"Module(?: Type)? (\S+)", located.get(i, ""))
        full_path[p] = m.group(1) if m else p
    full = {i: f"{full_path.get(p, p)}.{n}" if p else n for i, (n, p) in nodes.items()}
    edges: Dict[str, List[str]] = {}
    for a, b in re.findall(r"^E: (\d+) (\d+) ", text, re.M):
        if int(a) in full and int(b) in full:
            edges.setdefault(full[int(a)], []).append(full[int(b)])
    return {n: sorted(set(edges.get(n, []))) for n in names}
