"""Analyses of a workspace: its graph, the impact of a change, the diff of two versions."""
