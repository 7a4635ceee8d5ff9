let Color = < Red | Green | Blue : Natural | Custom : { red : Natural, green : Natural, blue : Natural } >
in \(c : Color) -> merge { Red = "red", Green = "green", Blue = \(n : Natural) -> "blue", Custom = \(x : { red : Natural, green : Natural, blue : Natural }) -> "custom" } c : Text
