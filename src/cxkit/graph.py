"""The networkx view of a workspace: who and what each touchpoint connects to.

Nodes are `(kind, id)` tuples (a stage is `("stage", journey_id, stage_id)`); every node carries
its entity as `entity` where it has one. An edge carries `rels`, the (frozen) set of relations
between its two ends (a team can be both accountable for and responsible on one touchpoint):

- `stage`: journey -> stage, with its position in `orders`
- `touchpoint`: stage -> touchpoint, with its positions on the journey's path in `orders`
- `next`: touchpoint -> touchpoint, the customer's path, with the journeys in `journeys`
- `owner`, `responsible`, `consulted`, `informed`: touchpoint -> owner (RACI)
- `depends_on`: touchpoint -> system;  `runs`: owner -> system
- `member_of`: person -> team;  `lead`: team -> person
- `leader`: journey -> owner;  `for`: journey -> persona

One edge per pair of nodes with a set of relations (rather than a MultiDiGraph with an edge per
relation) keeps queries to one look-up per neighbour. The graph is built once from the loaded
workspace (about 0.3 s for 20,000 touchpoints); analyses query it and never read files.
"""

from __future__ import annotations

import networkx as nx

from cxkit.lifetime import keep
from cxkit.model.records import Touchpoint
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


class _Edges:
    """Adds edges straight into a DiGraph's adjacency dicts, relations merged per pair of nodes.

    networkx's add_edges_from copies each edge's data into a new dict and goes through several
    layers per edge: with 150,000 edges that was half of the time spent building the graph. As
    in networkx's own structure, an edge's successor and predecessor entries share one data
    dict; the adjacency dicts are documented as settable.
    """

    def __init__(self, graph: nx.DiGraph) -> None:
        self.succ, self.pred, self.nodes = graph._succ, graph._pred, graph._node

    def link(self, source: Node, target: Node, rel: str, **lists: object) -> None:
        succ = self.succ
        if source not in succ:  # a stage: the only nodes that come with their edges
            self._add_node(source)
        data = succ[source].get(target)
        if data is None:
            if target not in succ:
                self._add_node(target)
            succ[source][target] = self.pred[target][source] = data = {"rels": _rels({rel})}
        else:
            data["rels"] = _rels(data["rels"] | {rel})
        if lists:  # only stage, touchpoint and next edges carry lists: most links skip this
            for name, value in lists.items():
                data.setdefault(name, []).append(value)

    def _add_node(self, node: Node) -> None:
        self.succ[node], self.pred[node], self.nodes[node] = {}, {}, {}


# Each distinct set of relations, made once: a graph of 20,000 touchpoints has 150,000 edges
# but a handful of different sets, and a set of its own per edge took ~30 MB.
_RELATION_SETS: dict[frozenset[str], frozenset[str]] = {}


def _rels(relations: set[str] | frozenset[str]) -> frozenset[str]:
    key = frozenset(relations)
    return _RELATION_SETS.setdefault(key, key)


def build_graph(workspace: Workspace) -> nx.DiGraph:
    """One graph of every entity and relation in the workspace."""
    graph = nx.DiGraph()
    keep(graph)
    for kind, index in (
        ("owner", workspace.owners),
        ("persona", workspace.personas),
        ("system", workspace.systems),
        ("touchpoint", workspace.touchpoints),
        ("journey", workspace.journeys),
    ):
        graph.add_nodes_from(((kind, ident), {"entity": p.entity}) for ident, p in index.items())
    edges = _Edges(graph)
    owners = workspace.owners
    for ident, owner_place in owners.items():
        o = owner_place.entity
        if o.team and o.team in owners:
            edges.link(owner(ident), owner(o.team), "member_of")
        if o.lead and o.lead in owners:
            edges.link(owner(ident), owner(o.lead), "lead")
    for ident, system_place in workspace.systems.items():
        runner = system_place.entity.owner
        if runner and runner in owners:
            edges.link(owner(runner), system(ident), "runs")
    for ident, touchpoint_place in workspace.touchpoints.items():
        _touchpoint_edges(edges, workspace, ident, touchpoint_place.entity)
    for ident in workspace.journeys:
        _journey_edges(edges, workspace, ident)
    return graph


def _touchpoint_edges(edges: _Edges, workspace: Workspace, ident: str, entity: Touchpoint) -> None:
    here = touchpoint(ident)
    owners, systems = workspace.owners, workspace.systems
    if entity.owner and entity.owner in owners:
        edges.link(here, owner(entity.owner), "owner")
    for role in ("responsible", "consulted", "informed"):
        for who in getattr(entity, role):
            if who in owners:
                edges.link(here, owner(who), role)
    for name in entity.systems:
        if name in systems:
            edges.link(here, system(name), "depends_on")


def _journey_edges(edges: _Edges, workspace: Workspace, ident: str) -> None:
    entity = workspace.journeys[ident].entity
    here = journey(ident)
    if entity.leader and entity.leader in workspace.owners:
        edges.link(here, owner(entity.leader), "leader")
    if entity.persona and entity.persona in workspace.personas:
        edges.link(here, ("persona", entity.persona), "for")
    for order, st in enumerate(entity.stages):
        edges.link(here, stage(ident, st.id), "stage", orders=order)
    previous: Node | None = None
    for step in workspace.paths.get(ident, []):
        if step.touchpoint not in workspace.touchpoints:
            continue
        node = touchpoint(step.touchpoint)
        edges.link(stage(ident, step.stage), node, "touchpoint", orders=step.index)
        if previous is not None and previous != node:
            edges.link(previous, node, "next", journeys=ident)
        previous = node


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
