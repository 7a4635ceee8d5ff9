\(a : Type) -> \(r : { x : a }) -> forall (b : Type) -> r /\ { y = 1 } // { z = 2 }
