"""The networkx view of a workspace: who and what each touchpoint connects to.

Nodes are `(kind, id)` tuples (a stage is `("stage", journey_id, stage_id)`); every node carries
its entity as `entity` where it has one. Edges carry `rel`, one of:

- `stage`: journey -> stage, with `order`
- `touchpoint`: stage -> touchpoint, with `order`
- `next`: touchpoint -> touchpoint, the customer's path, with `journey`
- `owner`, `responsible`, `consulted`, `informed`: touchpoint -> owner (RACI)
- `depends_on`: touchpoint -> system;  `runs`: owner -> system
- `member_of`: person -> team;  `lead`: team -> person
- `leader`: journey -> owner;  `for`: journey -> persona

The graph is built once from the loaded workspace; analyses query it and never read files.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from cxkit.model.entities import Touchpoint
from cxkit.workspace import Workspace

Node = tuple[str, ...]
RACI_ROLES = ("owner", "responsible", "consulted", "informed")


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


def build_graph(workspace: Workspace) -> nx.MultiDiGraph:
    """One graph of every entity and relation in the workspace."""
    graph = nx.MultiDiGraph()
    edges: list[tuple[Node, Node, dict[str, Any]]] = []
    for kind, index in (
        ("owner", workspace.owners),
        ("persona", workspace.personas),
        ("system", workspace.systems),
        ("touchpoint", workspace.touchpoints),
        ("journey", workspace.journeys),
    ):
        graph.add_nodes_from(((kind, ident), {"entity": p.entity}) for ident, p in index.items())
    for ident, owner_place in workspace.owners.items():
        o = owner_place.entity
        if o.team and o.team in workspace.owners:
            edges.append((owner(ident), owner(o.team), {"rel": "member_of"}))
        if o.lead and o.lead in workspace.owners:
            edges.append((owner(ident), owner(o.lead), {"rel": "lead"}))
    for ident, system_place in workspace.systems.items():
        runner = system_place.entity.owner
        if runner and runner in workspace.owners:
            edges.append((owner(runner), system(ident), {"rel": "runs"}))
    for ident, touchpoint_place in workspace.touchpoints.items():
        edges.extend(_touchpoint_edges(workspace, ident, touchpoint_place.entity))
    for ident in workspace.journeys:
        edges.extend(_journey_edges(workspace, ident))
    graph.add_edges_from(edges)
    return graph


def _touchpoint_edges(
    workspace: Workspace, ident: str, entity: Touchpoint
) -> list[tuple[Node, Node, dict[str, Any]]]:
    edges: list[tuple[Node, Node, dict[str, Any]]] = []
    here = touchpoint(ident)
    if entity.owner and entity.owner in workspace.owners:
        edges.append((here, owner(entity.owner), {"rel": "owner"}))
    for role in ("responsible", "consulted", "informed"):
        for who in getattr(entity, role):
            if who in workspace.owners:
                edges.append((here, owner(who), {"rel": role}))
    for name in entity.systems:
        if name in workspace.systems:
            edges.append((here, system(name), {"rel": "depends_on"}))
    return edges


def _journey_edges(workspace: Workspace, ident: str) -> list[tuple[Node, Node, dict[str, Any]]]:
    entity = workspace.journeys[ident].entity
    here = journey(ident)
    edges: list[tuple[Node, Node, dict[str, Any]]] = []
    if entity.leader and entity.leader in workspace.owners:
        edges.append((here, owner(entity.leader), {"rel": "leader"}))
    if entity.persona and entity.persona in workspace.personas:
        edges.append((here, ("persona", entity.persona), {"rel": "for"}))
    for order, st in enumerate(entity.stages):
        edges.append((here, stage(ident, st.id), {"rel": "stage", "order": order}))
    previous: Node | None = None
    for step in workspace.paths.get(ident, []):
        node = touchpoint(step.touchpoint)
        if step.touchpoint not in workspace.touchpoints:
            continue
        edges.append((stage(ident, step.stage), node, {"rel": "touchpoint", "order": step.index}))
        if previous is not None and previous != node:
            edges.append((previous, node, {"rel": "next", "journey": ident}))
        previous = node
    return edges


def related(graph: nx.MultiDiGraph, node: Node, rel: str) -> list[Node]:
    """The nodes `node` points to through edges of one relation, in insertion order."""
    if node not in graph:
        return []
    return [target for _, target, data in graph.out_edges(node, data=True) if data["rel"] == rel]


def pointing(graph: nx.MultiDiGraph, node: Node, rel: str) -> list[Node]:
    """The nodes that point to `node` through edges of one relation."""
    if node not in graph:
        return []
    return [source for source, _, data in graph.in_edges(node, data=True) if data["rel"] == rel]
