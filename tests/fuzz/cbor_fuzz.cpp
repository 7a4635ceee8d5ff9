// libFuzzer target for the binary decoder: arbitrary bytes must either
// decode or fail with a decode error, and whatever decodes must encode to
// bytes that decode again to the same encoding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "binary/decode.h"
#include "binary/encode.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace polar::dhall;
  ExprPtr expr;
  try {
    expr = decode(std::span(data, size));
  } catch (const Error&) {
    return 0;
  }
  auto canonical = encode(*expr);
  try {
    if (encode(*decode(canonical)) != canonical) {
      std::abort(); // the canonical encoding is not stable
    }
  } catch (const Error&) {
    std::abort(); // our own encoding does not decode
  }
  return 0;
}
