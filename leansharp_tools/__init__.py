"""LeanSharp toolkit: build, status, graph, map and doctor for the LeanSharp Coq library."""

__version__ = "0.1.0"
