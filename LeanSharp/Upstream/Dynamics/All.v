(** * LeanSharp.Upstream.Dynamics.All — upstream LeanSharp: alignment, convergence, second order, schedules, SAM bounds, the example losses

    Imports every file of the folder:
    - [Alignment]: upstream LeanSharp/Theory/Alignment.lean
    - [Convergence]: upstream LeanSharp/Theory/Dynamics/Convergence.lean
    - [Generalization]: upstream LeanSharp/Theory/Dynamics/Generalization.lean
    - [IllConditioned]: upstream LeanSharp/Examples/IllConditioned/Basic.lean and Properties.lean
    - [QuadraticBowl]: upstream LeanSharp/Examples/QuadraticBowl.lean
    - [SamBound]: upstream LeanSharp/Theory/Dynamics/SamBound.lean
    - [Schedulers]: upstream LeanSharp/Theory/Dynamics/Schedulers.lean
    - [SecondOrder]: upstream LeanSharp/Theory/Dynamics/SecondOrder.lean *)

From LeanSharp.Upstream.Dynamics Require Export
  Alignment Convergence Generalization IllConditioned QuadraticBowl SamBound Schedulers SecondOrder.
