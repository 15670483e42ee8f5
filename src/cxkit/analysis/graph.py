"""The networkx view of a workspace: who and what each touchpoint connects to.

Nodes are `(kind, id)` tuples (a stage is `("stage", journey_id, stage_id)`); every node carries
its entity as `entity` where it has one. An edge carries `rels`, the (frozen) set of relations
between its two ends (a team can be both accountable for and responsible on one touchpoint):

- `stage`: journey -> stage, with its position in `orders`
- `touchpoint`: stage -> touchpoint, with its positions on the journey's path in `orders`
- `next`: touchpoint -> touchpoint, the customer's route (analysis/route.py), with the journeys
  in `journeys`
- `owner`, `responsible`, `consulted`, `informed`: touchpoint -> owner (RACI)
- `depends_on`: touchpoint -> system;  `runs`: owner -> system
- `member_of`: person -> team;  `lead`: team -> person
- `leader`: journey -> owner;  `for`: journey -> persona

One edge per pair of nodes with a set of relations (rather than a MultiDiGraph with an edge per
relation) keeps queries to one look-up per neighbour. The graph is built once from the loaded
workspace; analyses query it and never read files.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx

from cxkit.analysis.route import following
from cxkit.model.records.generated import Journey, Touchpoint
from cxkit.model.vocabulary import RACI
from cxkit.runtime.keep import keep
from cxkit.workspace import Placed, Step, Workspace

Node = tuple[str, ...]


def touchpoint(ident: str) -> Node:
    return ("touchpoint", ident)


def owner(ident: str) -> Node:
    return ("owner", ident)


def system(ident: str) -> Node:
    return ("system", ident)


def journey(ident: str) -> Node:
    return ("journey", ident)


def stage(journey_id: str, stage_id: str) -> Node:
    return ("stage", journey_id, stage_id)


class _Builder:
    """Adds nodes and edges straight into a DiGraph's dicts, relations merged per pair of nodes.

    This uses networkx's private `_succ`, `_pred` and `_node` on purpose: its add_edges_from
    copies each edge's data into a new dict and goes through several layers per edge, which
    doubled the time to build the graph and made `cxkit impact` measurably slower, where its
    target has little room (benchmarks/README.md). As in networkx's
    own structure, an edge's successor and predecessor entries share one data dict. A test
    holds the result to networkx's own view of a graph, on the lowest and newest networkx.
    Each entity's node is made once, and looking it up also says whether a reference names an
    entity of the workspace.
    """

    def __init__(self, graph: nx.DiGraph, workspace: Workspace) -> None:
        self.succ, self.pred, self.attrs = graph._succ, graph._pred, graph._node
        self.owners = self._entities("owner", workspace.owners)
        self.personas = self._entities("persona", workspace.personas)
        self.systems = self._entities("system", workspace.systems)
        self.touchpoints = self._entities("touchpoint", workspace.touchpoints)
        self.journeys = self._entities("journey", workspace.journeys)

    def _entities(self, kind: str, index: Mapping[str, Placed[Any]]) -> dict[str, Node]:
        made: dict[str, Node] = {}
        for ident, placed in index.items():
            made[ident] = node = (kind, ident)
            self.add_node(node, {"entity": placed.entity})
        return made

    def add_node(self, node: Node, attrs: dict[str, object]) -> None:
        self.succ[node], self.pred[node], self.attrs[node] = {}, {}, attrs

    def link(self, source: Node, target: Node, rel: str) -> dict[str, Any]:
        """Relate two nodes of the graph; the data of the edge between them."""
        targets = self.succ[source]
        data: dict[str, Any] | None = targets.get(target)
        if data is None:
            targets[target] = self.pred[target][source] = data = {"rels": _one(rel)}
        elif rel not in data["rels"]:
            data["rels"] = _rels(data["rels"] | {rel})
        return data

    def listed(self, source: Node, target: Node, rel: str, name: str, value: object) -> None:
        """Relate two nodes, adding `value` to the edge's list `name` (positions, journeys)."""
        self.link(source, target, rel).setdefault(name, []).append(value)


# Each distinct set of relations, made once: a big graph has a hundred thousand edges but a
# handful of different sets, and a set of its own per edge took memory (benchmarks/README.md).
_RELATION_SETS: dict[frozenset[str], frozenset[str]] = {}
_SINGLE_SETS: dict[str, frozenset[str]] = {}


def _rels(relations: set[str] | frozenset[str]) -> frozenset[str]:
    key = frozenset(relations)
    return _RELATION_SETS.setdefault(key, key)


def _one(rel: str) -> frozenset[str]:
    found = _SINGLE_SETS.get(rel)
    if found is None:
        found = _SINGLE_SETS[rel] = _rels({rel})
    return found


def build_graph(workspace: Workspace) -> nx.DiGraph:
    """One graph of every entity and relation in the workspace."""
    graph = nx.DiGraph()
    keep(graph)
    builder = _Builder(graph, workspace)
    owners = builder.owners
    for ident, owner_place in workspace.owners.items():
        o = owner_place.entity
        if o.team in owners:
            builder.link(owners[ident], owners[o.team], "member_of")
        if o.lead in owners:
            builder.link(owners[ident], owners[o.lead], "lead")
    for ident, system_place in workspace.systems.items():
        runner = system_place.entity.owner
        if runner in owners:
            builder.link(owners[runner], builder.systems[ident], "runs")
    for ident, touchpoint_place in workspace.touchpoints.items():
        _touchpoint_edges(builder, builder.touchpoints[ident], touchpoint_place.entity)
    for ident, journey_place in workspace.journeys.items():
        _journey_edges(builder, ident, journey_place.entity, workspace.paths.get(ident, []))
    return graph


def _touchpoint_edges(builder: _Builder, here: Node, entity: Touchpoint) -> None:
    owners, systems = builder.owners, builder.systems
    for raci in RACI:
        named = getattr(entity, raci.field)
        for who in named if raci.is_list else (named,):
            if who in owners:
                builder.link(here, owners[who], raci.field)
    for name in entity.systems:
        if name in systems:
            builder.link(here, systems[name], "depends_on")


def _journey_edges(builder: _Builder, ident: str, entity: Journey, path: list[Step]) -> None:
    here = builder.journeys[ident]
    if entity.leader in builder.owners:
        builder.link(here, builder.owners[entity.leader], "leader")
    if entity.persona in builder.personas:
        builder.link(here, builder.personas[entity.persona], "for")
    stages: dict[str, Node] = {}
    for order, st in enumerate(entity.stages):
        stages[st.id] = node = stage(ident, st.id)
        if node not in builder.attrs:
            builder.add_node(node, {})
        builder.listed(here, node, "stage", "orders", order)
    touchpoints = builder.touchpoints
    for step, after in zip(path, following(path), strict=True):
        at = touchpoints.get(step.touchpoint)
        if at is None:
            continue
        # The path is this journey's own (`Workspace.paths`): its steps name its stages.
        builder.listed(stages[step.stage], at, "touchpoint", "orders", step.index)
        for then in after:
            there = touchpoints.get(then.touchpoint)
            if there is not None and there != at:
                builder.listed(at, there, "next", "journeys", ident)


def related(graph: nx.DiGraph, node: Node, rel: str) -> list[Node]:
    """The nodes `node` points to through one relation, in insertion order."""
    if node not in graph:
        return []
    return [target for target, data in graph.adj[node].items() if rel in data["rels"]]


def pointing(graph: nx.DiGraph, node: Node, rel: str) -> list[Node]:
    """The nodes that point to `node` through one relation."""
    if node not in graph:
        return []
    return [source for source, data in graph.pred[node].items() if rel in data["rels"]]
