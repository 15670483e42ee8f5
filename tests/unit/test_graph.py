"""The graph of the example workspace: the relations analyses rely on."""

from __future__ import annotations

from cxkit.analysis import graph as g
from cxkit.workspace import load_workspace
from tests.conftest import EXAMPLE


def test_graph_of_the_example_holds_every_relation() -> None:
    workspace = load_workspace(EXAMPLE)
    built = g.build_graph(workspace)
    ivr = g.touchpoint("ivr-menu")
    assert g.related(built, ivr, "owner") == [g.owner("contact-centre")]
    assert g.owner("telephony") in g.related(built, ivr, "responsible")
    assert g.system("telephony-platform") in g.related(built, ivr, "depends_on")
    assert g.pointing(built, g.system("telephony-platform"), "runs") == [g.owner("telephony")]
    # the customer's path: on billing-dispute the phone menu comes right before identity-check
    assert g.touchpoint("identity-check") in g.related(built, ivr, "next")
    edge = built.edges[ivr, g.touchpoint("identity-check")]
    assert "billing-dispute" in edge["journeys"]
    # stages in order, touchpoints under their stage
    stages = g.related(built, g.journey("billing-dispute"), "stage")
    orders = [built.edges[g.journey("billing-dispute"), s]["orders"] for s in stages]
    assert orders == [[0], [1], [2], [3], [4]]
    assert ivr in g.related(built, g.stage("billing-dispute", "raise"), "touchpoint")
    # people to teams, teams to leads, journeys to leaders and personas
    assert g.related(built, g.owner("owen-clarke"), "member_of") == [g.owner("cx")]
    assert g.related(built, g.journey("billing-dispute"), "leader") == [g.owner("owen-clarke")]
    assert g.related(built, g.journey("billing-dispute"), "for") == [("persona", "busy-household")]
    assert built.nodes[ivr]["entity"].name == workspace.touchpoints["ivr-menu"].entity.name


def test_one_edge_holds_every_role_a_team_has_on_a_touchpoint() -> None:
    built = g.build_graph(load_workspace(EXAMPLE))
    rels = built.edges[g.touchpoint("identity-check"), g.owner("contact-centre")]["rels"]
    assert rels == {"owner", "responsible"}


def test_asking_about_a_missing_node_gives_nothing() -> None:
    built = g.build_graph(load_workspace(EXAMPLE))
    assert g.related(built, g.touchpoint("no-such"), "owner") == []
    assert g.pointing(built, g.system("no-such"), "runs") == []


def test_the_graph_built_in_networkx_dicts_is_a_graph_networkx_agrees_with() -> None:
    # The builder writes networkx's private adjacency dicts for speed: the graph must be exactly
    # what networkx's public API makes of the same nodes and edges, in the same order.
    import networkx as nx

    built = g.build_graph(load_workspace(EXAMPLE))
    public = nx.DiGraph()
    public.add_nodes_from(built.nodes(data=True))
    public.add_edges_from(built.edges(data=True))
    assert nx.utils.graphs_equal(built, public)
    assert list(built.edges) == list(public.edges)
    for node in built:
        assert sorted(built.predecessors(node)) == sorted(public.predecessors(node))
    assert built.number_of_edges() == sum(d for _, d in built.in_degree())
    assert g.touchpoint("identity-check") in nx.descendants(built, g.touchpoint("ivr-menu"))
