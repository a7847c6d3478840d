"""`roadmap.toml`: load and validate the roadmap (errors carry line numbers), resolve
its links, and decide the status of its items (`items.py`: the items and their status;
`links.py`: their links). The one owner of both rules:
`leansharp status` (its `--strict` gate) and `leansharp map` call the functions here.

Public API:

    items = load_roadmap(path)            # -> list[RoadmapItem]; LeanSharpError on bad input
    items = parse_roadmap(text, where)    # same, from a string
    links = resolve_links(item, root, statuses)   # -> ItemLinks: code, test, problems
    problems = check_links(root, items, statuses) # -> list[LinkProblem]; [] when all resolve
    item_status(item, statuses)           # -> ItemState: proved | found | partial | open

`statuses` maps every declaration of the project to its `Status` (the prover's
verdict, or FOUND/ADMITTED from the source scan); a name absent from it does not exist.

Schema of one `[[item]]` table:

    id            str, required, unique        "area.result"
    statement     str                          the result in words (any length)
    title         str, <= 80 characters        what the result is about, shown in tables;
                  at least one of title/statement is required. Without `statement`
                  a title longer than 80 characters is the statement (roadmaps written
                  before `statement` existed); without a short `title` it is
                  `short_title(statement)`
    spec          str (or number), optional    SPEC section, e.g. "2.1" (LeanSharp's roadmap gives one)
    tier          int 1..4, optional           (LeanSharp's roadmap gives one)
    headline      bool, default false
    status        str, optional                what the roadmap claims: proved | partial | open;
                  `--strict` reports an item whose declarations say otherwise
    declarations  list[str], default []        fully qualified Coq names; empty = open
    witness       list[str] (or str), default []
                  declarations showing the hypotheses are satisfiable
    filters       list[str] (or str), default []
                  the declarations proving that, at the witness point, ZSharp's mask
                  is not all ones (the filter really drops components); each must
                  exist and be proved
    code          str or list[str], optional   "leansharp_tools.zsharp.<function>"
    test          str or list[str], optional   "tests/<file>.py::<test function>"
    upstream      table or list of tables, optional   the upstream code the statement is about:
                  {repo = "owner/name", commit = <40 hex>, path = "src/x.py", lines = "a-b"}
                  (`leansharp_tools.upstream`; shown as GitHub permalinks)
    agreement     str or list[str], optional   the test checking `code` against the upstream
                  code's recorded outputs, "tests/<file>.py::<test function>"
    port          list of tables, optional     another formalization's theorems the item restates:
                  {name, status = equal | weaker | open, coq, reason} (`roadmap.port`; an open
                  entry makes the item at most partial; `port_table` is README's table)

Only `id` and a `title` or `statement` are required: a roadmap of another project with
just id/title/statement/declarations/status loads; spec, tier, code, test, upstream,
agreement, witness and filters are LeanSharp's (ZSharp's) own. Unknown keys are
rejected (they are usually typos). `RoadmapItem.line` is the line of the item's
`[[item]]` header; `RoadmapItem.line_of(name)` the line where a
declaration, witness, filters, code or test name is written.

Links (`LinkProblem.kind`): a declaration, witness or filters name must exist
(missing-declaration / missing-witness / missing-filters), a filters declaration must
be proved (unproved-filters), `code` must import and name a function or class of its
own package (missing-code: resolved by import, which also gives its signature and
docstring), `test` and `agreement` must be defined in their file (missing-test,
missing-agreement: parsed, never run). `upstream` is checked for form only (no network;
bench/upstream_links.py checks the ranges against a git snapshot).
"""

from leansharp_tools.roadmap.items import (
    CLAIMS,
    KNOWN_KEYS,
    ROADMAP,
    ROLES,
    TITLE_MAX,
    ItemState,
    RoadmapItem,
    find_roadmap,
    item_status,
    load_roadmap,
    parse_roadmap,
    short_title,
)
from leansharp_tools.roadmap.links import (
    CodeLink,
    ItemLinks,
    LinkProblem,
    TestLink,
    check_links,
    resolve_code,
    resolve_links,
    resolve_test,
)

__all__ = ["CLAIMS", "KNOWN_KEYS", "ROADMAP", "ROLES", "TITLE_MAX", "ItemState", "RoadmapItem", "find_roadmap",
           "item_status", "load_roadmap", "parse_roadmap", "short_title", "CodeLink", "ItemLinks", "LinkProblem",
           "TestLink", "check_links", "resolve_code", "resolve_links", "resolve_test"]
