"""Names Coq 8.16 gives declarations the text leaves unnamed (the scan's rule):
an anonymous `Instance : C args` is `C_instance_N`, N the smallest number whose name
is still free in the enclosing module (`Namegen.next_global_ident_away`).

    instance_class(" forall A, Foo (list A)")     # "Foo"
    free_name("Foo_instance_", {"Foo_instance_0"})  # "Foo_instance_1"
"""

from __future__ import annotations

import re
from typing import Set

_IDENT = r"[A-Za-z_\u00C0-\uFFFF][\w'\u00C0-\uFFFF]*"


def instance_class(typ: str) -> str:
    """The class an anonymous `Instance : typ` instantiates: the head of `typ`'s
    conclusion (after `forall ..,` and `->`), without `@`/`!`/backquote or qualification."""
    t = typ.split(":=", 1)[0].strip()
    while True:
        m = re.match(r"^forall\b", t)
        if not m:
            break
        depth = 0
        for i, c in enumerate(t):
            depth += c in "([{"
            depth -= c in ")]}"
            if c == "," and depth == 0:
                t = t[i + 1:].strip()
                break
        else:
            break
    depth, last = 0, 0
    for i, c in enumerate(t):
        depth += c in "([{"
        depth -= c in ")]}"
        if depth == 0 and t.startswith("->", i):
            last = i + 2
    head = re.match(r"[\s(`!@{]*(" + _IDENT + r"(?:\." + _IDENT + r")*)", t[last:])
    return head.group(1).rsplit(".", 1)[-1] if head else "instance"


def free_name(base: str, used: Set[str]) -> str:
    """`base` + the smallest N whose name is not in `used` (Coq's `next_global_ident_away`)."""
    n = 0
    while f"{base}{n}" in used:
        n += 1
    return f"{base}{n}"
