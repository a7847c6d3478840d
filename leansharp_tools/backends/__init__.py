"""Prover backends: one module per prover (coq today; a Lean/Lake one can sit beside it)."""
