#include "release/detail/gzip.h"

#include <zlib.h>

#include <stdexcept>

namespace polar::release {
namespace {

void append_le32(std::string& out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) {
    out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
  }
}

const Bytef* bytes(std::string_view data) {
  return reinterpret_cast<const Bytef*>(data.data());
}

} // namespace

std::string gzip_compress(std::string_view data) {
  // The header is written here rather than by zlib (windowBits 31), which
  // would put its build's operating system code in it. RFC 1952: magic,
  // deflate, no flags, MTIME 0, XFL 2 (best compression), OS 255 (unknown).
  std::string out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff", 10);
  z_stream stream{};
  // Raw deflate (negative window bits): the header and trailer are ours.
  if (deflateInit2(&stream, gzip_level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("zlib: cannot start deflate");
  }
  std::string body(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  stream.next_in = const_cast<Bytef*>(bytes(data));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(body.data());
  stream.avail_out = static_cast<uInt>(body.size());
  int result = deflate(&stream, Z_FINISH);
  body.resize(stream.total_out);
  deflateEnd(&stream);
  if (result != Z_STREAM_END) {
    throw std::runtime_error("zlib: deflate did not finish");
  }
  out += body;
  append_le32(out, static_cast<std::uint32_t>(
                       crc32(crc32(0, nullptr, 0), bytes(data), static_cast<uInt>(data.size()))));
  append_le32(out, static_cast<std::uint32_t>(data.size() & 0xffffffffU));
  return out;
}

std::string gzip_decompress(std::string_view compressed) {
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 32) != Z_OK) { // 32: detect gzip or zlib
    throw std::runtime_error("zlib: cannot start inflate");
  }
  std::string out;
  char buffer[16384];
  stream.next_in = const_cast<Bytef*>(bytes(compressed));
  stream.avail_in = static_cast<uInt>(compressed.size());
  int result = Z_OK;
  while (true) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    result = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (result == Z_STREAM_END && stream.avail_in > 0) {
      inflateReset(&stream); // the next member
      continue;
    }
    if (result != Z_OK) {
      break;
    }
  }
  inflateEnd(&stream);
  if (result != Z_STREAM_END) {
    throw std::runtime_error("not a complete gzip stream");
  }
  return out;
}

} // namespace polar::release
