#pragma once
// `dhall encode --json` and `dhall decode --json`: the CBOR encoding of an
// expression written as JSON and read back, as dhall-haskell does it with
// cborg-json (docs/dhall-commands.md, "encode and decode").
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace polar::dhall {

// The CBOR item `cbor` as JSON text, laid out as aeson-pretty lays it out
// (four spaces, keys in order), ending with a line break: integers in full,
// floats as aeson prints them, maps as objects. Throws Error(render) for
// what JSON cannot hold: a byte string (a `Bytes` literal, an import's
// hash), a tag other than a bignum, NaN or an infinity, a key that is no
// text string.
std::string cbor_as_json(std::span<const std::uint8_t> cbor);

// JSON text read back as CBOR: an integral number (`1`, `1.0`, `1e3`) as
// an integer, any other as a float, objects as maps with their keys in
// order. Throws Error(parse) at the line and column of what is not JSON.
std::vector<std::uint8_t> json_as_cbor(std::string_view json);

} // namespace polar::dhall
