#include "tooling/cbor_json.h"

#include <bit>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <utility>

#include "binary/cbor.h"
#include "render/json.h"
#include "render/number_format.h"
#include "render/string_escape.h"
#include "syntax/source.h"

namespace polar::dhall {
namespace {

// Nesting beyond this is refused rather than recursed into.
constexpr std::size_t max_depth = 10000;

// CBOR to aeson-pretty's JSON, written while it is read.
class JsonFromCbor {
public:
  explicit JsonFromCbor(std::span<const std::uint8_t> cbor) : reader_(cbor) {}

  std::string run() {
    item(0);
    if (!reader_.at_end()) {
      reader_.fail("bytes after the item");
    }
    out_ += '\n';
    return std::move(out_);
  }

private:
  // Valid CBOR that JSON cannot hold (dhall encode --json fails on it too).
  [[noreturn]] static void no_json_form(const std::string& what) {
    throw Error(ErrorKind::render, what + " has no JSON form");
  }

  void item(std::size_t depth) {
    if (depth > max_depth) {
      reader_.fail("nested too deeply");
    }
    cbor::Head head = reader_.peek();
    switch (head.major) {
    case cbor::Major::unsigned_integer:
    case cbor::Major::negative_integer:
      out_ += render::format_number(render::JsonNumber::from_integer(reader_.integer("a number")));
      return;
    case cbor::Major::tag:
      if (head.argument != cbor::tag_positive_bignum &&
          head.argument != cbor::tag_negative_bignum) {
        no_json_form("a CBOR tag (" + std::to_string(head.argument) + ")");
      }
      out_ += render::format_number(render::JsonNumber::from_integer(reader_.integer("a number")));
      return;
    case cbor::Major::byte_string:
      no_json_form("a byte string (a Bytes literal, an import's sha256 pin)");
    case cbor::Major::text_string:
      render::append_json_string(out_, reader_.text_view("a string"));
      return;
    case cbor::Major::array: {
      std::uint64_t length = reader_.array("an array");
      open('[', length, depth, [&] { item(depth + 1); });
      out_ += ']';
      return;
    }
    case cbor::Major::map: {
      std::uint64_t length = reader_.map("a map");
      open('{', length, depth, [&] {
        if (reader_.peek().major != cbor::Major::text_string) {
          no_json_form("a map key that is no text string");
        }
        render::append_json_string(out_, reader_.text_view("a key"));
        out_ += ": ";
        item(depth + 1);
      });
      out_ += '}';
      return;
    }
    case cbor::Major::simple:
      simple(head);
      return;
    }
  }

  void simple(const cbor::Head& head) {
    std::optional<double> number;
    switch (head.info) {
    case cbor::simple_false:
      out_ += "false";
      break;
    case cbor::simple_true:
      out_ += "true";
      break;
    case cbor::simple_null:
      out_ += "null";
      break;
    case cbor::float_half:
      number = cbor::half_to_double(static_cast<std::uint16_t>(head.argument));
      break;
    case cbor::float_single:
      number = std::bit_cast<float>(static_cast<std::uint32_t>(head.argument));
      break;
    case cbor::float_double:
      number = std::bit_cast<double>(head.argument);
      break;
    default:
      no_json_form("a CBOR simple value (" + std::to_string(head.info) + ")");
    }
    if (number) {
      if (!std::isfinite(*number)) {
        no_json_form("NaN or an infinity");
      }
      out_ += render::format_number(render::JsonNumber::from_double(*number));
    }
    reader_.skip_simple();
  }

  // Writes `length` elements between brackets, one per line.
  template <typename Element>
  void open(char bracket, std::uint64_t length, std::size_t depth, Element element) {
    out_ += bracket;
    for (std::uint64_t index = 0; index < length; ++index) {
      out_ += index == 0 ? "\n" : ",\n";
      out_.append(4 * (depth + 1), ' ');
      element();
    }
    if (length > 0) {
      out_ += '\n';
      out_.append(4 * depth, ' ');
    }
  }

  cbor::Reader reader_;
  std::string out_;
};

// JSON text (RFC 8259) to CBOR, written while it is read.
class CborFromJson {
public:
  explicit CborFromJson(std::string_view text) : text_(text) {}

  std::vector<std::uint8_t> run() {
    cbor::Writer writer;
    blank();
    value(writer, 0);
    blank();
    if (at_ < text_.size()) {
      fail("the end of the JSON text");
    }
    return std::move(writer).take();
  }

private:
  [[noreturn]] void fail(std::string_view expected) const {
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < at_ && i < text_.size(); ++i) {
      column = text_[i] == '\n' ? 1 : column + 1;
      line += text_[i] == '\n' ? 1 : 0;
    }
    throw Error(ErrorKind::parse, "(JSON):" + std::to_string(line) + ":" + std::to_string(column) +
                                      ": expected " + std::string(expected));
  }

  void blank() {
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r')) {
      ++at_;
    }
  }

  bool take(std::string_view word) {
    if (text_.substr(at_, word.size()) != word) {
      return false;
    }
    at_ += word.size();
    return true;
  }

  void value(cbor::Writer& writer, std::size_t depth) {
    if (depth > max_depth) {
      fail("less nesting");
    }
    if (at_ >= text_.size()) {
      fail("a JSON value");
    }
    char c = text_[at_];
    if (c == '{') {
      object(writer, depth);
    } else if (c == '[') {
      array(writer, depth);
    } else if (c == '"') {
      writer.text_string(string());
    } else if (take("true")) {
      writer.boolean(true);
    } else if (take("false")) {
      writer.boolean(false);
    } else if (take("null")) {
      writer.null();
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      number(writer);
    } else {
      fail("a JSON value");
    }
  }

  void array(cbor::Writer& writer, std::size_t depth) {
    ++at_;
    std::vector<std::vector<std::uint8_t>> items;
    blank();
    if (!take("]")) {
      do {
        blank();
        cbor::Writer item;
        value(item, depth + 1);
        items.push_back(std::move(item).take());
        blank();
      } while (take(","));
      if (!take("]")) {
        fail("`,` or `]`");
      }
    }
    writer.array(items.size());
    for (const auto& item : items) {
      writer.encoded_item(item);
    }
  }

  void object(cbor::Writer& writer, std::size_t depth) {
    ++at_;
    // In key order, the last of duplicate keys winning (as aeson reads).
    std::map<std::string, std::vector<std::uint8_t>> fields;
    blank();
    if (!take("}")) {
      do {
        blank();
        if (at_ >= text_.size() || text_[at_] != '"') {
          fail("a key (a string)");
        }
        std::string key = string();
        blank();
        if (!take(":")) {
          fail("`:`");
        }
        blank();
        cbor::Writer field;
        value(field, depth + 1);
        fields[key] = std::move(field).take();
        blank();
      } while (take(","));
      if (!take("}")) {
        fail("`,` or `}`");
      }
    }
    writer.map(fields.size());
    for (const auto& [key, encoded] : fields) {
      writer.text_string(key);
      writer.encoded_item(encoded);
    }
  }

  unsigned hex4() {
    if (at_ + 4 > text_.size()) {
      fail("four hexadecimal digits");
    }
    unsigned code = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text_[at_++];
      unsigned digit = c >= '0' && c <= '9'   ? c - '0'
                       : c >= 'a' && c <= 'f' ? c - 'a' + 10
                       : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                              : 16;
      if (digit == 16) {
        --at_;
        fail("a hexadecimal digit");
      }
      code = code * 16 + digit;
    }
    return code;
  }

  static void append_utf8(std::string& out, char32_t code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  // A string at `at_` (its opening quote), unescaped. The CBOR writer
  // checks nothing, the Dhall decoder checks the UTF-8.
  std::string string() {
    ++at_;
    std::string result;
    while (true) {
      if (at_ >= text_.size()) {
        fail("the closing `\"` of the string");
      }
      char c = text_[at_++];
      if (c == '"') {
        return result;
      }
      if (static_cast<unsigned char>(c) < 0x20) {
        --at_;
        fail("an escape (\\n, \\u0000) instead of a control character");
      }
      if (c != '\\') {
        result += c;
        continue;
      }
      if (at_ >= text_.size()) {
        fail("an escape");
      }
      char escape = text_[at_++];
      switch (escape) {
      case '"':
      case '\\':
      case '/':
        result += escape;
        break;
      case 'b':
        result += '\b';
        break;
      case 'f':
        result += '\f';
        break;
      case 'n':
        result += '\n';
        break;
      case 'r':
        result += '\r';
        break;
      case 't':
        result += '\t';
        break;
      case 'u': {
        char32_t code = hex4();
        if (code >= 0xD800 && code <= 0xDBFF) {
          if (!take("\\u")) {
            fail("the second half of a surrogate pair");
          }
          char32_t low = hex4();
          if (low < 0xDC00 || low > 0xDFFF) {
            fail("the second half of a surrogate pair");
          }
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        } else if (code >= 0xDC00 && code <= 0xDFFF) {
          fail("a surrogate pair in order");
        }
        append_utf8(result, code);
        break;
      }
      default:
        --at_;
        fail("an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX");
      }
    }
  }

  void number(cbor::Writer& writer) {
    std::size_t begin = at_;
    auto digits = [&] {
      std::size_t start = at_;
      while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') {
        ++at_;
      }
      return at_ - start;
    };
    take("-");
    std::size_t integral_begin = at_;
    if (digits() == 0 || (text_[integral_begin] == '0' && at_ - integral_begin > 1)) {
      at_ = integral_begin;
      fail("a number (digits, no leading zero)");
    }
    if (take(".") && digits() == 0) {
      fail("digits after the decimal point");
    }
    if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
      ++at_;
      if (!take("+")) {
        take("-");
      }
      if (digits() == 0) {
        fail("the digits of an exponent");
      }
    }
    std::string written(text_.substr(begin, at_ - begin));
    auto exact = render::JsonNumber::parse(written);
    if (!exact) {
      at_ = begin;
      fail("a number");
    }
    // Integral: as an integer (cborg-json's floatingOrInteger).
    constexpr std::int64_t max_integer_zeros = 4096;
    if (exact->exponent >= 0) {
      if (exact->exponent > max_integer_zeros) {
        at_ = begin;
        fail("an integer of at most 4096 digits");
      }
      std::string all_digits =
          exact->digits + std::string(static_cast<std::size_t>(exact->exponent), '0');
      writer.integer(Integer(exact->negative, *Natural::parse(all_digits)));
      return;
    }
    writer.floating(std::strtod(written.c_str(), nullptr));
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

} // namespace

std::string cbor_as_json(std::span<const std::uint8_t> cbor) {
  return JsonFromCbor(cbor).run();
}

std::vector<std::uint8_t> json_as_cbor(std::string_view json) {
  return CborFromJson(json).run();
}

} // namespace polar::dhall
