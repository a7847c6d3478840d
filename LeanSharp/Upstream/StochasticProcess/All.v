(** * LeanSharp.Upstream.StochasticProcess.All — upstream LeanSharp: descent processes, bridges, sample errors, the sharpness map

    Imports every file of the folder:
    - [Bridges]: upstream LeanSharp/Stochastic/Convergence/Bridges.lean
    - [DescentCore]: upstream LeanSharp/Stochastic/Mechanics/DescentSteps/Core.lean
    - [DescentZScore]: upstream LeanSharp/Stochastic/Mechanics/DescentSteps/ZScore.lean
    - [ProcessBasic]: upstream LeanSharp/Stochastic/Convergence/Process/Basic.lean
    - [ProcessDescent]: upstream LeanSharp/Stochastic/Convergence/Process/Descent.lean
    - [ProcessSamDescent]: upstream LeanSharp/Stochastic/Convergence/Process/SamDescent.lean
    - [ProcessSequence]: upstream LeanSharp/Stochastic/Convergence/Process/Sequence.lean
    - [SampleErrors]: upstream LeanSharp/Stochastic/Mechanics/SampleErrors.lean
    - [SharpnessMap]: upstream LeanSharp/Stochastic/Mechanics/SharpnessMap.lean *)

From LeanSharp.Upstream.StochasticProcess Require Export
  Bridges DescentCore DescentZScore ProcessBasic ProcessDescent ProcessSamDescent ProcessSequence SampleErrors SharpnessMap.
