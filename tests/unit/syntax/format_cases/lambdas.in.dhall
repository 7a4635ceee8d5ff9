\(a : Type) -> \(b : Type) -> \(f : a -> b) -> \(xs : List a) -> List/fold a xs (List b) (\(x : a) -> \(acc : List b) -> [ f x ] # acc) ([] : List b)
