"""Structured data: JSON-LD blocks and microdata item types."""

from __future__ import annotations

import json
from typing import Any

from sitekit.audit.snapshot.state import State, attr
from sitekit.audit.snapshot.tree import Node

MAX_JSONLD_CHARS = 200_000


def read_jsonld(raw: str, st: State) -> None:
    """Every @type in one JSON-LD block (bounded), and its top-level items."""
    if len(raw) > MAX_JSONLD_CHARS:
        return
    try:
        data = json.loads(raw)
    except ValueError:
        return
    stack: list[tuple[Any, int]] = [(data, 0)]
    seen = 0
    while stack and seen < 2_000:
        item, depth = stack.pop()
        seen += 1
        if isinstance(item, list):
            stack.extend((x, depth + 1) for x in item[:200])
        elif isinstance(item, dict):
            kind = item.get("@type")
            for t in kind if isinstance(kind, list) else [kind]:
                if isinstance(t, str):
                    st.types.append(t.rsplit("/", 1)[-1])
            if depth <= 1 and len(st.data) < 20:
                st.data.append(item)
            if depth < 12:
                stack.extend((v, depth + 1) for v in item.values() if isinstance(v, (dict, list)))


def read_itemtype(tag: Node, st: State) -> None:
    """The microdata types an element declares (`itemtype`)."""
    for t in attr(tag, "itemtype").split():
        st.types.append(t.rstrip("/").rsplit("/", 1)[-1])
