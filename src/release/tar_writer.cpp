#include "release/detail/tar_writer.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace polar::release {
namespace {

constexpr std::size_t block_size = 512;
constexpr std::size_t name_size = 100;
constexpr std::size_t prefix_size = 155;

// The offsets of the ustar header fields (POSIX.1-1988 and pax).
namespace field {
constexpr std::size_t name = 0, mode = 100, uid = 108, gid = 116, size = 124, mtime = 136,
                      checksum = 148, type = 156, magic = 257, version = 263, devmajor = 329,
                      devminor = 337, prefix = 345;
} // namespace field

// `value` in octal, zero-padded to `width - 1` digits and a NUL, as Go's
// archive/tar and GNU tar write numbers.
void put_octal(std::string& header, std::size_t offset, std::size_t width, std::uint64_t value) {
  std::string digits(width - 1, '0');
  for (std::size_t i = digits.size(); i-- > 0 && value != 0; value >>= 3) {
    digits[i] = static_cast<char>('0' + (value & 7));
  }
  if (value != 0) {
    throw std::length_error("a tar header number does not fit its field");
  }
  std::copy(digits.begin(), digits.end(), header.begin() + static_cast<std::ptrdiff_t>(offset));
  header[offset + width - 1] = '\0';
}

void put_text(std::string& header, std::size_t offset, std::string_view text) {
  std::copy(text.begin(), text.end(), header.begin() + static_cast<std::ptrdiff_t>(offset));
}

void pad_to_block(std::string& archive) {
  archive.append((block_size - archive.size() % block_size) % block_size, '\0');
}

} // namespace

UstarName split_ustar_name(std::string_view name) {
  if (name.size() <= name_size) {
    return {"", std::string(name), false};
  }
  // The last `/` that leaves at most 155 bytes before it and at most 100 after.
  std::size_t limit = std::min(name.size() - 1, prefix_size);
  for (std::size_t slash = name.rfind('/', limit); slash != std::string_view::npos && slash > 0;
       slash = name.rfind('/', slash - 1)) {
    if (name.size() - slash - 1 > name_size) {
      break; // earlier slashes only make the rest longer
    }
    return {std::string(name.substr(0, slash)), std::string(name.substr(slash + 1)), false};
  }
  return {"", "", true};
}

std::string pax_record(std::string_view key, std::string_view value) {
  std::size_t body = 1 + key.size() + 1 + value.size() + 1; // " key=value\n"
  std::size_t length = body + 1;
  while (std::to_string(length).size() + body != length) {
    length = std::to_string(length).size() + body;
  }
  return std::to_string(length) + " " + std::string(key) + "=" + std::string(value) + "\n";
}

void TarWriter::add_header(std::string_view name, std::string_view prefix, std::uint64_t size,
                           unsigned mode, char type) {
  std::string header(block_size, '\0');
  put_text(header, field::name, name);
  put_octal(header, field::mode, 8, mode);
  put_octal(header, field::uid, 8, 0);
  put_octal(header, field::gid, 8, 0);
  put_octal(header, field::size, 12, size);
  put_octal(header, field::mtime, 12, static_cast<std::uint64_t>(mtime_));
  header[field::type] = type;
  put_text(header, field::magic, std::string_view("ustar\0", 6));
  put_text(header, field::version, "00");
  put_octal(header, field::devmajor, 8, 0);
  put_octal(header, field::devminor, 8, 0);
  put_text(header, field::prefix, prefix);
  // The checksum is the byte sum with its own field read as spaces, written
  // as six digits, a NUL and a space.
  put_text(header, field::checksum, "        ");
  unsigned checksum = 0;
  for (char c : header) {
    checksum += static_cast<unsigned char>(c);
  }
  put_octal(header, field::checksum, 7, checksum);
  header[field::checksum + 7] = ' ';
  archive_ += header;
}

void TarWriter::add_file(std::string_view name, std::string_view contents, unsigned mode) {
  if (name.empty()) {
    throw std::invalid_argument("a tar entry needs a name");
  }
  if (mtime_ < 0) {
    throw std::invalid_argument("a tar entry time before 1970 is not supported");
  }
  UstarName stored = split_ustar_name(name);
  if (stored.needs_pax) {
    std::string records = pax_record("path", name);
    // The pax header's own name, like Go's archive/tar: PaxHeaders.0/<base>.
    std::string_view base = name.substr(name.rfind('/') + 1);
    std::string pax_name = "PaxHeaders.0/" + std::string(base.substr(0, name_size - 13));
    add_header(pax_name, "", records.size(), 0644, 'x');
    archive_ += records;
    pad_to_block(archive_);
    // The ustar name is what a reader without pax support shows.
    stored.name = std::string(name.substr(0, name_size));
  }
  add_header(stored.name, stored.prefix, contents.size(), mode, '0');
  archive_ += contents;
  pad_to_block(archive_);
}

std::string TarWriter::finish() && {
  archive_.append(2 * block_size, '\0');
  return std::move(archive_);
}

} // namespace polar::release
