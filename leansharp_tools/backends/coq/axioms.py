"""The standard axioms `leansharp status` accepts, and how Coq itself confirms one.

An axiom is standard only when Coq says so in the very run that printed it: the
generated file `Require`s each axiom's library, asks `Locate Term` for the name it
prints the axiom under in that environment, checks with `constr_eq` that its type is
*syntactically* the statement below (fully qualified constants, no notation), and
asks `Locate Library` that the library and the `Coq.Init` files the statement uses
come from Coq's own `theories` directory. A printed name that is not one of those
names is foreign, whatever its suffix (a project file `Classical_Prop.v` declaring
`classic` prints as `Classical_Prop.classic` too).

    probe_script()                      # the sentences to put after the Requires
    parse_probes(coqc_stdout, theories) # -> Probes: {printed name: StandardAxiom}, problems
    standard_axioms_markdown()          # the README list (tests/test_toolkit_units.py checks it)

The README's list is `standard_axioms_markdown()`; print it with
    .venv/bin/python -c "from leansharp_tools.backends.coq.axioms import standard_axioms_markdown as m
    print(m(), end='')"
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from leansharp_tools.errors import LeanSharpError

_NAT = "Coq.Init.Datatypes.nat"
_NOT = "Coq.Init.Logic.not"


@dataclass(frozen=True)
class StandardAxiom:
    name: str  # the fully qualified kernel name
    statement: str  # as Coq prints it
    term: str  # the exact statement: fully qualified constants, no notation (checked with constr_eq)
    why: str  # who rests on it

    @property
    def library(self) -> str:
        return self.name.rsplit(".", 1)[0]


_DESCRIPTION = ("forall (A : Type) (P : A -> Prop), (exists x : A, P x) -> {x : A | P x}",
                "forall (A : Type) (P : A -> Prop), @Coq.Init.Logic.ex A (fun x : A => P x) -> "
                "@Coq.Init.Specif.sig A (fun x : A => P x)")

#: The one list. Coq 8.16's Reals (all of theories/Reals) and Coquelicot rest on the
#: first four exactly; propositional extensionality and constructive indefinite
#: description (stated twice in the standard library, once in ClassicalEpsilon and
#: once in IndefiniteDescription) complete the classical set (mathcomp-analysis states
#: the same three principles as its own axioms in mathcomp.classical.boolp: those,
#: like any axiom of another name, are foreign).
STANDARD_AXIOMS: Tuple[StandardAxiom, ...] = (
    StandardAxiom(
        "Coq.Reals.ClassicalDedekindReals.sig_forall_dec",
        "forall P : nat -> Prop, (forall n : nat, {P n} + {~ P n}) -> {n : nat | ~ P n} + {forall n : nat, P n}",
        f"forall P : {_NAT} -> Prop, (forall n : {_NAT}, Coq.Init.Specif.sumbool (P n) ({_NOT} (P n))) -> "
        f"Coq.Init.Specif.sumor (@Coq.Init.Specif.sig {_NAT} (fun n : {_NAT} => {_NOT} (P n))) "
        f"(forall n : {_NAT}, P n)",
        "Coq's Reals: the construction of R (Rle_dec, total_order_T, ...)"),
    StandardAxiom(
        "Coq.Reals.ClassicalDedekindReals.sig_not_dec",
        "forall P : Prop, {~ ~ P} + {~ P}",
        f"forall P : Prop, Coq.Init.Specif.sumbool ({_NOT} ({_NOT} P)) ({_NOT} P)",
        "Coq's Reals: the construction of R"),
    StandardAxiom(
        "Coq.Logic.FunctionalExtensionality.functional_extensionality_dep",
        "forall (A : Type) (B : A -> Type) (f g : forall x : A, B x), (forall x : A, f x = g x) -> f = g",
        "forall (A : Type) (B : A -> Type) (f g : forall x : A, B x), "
        "(forall x : A, @Coq.Init.Logic.eq (B x) (f x) (g x)) -> @Coq.Init.Logic.eq (forall x : A, B x) f g",
        "Coq's Reals"),
    StandardAxiom(
        "Coq.Logic.Classical_Prop.classic",
        "forall P : Prop, P \\/ ~ P",
        f"forall P : Prop, Coq.Init.Logic.or P ({_NOT} P)",
        "Coq's Reals: excluded middle"),
    StandardAxiom(
        "Coq.Logic.PropExtensionality.propositional_extensionality",
        "forall P Q : Prop, P <-> Q -> P = Q",
        "forall P Q : Prop, Coq.Init.Logic.iff P Q -> @Coq.Init.Logic.eq Prop P Q",
        "classical companion; Coq's Reals do not use it"),
    StandardAxiom(
        "Coq.Logic.ClassicalEpsilon.constructive_indefinite_description", *_DESCRIPTION,
        "classical companion; Coq's Reals do not use it"),
    StandardAxiom(
        "Coq.Logic.IndefiniteDescription.constructive_indefinite_description", *_DESCRIPTION,
        "classical companion; Coq's Reals do not use it"),
)

#: Coq's primitive families a project may accept (`accept-primitives` in its config):
#: every axiom and primitive of these libraries, as Coq names it (`About`), when the
#: library was loaded from Coq's own `theories` directory (`Locate Library`)
PRIMITIVE_FAMILIES: Dict[str, Tuple[str, ...]] = {
    "int63": ("Coq.Numbers.Cyclic.Int63.PrimInt63", "Coq.Numbers.Cyclic.Int63.Uint63",
              "Coq.Numbers.Cyclic.Int63.Sint63"),
    "float": ("Coq.Floats.PrimFloat", "Coq.Floats.FloatAxioms"),
    "array": ("Coq.Array.PArray",),
}


@dataclass(frozen=True)
class Accepted:
    """What a project accepts besides the standard axioms: `extra` axioms (its config's
    fully qualified name + exact statement, `term` = the statement as written) and
    primitive `families` (keys of PRIMITIVE_FAMILIES)."""

    extra: Tuple[StandardAxiom, ...] = ()
    families: Tuple[str, ...] = ()

    def family_libraries(self) -> List[str]:
        return [lib for f in self.families for lib in PRIMITIVE_FAMILIES[f]]


def accepted_from(config_axioms: Sequence[Tuple[str, str, str]], families: Sequence[str],
                  source: str = "config") -> Accepted:
    """(name, statement, where) triples and family names -> Accepted; an unknown family
    is a one-line error naming `source`."""
    unknown = [f for f in families if f not in PRIMITIVE_FAMILIES]
    if unknown:
        raise LeanSharpError(f"{source}: accept-primitives: unknown family '{unknown[0]}' (Coq's families: "
                             f"{', '.join(PRIMITIVE_FAMILIES)})")
    extra = tuple(StandardAxiom(n, st, st, where) for n, st, where in config_axioms)
    return Accepted(extra, tuple(families))


#: the libraries whose constants the statements name: they must be Coq's own too
INIT_LIBRARIES = ("Coq.Init.Logic", "Coq.Init.Specif", "Coq.Init.Datatypes")
_BY_NAME = {a.name: a for a in STANDARD_AXIOMS}

PROBE = "@@LSSTD"
ACCEPT = "@@LSACC"
_ACCEPT_RE = re.compile(r"@@LSACC (\d+) same")
_SAME_RE = re.compile(r"^@@LSSTD (\d+) (same|differs)\s*$")
_LOCATE_RE = re.compile(r"^(?:Constant|Inductive|Constructor) (\S+)"
                        r"(?: \(shorter name to refer to it in current context is (\S+)\))?\s*$")
_LIBRARY_RE = re.compile(r"^(\S+) has been loaded from file (.+?)\s*$")


def standard_names() -> List[str]:
    return [a.name for a in STANDARD_AXIOMS]


def libraries() -> List[str]:
    """Every library the probes need loaded (`Require`d before them)."""
    return list(dict.fromkeys(a.library for a in STANDARD_AXIOMS))


def probe_script(accepted: Accepted = Accepted()) -> str:
    """Sentences (after `Require` of `libraries()` (+ the accepted families' libraries)
    and `Set Printing Width`): the name each axiom prints under, whether its type is
    exactly `term`, where its library and the Init libraries were loaded from. An
    accepted extra axiom's probe is one line holding `@@LSACC i`: when Coq does not
    know the name or cannot parse the statement, the run fails at that line (the
    caller drops that axiom with Coq's message and runs again)."""
    lines = [f"Locate Term {a.name}." for a in (*STANDARD_AXIOMS, *accepted.extra)]
    lines.append("Goal Coq.Init.Logic.True.")
    for i, a in enumerate(STANDARD_AXIOMS):
        lines.append(f'first [ let t := type of @{a.name} in constr_eq t ({a.term}); idtac "{PROBE} {i} same" '
                     f'| idtac "{PROBE} {i} differs" ].')
    for i, a in enumerate(accepted.extra):
        lines.append(f'first [ let t := type of @{a.name} in constr_eq t ({a.term}); idtac "{ACCEPT} {i} same" '
                     f'| idtac "{ACCEPT} {i} differs" ].')
    lines.append("Abort.")
    lines += [f"Locate Library {lib}." for lib in (*INIT_LIBRARIES, *libraries(), *accepted.family_libraries())]
    return "\n".join(lines) + "\n"


def accept_probe_lines(script: str) -> Dict[int, int]:
    """{1-based line of `script`: index of the accepted extra axiom it probes}."""
    out: Dict[int, int] = {}
    for k, line in enumerate(script.splitlines(), 1):
        m = re.search(rf'"{ACCEPT} (\d+) same"', line)
        if m:
            out[k] = int(m.group(1))
    return out


def parse_locate(text: str) -> Dict[str, str]:
    """`Locate Term` answers (printed one per line: `Set Printing Width` is large):
    {fully qualified name: the shortest name Coq prints it under here}."""
    out: Dict[str, str] = {}
    for line in text.splitlines():
        m = _LOCATE_RE.match(line)
        if m:
            out.setdefault(m.group(1), m.group(2) or m.group(1))
    return out


@dataclass
class Probes:
    printed: Dict[str, StandardAxiom] = field(default_factory=dict)  # printed name -> the axiom it is
    problems: List[str] = field(default_factory=list)  # why an axiom is not accepted in this run
    family_libraries: List[str] = field(default_factory=list)  # accepted families' libraries Coq confirmed

    def accepts_family(self, name: str) -> bool:
        """Whether the fully qualified `name` is an object of an accepted family's library."""
        return any(name.startswith(lib + ".") for lib in self.family_libraries)


def _inside(path: str, root: Optional[Path]) -> bool:
    if root is None:
        return False
    try:
        return Path(os.path.realpath(path)).is_relative_to(Path(os.path.realpath(root)))
    except (OSError, ValueError):
        return False


def parse_probes(text: str, theories: Optional[Path], accepted: Accepted = Accepted()) -> Probes:
    """The outcome of `probe_script()` in coqc's output. `theories`: Coq's own
    `$(coqc -where)/theories`. An axiom is accepted (its printed name in `printed`)
    only when Coq located it, its statement is the same and its library, like the
    Init libraries, was loaded from `theories`; otherwise `problems` says why."""
    located = parse_locate(text)
    same = {int(m.group(1)): m.group(2) == "same" for m in map(_SAME_RE.match, text.splitlines()) if m}
    loaded = {m.group(1): m.group(2) for m in map(_LIBRARY_RE.match, text.splitlines()) if m}
    probes = Probes()
    foreign_init = [lib for lib in INIT_LIBRARIES if not _inside(loaded.get(lib, ""), theories)]
    for lib in foreign_init:
        probes.problems.append(f"{lib} was not loaded from Coq's own library ({theories}) but from "
                               f"{loaded.get(lib, 'nowhere')}: no axiom is accepted as standard")
    for i, a in enumerate(STANDARD_AXIOMS):
        where = loaded.get(a.library)
        if a.name not in located:
            probes.problems.append(f"{a.name}: Coq does not know it here: not accepted as standard")
        elif not same.get(i, False):
            probes.problems.append(f"{a.name}: its statement is not `{a.statement}`: not accepted as standard")
        elif not _inside(where or "", theories):
            probes.problems.append(f"{a.library} was loaded from {where or 'nowhere'}, not from Coq's own "
                                   f"library ({theories}): {a.name} is not accepted as standard")
        elif not foreign_init:
            probes.printed[located[a.name]] = a
    same_extra = {int(m.group(1)) for m in _ACCEPT_RE.finditer(text)}
    for i, a in enumerate(accepted.extra):
        if a.name not in located:
            probes.problems.append(f"{a.why}: accept-axioms: Coq does not locate {a.name}: not accepted")
        elif i not in same_extra:
            probes.problems.append(f"{a.why}: accept-axioms: the statement of {a.name} is not `{a.statement}` "
                                   f"(compared syntactically, as Coq parses it): not accepted")
        else:
            probes.printed[located[a.name]] = a
    for lib in accepted.family_libraries():
        where = loaded.get(lib)
        if _inside(where or "", theories) and not foreign_init:
            probes.family_libraries.append(lib)
        else:
            probes.problems.append(f"{lib} was loaded from {where or 'nowhere'}, not from Coq's own library "
                                   f"({theories}): its primitives are not accepted")
    return probes


def standard_axioms_markdown() -> str:
    """The accepted axioms as a Markdown list (the README's copy must be this text)."""
    lines = [f"- `{a.name}`: `{a.statement}` — {a.why}" for a in STANDARD_AXIOMS]
    return "\n".join(lines) + "\n"


def is_standard_axiom(name: str) -> bool:
    """Whether `name` is the fully qualified name of a standard axiom (exact match: a
    printed name is only ever mapped to one by `parse_probes`)."""
    return name in _BY_NAME

