#pragma once
// gzip with nothing from the machine or the clock in it: a header without
// timestamp or file name and with the "unknown" operating system, and one
// pinned zlib compression level. The same input gives the same bytes with the
// same zlib.
#include <string>
#include <string_view>

namespace polar::release {

// zlib's best compression; part of what makes a package reproducible, so it
// never changes silently (docs/release.md).
constexpr int gzip_level = 9;

// `data` as one gzip member.
std::string gzip_compress(std::string_view data);

// The bytes of a gzip stream (any number of members); throws
// std::runtime_error when `compressed` is not gzip. For tests and reading
// packages back.
std::string gzip_decompress(std::string_view compressed);

} // namespace polar::release
