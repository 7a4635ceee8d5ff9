\(t : Text) ->
      "prefix-"
  ++  t
  ++  "-a-middle-part-that-is-rather-long"
  ++  t
  ++  "-and-a-suffix-to-finish"
