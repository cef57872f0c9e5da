"""How much work a route search does, counted instead of timed (a busy machine slows a search
down but never makes it do more): the paths Yen's algorithm draws, the Dijkstra runs of the
tree of best routes, the routes listed depth-first, and the steps the searches' budgets were
charged."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import networkx as nx
import pytest

import careermap.graph as graph_module


def meter(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """A counter of the search work done from now on in this test."""
    work: Counter[str] = Counter()

    def generator(real: Callable[..., Iterator[Any]], name: str) -> Callable[..., Iterator[Any]]:
        def counted(*args: Any, **kwargs: Any) -> Iterator[Any]:
            for item in real(*args, **kwargs):
                work[name] += 1
                yield item

        return counted

    def function(real: Callable[..., Any], name: str) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            work[name] += 1
            return real(*args, **kwargs)

        return counted

    monkeypatch.setattr(nx, "shortest_simple_paths", generator(nx.shortest_simple_paths, "yen"))
    monkeypatch.setattr(
        graph_module, "_depth_first_paths", generator(graph_module._depth_first_paths, "listed")
    )
    monkeypatch.setattr(
        graph_module, "_lightest_ways", function(graph_module._lightest_ways, "dijkstra")
    )
    budgets: list[tuple[int, Any]] = []
    real_budget = graph_module._Budget

    def budget(left: int, *args: Any) -> Any:
        made = real_budget(left, *args)
        budgets.append((left, made))
        return made

    monkeypatch.setattr(graph_module, "_Budget", budget)
    work.budgets = budgets  # type: ignore[attr-defined]
    return work


def steps(work: Counter[str]) -> int:
    """The steps charged to every search budget made since the meter started."""
    budgets: list[tuple[int, Any]] = work.budgets  # type: ignore[attr-defined]
    return sum(start - made.left for start, made in budgets)
