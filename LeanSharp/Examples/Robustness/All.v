(** * LeanSharp.Examples.Robustness.All — witnesses of the robustness theorems

    Imports every file of the folder:
    - [RobustnessWitness]: concrete instances of the robustness theorems *)

From LeanSharp.Examples.Robustness Require Export
  RobustnessWitness.
