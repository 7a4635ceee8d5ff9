// libFuzzer target for the parser: arbitrary bytes must either parse or fail
// with a parse error whose span lies inside the input, and formatting that
// error must work. Crashes, hangs and stack overflows are the bugs to find.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "syntax/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace polar::dhall;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    parse_text(text, "fuzz.dhall");
  } catch (const Error& error) {
    const Span& span = error.span();
    if (error.kind() != ErrorKind::parse || !span.known() || span.begin > span.end ||
        span.end > size) {
      std::abort(); // errors must point into the input
    }
    (void)error.format();
  }
  return 0;
}
