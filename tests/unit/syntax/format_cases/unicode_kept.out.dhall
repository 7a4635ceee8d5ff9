λ(a : Type) → λ(r : { x : a }) → r ∧ { y = 1 } ⫽ { z = 2 }
