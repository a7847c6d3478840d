"""Deterministic train/val/test splits of theorem records, as LeanDojo makes them.

    random_split(names, seed)                       # shuffled by theorem
    novel_premises_split({name: premises}, seed)    # every val/test theorem uses a premise
                                                    # that no training theorem uses

Both are pure functions of their input and the seed; val and test each get 10% of the
theorems (at least one each when there are three theorems or more).
"""

from __future__ import annotations

import random
from typing import Dict, Iterable, List, Mapping, Sequence, Set

Split = Dict[str, List[str]]


def split_sizes(n: int, fraction: float = 0.1) -> int:
    """How many theorems go to val (and to test)."""
    return 0 if n < 3 else max(1, round(n * fraction))


def random_split(names: Sequence[str], seed: int = 0) -> Split:
    order = sorted(names)
    random.Random(seed).shuffle(order)
    k = split_sizes(len(order))
    return {"train": sorted(order[2 * k:]), "val": sorted(order[:k]), "test": sorted(order[k:2 * k])}


def novel_premises_split(uses: Mapping[str, Iterable[str]], seed: int = 0) -> Split:
    """LeanDojo's `novel_premises`: premises are taken from the least used up; all the
    theorems using one go to val+test until val+test holds 20% of the theorems, so
    each of them uses a premise (the one that brought it in) no training theorem uses."""
    names = sorted(uses)
    k = split_sizes(len(names))
    users: Dict[str, Set[str]] = {}
    for n in names:
        for p in set(uses[n]):
            users.setdefault(p, set()).add(n)
    held: Set[str] = set()
    for _premise, thms in sorted(users.items(), key=lambda kv: (len(kv[1]), kv[0])):
        if len(held) >= 2 * k:
            break
        if len(held | thms) < len(names):  # never empty the training set
            held |= thms
    rest = sorted(held)
    random.Random(seed).shuffle(rest)
    val = sorted(rest[:len(rest) // 2]) if len(rest) > 1 else []
    test = sorted(rest[len(val):])
    return {"train": [n for n in names if n not in held], "val": val, "test": test}


def check_novel(split: Split, uses: Mapping[str, Iterable[str]]) -> List[str]:
    """Test theorems that use no premise outside the training theorems' premises."""
    train_premises = {p for n in split["train"] for p in uses[n]}
    return [n for n in split["test"] if not set(uses[n]) - train_premises]
