"""One coqtop per file, reused by every theorem of that file.

    sess = POOL.acquire(proj, vfile)   # the file's session (started, or reused when idle)
    sess.goto(k)                       # coqtop's state = just before sentence k of the file
    POOL.release(sess)                 # idle again (coqtop kept); POOL.close_all() ends them

A session replays its file sentence by sentence (Coq's own sentence ranges,
`extract.trace.file_spans`) and remembers coqtop's state before each sentence it ran.
Going to a theorem before the replayed point is a `BackTo` (one round trip); going to
one after it replays the sentences in between. With `fast=True` (the default) a
theorem proved with `Qed` on the way is stated and `Admitted` instead of replayed (it
is opaque either way: later goals are the same) — unless it is inside a Section
without `Proof using` (the section variables its proof uses would be lost); `Print
Assumptions` then lists those lemmas as axioms: open the Dojo with `fast=False` for
a faithful replay. A replay that fails in fast mode is retried in full.
"""

from __future__ import annotations

import atexit
import re
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from leansharp_tools.backends.coq.coqtop import Coqtop
from leansharp_tools.dojo.results import DojoInitError
from leansharp_tools.extract.toolkit import CoqProject
from leansharp_tools.extract.trace import LineIndex, file_spans, head_keyword, strip_comments

#: statements whose Qed proof a fast replay admits
SKIPPABLE = {"Theorem", "Lemma", "Corollary", "Proposition", "Fact", "Remark", "Example", "Property"}


class ReplayFailed(Exception):
    """A sentence of the file failed on replay (message: where and Coq's error)."""


def proof_using(sentence: str) -> bool:
    """Whether `sentence` is a `Proof using ...` (it says which section variables the proof uses)."""
    return head_keyword(sentence) == "Proof" and re.search(r"\busing\b", strip_comments(sentence)) is not None


def proof_blocks(texts: List[str]) -> Dict[int, Tuple[int, bool]]:
    """{statement index: (index of its Qed, whether it is inside a Section)} of the
    `Qed`-ended proofs a fast replay may admit; inside a Section only with `Proof using`."""
    heads = [head_keyword(t) for t in texts]
    out: Dict[int, Tuple[int, bool]] = {}
    stack: List[str] = []
    k = 0
    while k < len(texts):
        h = heads[k]
        if h == "Section":
            stack.append("S")
        elif h == "Module" and ":=" not in texts[k]:
            stack.append("M")
        elif h == "End" and stack:
            stack.pop()
        elif h in SKIPPABLE and ":=" not in strip_comments(texts[k]):  # `Fact f : T := t.` opens no proof
            end = next((j for j in range(k + 1, len(texts)) if heads[j] in ("Qed", "Defined", "Admitted", "Save",
                                                                          "Abort")), None)
            if end is None:
                break
            in_section = "S" in stack
            opener = texts[k + 1] if k + 1 < end and heads[k + 1] == "Proof" else ""
            if heads[end] == "Qed" and (not in_section or proof_using(opener)):
                out[k] = (end, in_section)
            k = end + 1
            continue
        k += 1
    return out


class FileSession:
    def __init__(self, proj: CoqProject, vfile: Path, timeout: float, fast: bool = True) -> None:
        self.proj, self.vfile, self.fast = proj, vfile, fast
        self.spans = file_spans(proj, vfile, timeout)
        idx = LineIndex((proj.root / vfile).read_bytes())
        self.texts = [idx.text(a, b) for a, b in self.spans]
        self.lines = [idx.at(a)[0] for a, _ in self.spans]
        self.blocks = proof_blocks(self.texts) if fast else {}
        self.top = Coqtop(proj, topfile=vfile, timeout=timeout)
        self.before: Dict[int, int] = {0: self.top.state}  # sentence index -> coqtop state before it
        self.frontier = 0  # sentences < frontier were run (in order, some admitted)
        self.key = session_key(proj, vfile)
        self.busy = False

    def index_at(self, offset: int) -> int:
        return next(k for k, (a, _) in enumerate(self.spans) if a == offset)

    def goto(self, k: int, timeout: float) -> None:
        """coqtop's state becomes the one just before sentence `k` of the file."""
        if k <= self.frontier:
            known = max(j for j in self.before if j <= k)
            self.top.back_to(self.before[known])
            self.before = {j: s for j, s in self.before.items() if j <= known}
            self.frontier = known
            if known == k:
                return
        else:
            self.top.back_to(self.before[self.frontier])
        i = self.frontier
        while i < k:
            self.before[i] = self.top.state
            block = self.blocks.get(i)
            if block is not None and block[0] < k:
                self._send(i, self.texts[i], timeout)
                opener = self.texts[i + 1] if head_keyword(self.texts[i + 1]) == "Proof" else ""
                if proof_using(opener):
                    self._send(i + 1, opener, timeout)
                self._send(block[0], "Admitted.", timeout)
                i = block[0] + 1
            else:
                self._send(i, self.texts[i], timeout)
                i += 1
        self.before[k] = self.top.state
        self.frontier = k

    def _send(self, i: int, text: str, timeout: float) -> None:
        r = self.top.send(text, timeout)
        if r.error:
            raise ReplayFailed(f"{self.vfile}:{self.lines[i]}: replaying `{' '.join(text.split())[:60]}` failed: "
                               f"{r.error[:300]}")

    def alive(self) -> bool:
        return self.top.proc.poll() is None

    def close(self) -> None:
        self.top.close()


def session_key(proj: CoqProject, vfile: Path) -> Tuple[str, str, float, float]:
    """A session is reused while the file and its .vo are unchanged."""
    v = proj.root / vfile
    vo = proj.compiled(Path(vfile))  # beside the source, or under _build for dune
    return (str(proj.root.resolve()), Path(vfile).as_posix(), v.stat().st_mtime, vo.stat().st_mtime)


class Pool:
    """The idle sessions, one per (project, file); a busy one is not shared (a second Dojo
    on the same file at the same time gets a session of its own, closed with it)."""

    def __init__(self) -> None:
        self.sessions: Dict[Tuple[str, str], FileSession] = {}

    def acquire(self, proj: CoqProject, vfile: Path, timeout: float, fast: bool = True,
                reuse: bool = True) -> FileSession:
        key = session_key(proj, vfile)
        old = self.sessions.get(key[:2]) if reuse else None
        if old is not None and (old.key != key or not old.alive() or old.fast != fast):
            if not old.busy:
                old.close()
                del self.sessions[key[:2]]
            old = None
        if old is not None and not old.busy:
            old.busy = True
            return old
        sess = FileSession(proj, vfile, timeout, fast)
        sess.busy = True
        if reuse and key[:2] not in self.sessions:
            self.sessions[key[:2]] = sess
        return sess

    def release(self, sess: FileSession) -> None:
        sess.busy = False
        mine = self.sessions.get(sess.key[:2]) is sess
        if not mine or not sess.alive():
            sess.close()
            if mine:
                del self.sessions[sess.key[:2]]

    def discard(self, sess: FileSession) -> None:
        sess.close()
        if self.sessions.get(sess.key[:2]) is sess:
            del self.sessions[sess.key[:2]]

    def close_all(self) -> None:
        for sess in list(self.sessions.values()):
            sess.close()
        self.sessions.clear()


POOL = Pool()
atexit.register(POOL.close_all)


def start_session(proj: CoqProject, vfile: Path, k: int, timeout: float, fast: bool, reuse: bool) -> FileSession:
    """A session of `vfile` at the state before sentence `k` (fast replay first, a full
    one when it fails); DojoInitError when even the full replay fails."""
    sess: Optional[FileSession] = POOL.acquire(proj, vfile, timeout, fast, reuse)
    assert sess is not None
    try:
        sess.goto(k, timeout)
        return sess
    except ReplayFailed as err:
        POOL.discard(sess)
        if not fast:
            raise DojoInitError(str(err)) from None
    sess = POOL.acquire(proj, vfile, timeout, False, reuse)
    try:
        sess.goto(k, timeout)
    except ReplayFailed as err:
        POOL.discard(sess)
        raise DojoInitError(str(err)) from None
    return sess
