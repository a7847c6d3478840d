"""The Coq backend: everything of the toolkit that knows Coq.

    project.py      `_CoqProject`: the project root, its .v files, load paths (CoqProject)
    dune.py         dune projects: `(coq.theory ...)` stanzas, .vo under _build/default (DuneProject)
    discover.py     which kind a folder is (`_CoqProject` or dune), found walking up
    scan.py         the declarations of a .v file, from its text
    build.py        coq_makefile + make -jN, or dune build; their progress lines
    errors.py       Coq's `File ..., line L, characters A-B:` + `Error:` blocks
    assumptions.py  `Print Assumptions` in generated files, and its output
    axioms.py       the standard classical axioms Coq's Reals rest on
    dpd.py          coq-dpdgraph's .dpd output -> DependencyGraph
    packages.py     the Debian packages providing Coq and its libraries
    backend.py      CoqBackend: the `Backend` protocol, running coqc
    coqtop.py       a coqtop process for `extract` and the dojo (prompts, goals, sentence spans)
"""

from leansharp_tools.backends.coq.backend import CoqBackend
from leansharp_tools.backends.coq.project import CoqProject, find_project_root, load_project

__all__ = ["CoqBackend", "CoqProject", "find_project_root", "load_project"]
