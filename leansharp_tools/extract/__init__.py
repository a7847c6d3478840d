"""`leansharp extract`: a LeanDojo-style dataset of a Coq project (theorems with their
proof steps and goals, the premise corpus, splits, metadata). See `build.extract`."""
