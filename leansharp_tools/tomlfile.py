"""Reading TOML files (roadmap.toml, toolchain.toml) with one-line `file:line:col` errors."""

from __future__ import annotations

import re
import sys
from typing import Any, Dict

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from leansharp_tools.errors import LeanSharpError


def parse_toml(text: str, where: str, fix: str = "") -> Dict[str, Any]:
    """`text` parsed; invalid TOML is a LeanSharpError `where:line:col: invalid TOML: ...`
    (+ `; fix` when given)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        msg = str(e)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        if m:
            msg, where = msg[: m.start()].strip(), f"{where}:{m.group(1)}:{m.group(2)}"
        raise LeanSharpError(f"{where}: invalid TOML: {msg}{'; ' + fix if fix and m else ''}") from None
