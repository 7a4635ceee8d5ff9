// Imports: local paths, environment variables, http(s) URLs with `using`
// headers, `missing`, then the optional `sha256:` hash and `as` mode.
#include <algorithm>

#include "syntax/detail/parser_impl.h"

namespace polar::dhall::parsing {
namespace {

// path-character: printable ASCII except " #()[]{}<>/\,?" and space.
bool is_path_char(char c) {
  switch (c) {
  case '"':
  case '#':
  case '(':
  case ')':
  case '[':
  case ']':
  case '{':
  case '}':
  case '<':
  case '>':
  case '/':
  case '\\':
  case ',':
  case '?':
    return false;
  default:
    return c > 0x20 && c < 0x7F;
  }
}

// quoted-path-character: printable text except '"' and '/'.
bool is_quoted_path_char(char c) {
  return (static_cast<unsigned char>(c) >= 0x20 && c != '"' && c != '/');
}

bool is_unreserved(char c) {
  return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

// RFC 3986 sub-delims without "(", ")" and "," (see `sub-delims`).
bool is_sub_delim(char c) {
  switch (c) {
  case '!':
  case '$':
  case '&':
  case '\'':
  case '*':
  case '+':
  case ';':
  case '=':
    return true;
  default:
    return false;
  }
}

bool is_bash_variable_char(char c) {
  return is_alpha(c) || is_digit(c) || c == '_';
}

} // namespace

bool Parser::starts_import(std::size_t at) const {
  auto starts_path_component = [&](std::size_t slash) {
    return char_at(slash) == '/' && (is_path_char(char_at(slash + 1)) || char_at(slash + 1) == '"');
  };
  switch (char_at(at)) {
  case '.':
    return starts_path_component(at + 1) ||
           (char_at(at + 1) == '.' && starts_path_component(at + 2));
  case '~':
    return starts_path_component(at + 1);
  case '/':
    return starts_path_component(at);
  case 'm':
    return keyword_at(at) == Keyword::missing;
  case 'e':
    return starts_with_at(at, "env:") &&
           (is_label_first_char(char_at(at + 4)) || char_at(at + 4) == '"');
  case 'h':
    return starts_with_at(at, "http://") || starts_with_at(at, "https://");
  default:
    return false;
  }
}

Parsed Parser::parse_import() {
  std::size_t begin = pos_;
  Import import;
  std::uint32_t headers_depth = 0;
  if (keyword_here(Keyword::missing)) {
    consume_keyword(Keyword::missing);
    import.target = MissingImport{};
  } else if (looking_at("env:")) {
    import.target = parse_env_import();
  } else if (looking_at("http")) {
    import.target = parse_remote_import(headers_depth);
  } else {
    import.target = parse_local_import();
  }

  ImportText parts{pos_, std::nullopt, 0};
  std::size_t next = whitespace_end(pos_);
  if (next > pos_ && starts_with_at(next, "sha256:")) {
    pos_ = next;
    parts.hash_begin = pos_;
    import.hash = parse_hash();
  }
  next = whitespace_end(pos_);
  if (next > pos_ && keyword_at(next) == Keyword::as_) {
    pos_ = next;
    consume_keyword(Keyword::as_);
    skip_required_whitespace("`as`");
    std::size_t mode_end = simple_label_end(pos_);
    std::string_view mode = text_.substr(pos_, mode_end - pos_);
    if (mode == "Text") {
      import.mode = ImportMode::raw_text;
    } else if (mode == "Bytes") {
      import.mode = ImportMode::raw_bytes;
    } else if (mode == "Location") {
      import.mode = ImportMode::location;
    } else {
      fail_expected(pos_, "`Text`, `Bytes` or `Location` after `as`");
    }
    pos_ = mode_end;
  }
  parts.end = pos_;
  last_import_ = parts;
  return make(std::move(import), begin, headers_depth);
}

ImportText Parser::import_text_at(std::size_t begin) {
  stack_base_ = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
  pos_ = begin;
  if (!starts_import(pos_)) {
    fail_expected(pos_, "an import");
  }
  parse_import();
  return last_import_;
}

Sha256 Parser::parse_hash() {
  std::size_t begin = pos_;
  pos_ += 7; // "sha256:"
  std::size_t end = pos_;
  while (is_hex_digit(char_at(end))) {
    ++end;
  }
  if (end - pos_ != 64 || is_label_next_char(char_at(end))) {
    fail(begin, end, "a sha256 hash needs exactly 64 hexadecimal digits");
  }
  Sha256 hash{};
  for (std::size_t i = 0; i < hash.size(); ++i) {
    hash[i] = static_cast<std::uint8_t>(hex_value(text_[pos_ + 2 * i]) * 16 +
                                        hex_value(text_[pos_ + 2 * i + 1]));
  }
  pos_ = end;
  return hash;
}

LocalImport Parser::parse_local_import() {
  LocalImport local;
  if (looking_at("../")) {
    local.prefix = FilePrefix::parent;
    pos_ += 2;
  } else if (looking_at("./")) {
    local.prefix = FilePrefix::here;
    pos_ += 1;
  } else if (looking_at("~/")) {
    local.prefix = FilePrefix::home;
    pos_ += 1;
  } else {
    local.prefix = FilePrefix::absolute;
  }
  std::vector<std::string> components;
  while (peek() == '/') {
    if (peek(1) == '"') {
      std::size_t begin = pos_ + 2;
      std::size_t end = begin;
      while (end < text_.size() && is_quoted_path_char(text_[end])) {
        ++end;
      }
      if (end == begin) {
        fail_expected(end, "a character of the quoted path component");
      }
      if (char_at(end) != '"') {
        fail_expected(end, "`\"` to close the quoted path component");
      }
      components.emplace_back(text_.substr(begin, end - begin));
      pos_ = end + 1;
    } else if (is_path_char(peek(1))) {
      std::size_t begin = pos_ + 1;
      std::size_t end = begin;
      while (is_path_char(char_at(end))) {
        ++end;
      }
      components.emplace_back(text_.substr(begin, end - begin));
      pos_ = end;
    } else {
      break;
    }
  }
  local.file = std::move(components.back());
  components.pop_back();
  local.directory = std::move(components);
  return local;
}

EnvImport Parser::parse_env_import() {
  pos_ += 4; // "env:"
  std::string name;
  if (peek() != '"') {
    std::size_t end = pos_;
    while (is_bash_variable_char(char_at(end))) {
      ++end;
    }
    name = text_.substr(pos_, end - pos_);
    pos_ = end;
    return EnvImport{std::move(name)};
  }
  std::size_t begin = pos_++;
  for (;;) {
    char c = peek();
    if (c == '"') {
      if (pos_ == begin + 1) {
        fail(begin, pos_ + 1, "an environment variable name cannot be empty");
      }
      ++pos_;
      return EnvImport{std::move(name)};
    }
    if (c == '\\') {
      char escaped = peek(1);
      switch (escaped) {
      case '"':
      case '\\':
        name += escaped;
        break;
      case 'a':
        name += '\a';
        break;
      case 'b':
        name += '\b';
        break;
      case 'f':
        name += '\f';
        break;
      case 'n':
        name += '\n';
        break;
      case 'r':
        name += '\r';
        break;
      case 't':
        name += '\t';
        break;
      case 'v':
        name += '\v';
        break;
      default:
        fail(pos_, pos_ + 1 + char_length(pos_ + 1),
             "invalid escape sequence in an environment variable name");
      }
      pos_ += 2;
    } else if (c >= 0x20 && c <= 0x7E && c != '=') {
      name += c;
      ++pos_;
    } else {
      fail_expected(pos_, "`\"` to close the environment variable name");
    }
  }
}

RemoteImport Parser::parse_remote_import(std::uint32_t& headers_depth) {
  RemoteImport remote;
  if (looking_at("https://")) {
    remote.scheme = Scheme::https;
    pos_ += 8;
  } else {
    remote.scheme = Scheme::http;
    pos_ += 7;
  }
  remote.authority = parse_authority();

  // path-abempty: segments of pchar, kept percent-encoded as written.
  auto is_pchar_at = [&](std::size_t at) {
    char c = char_at(at);
    return is_unreserved(c) || is_sub_delim(c) || c == ':' || c == '@' ||
           (c == '%' && is_hex_digit(char_at(at + 1)) && is_hex_digit(char_at(at + 2)));
  };
  auto pchars_end = [&](std::size_t at, bool query) {
    while (is_pchar_at(at) || (query && (char_at(at) == '/' || char_at(at) == '?'))) {
      at += char_at(at) == '%' ? 3 : 1;
    }
    return at;
  };
  std::vector<std::string> segments;
  while (peek() == '/') {
    std::size_t end = pchars_end(pos_ + 1, false);
    segments.emplace_back(text_.substr(pos_ + 1, end - pos_ - 1));
    pos_ = end;
  }
  if (segments.empty()) {
    segments.emplace_back(); // no path is the path "/"
  }
  remote.file = std::move(segments.back());
  segments.pop_back();
  remote.directory = std::move(segments);
  if (peek() == '?') {
    std::size_t end = pchars_end(pos_ + 1, true);
    remote.query = std::string(text_.substr(pos_ + 1, end - pos_ - 1));
    pos_ = end;
  }

  std::size_t next = whitespace_end(pos_);
  if (next > pos_ && keyword_at(next) == Keyword::using_) {
    pos_ = next;
    consume_keyword(Keyword::using_);
    skip_required_whitespace("`using`");
    NestingGuard guard(*this);
    Parsed headers = parse_import_expression();
    headers_depth = headers.depth;
    remote.headers = std::move(headers.expr);
  }
  return remote;
}

std::string Parser::parse_authority() {
  std::size_t begin = pos_;
  // [ userinfo "@" ]: only a userinfo if an '@' follows it.
  std::size_t at = pos_;
  while (is_unreserved(char_at(at)) || is_sub_delim(char_at(at)) || char_at(at) == ':' ||
         (char_at(at) == '%' && is_hex_digit(char_at(at + 1)) && is_hex_digit(char_at(at + 2)))) {
    at += char_at(at) == '%' ? 3 : 1;
  }
  if (char_at(at) == '@') {
    pos_ = at + 1;
  }
  // host: an IP literal in brackets, or a domain name (which IPv4 addresses
  // also match).
  std::size_t host_end = peek() == '[' ? ip_literal_end(pos_) : domain_end(pos_);
  if (host_end == pos_) {
    fail_expected(pos_, "a host name in the URL");
  }
  pos_ = host_end;
  if (peek() == ':') {
    ++pos_;
    while (is_digit(peek())) {
      ++pos_;
    }
  }
  return std::string(text_.substr(begin, pos_ - begin));
}

std::size_t Parser::domain_end(std::size_t at) const {
  // domain = domainlabel *("." domainlabel) ["."], where a domainlabel is
  // alphanumeric with inner runs of hyphens.
  auto is_alphanumeric = [](char c) { return is_alpha(c) || is_digit(c); };
  std::size_t end = at;
  while (is_alphanumeric(char_at(end))) {
    while (is_alphanumeric(char_at(end))) {
      ++end;
    }
    std::size_t hyphens = end;
    while (char_at(hyphens) == '-') {
      ++hyphens;
    }
    if (hyphens > end && is_alphanumeric(char_at(hyphens))) {
      end = hyphens;
      continue;
    }
    if (char_at(end) != '.') {
      break;
    }
    ++end; // a trailing dot is allowed, so it always belongs to the domain
  }
  return end;
}

std::size_t Parser::ip_literal_end(std::size_t at) const {
  std::size_t begin = at + 1; // after '['
  std::size_t close = begin;
  while (is_unreserved(char_at(close)) || is_sub_delim(char_at(close)) || char_at(close) == ':') {
    ++close;
  }
  if (char_at(close) != ']') {
    fail_expected(close, "`]` to close the IP address");
  }
  std::string_view address = text_.substr(begin, close - begin);
  auto invalid = [&]() -> std::size_t { fail(at, close + 1, "invalid IP address in the URL"); };
  if (!address.empty() && (address[0] == 'v' || address[0] == 'V')) {
    // IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
    std::size_t i = 1;
    while (i < address.size() && is_hex_digit(address[i])) {
      ++i;
    }
    if (i == 1 || i >= address.size() || address[i] != '.' || i + 1 == address.size()) {
      return invalid();
    }
    for (++i; i < address.size(); ++i) {
      if (!is_unreserved(address[i]) && !is_sub_delim(address[i]) && address[i] != ':') {
        return invalid();
      }
    }
    return close + 1;
  }
  // IPv6address: up to eight groups of 1-4 hex digits, at most one "::", and
  // optionally an IPv4 address in place of the last two groups.
  int groups = 0;
  bool compressed = false;
  std::size_t i = 0;
  if (address.starts_with("::")) {
    compressed = true;
    i = 2;
  }
  while (i < address.size()) {
    std::size_t start = i;
    while (i < address.size() && is_hex_digit(address[i]) && i - start < 4) {
      ++i;
    }
    if (i < address.size() && (address[i] == '.' || is_digit(address[i]))) {
      // An IPv4 tail: four decimal octets up to 255.
      i = start;
      for (int octet = 0; octet < 4; ++octet) {
        std::size_t digits = i;
        unsigned value = 0;
        while (i < address.size() && is_digit(address[i]) && i - digits < 3) {
          value = value * 10 + static_cast<unsigned>(address[i] - '0');
          ++i;
        }
        if (i == digits || value > 255 || (i - digits > 1 && address[digits] == '0')) {
          return invalid();
        }
        if (octet < 3 && (i >= address.size() || address[i++] != '.')) {
          return invalid();
        }
      }
      if (i != address.size()) {
        return invalid();
      }
      groups += 2;
      break;
    }
    if (i == start) {
      return invalid();
    }
    ++groups;
    if (i == address.size()) {
      break;
    }
    if (address[i] != ':') {
      return invalid();
    }
    ++i;
    if (i < address.size() && address[i] == ':') {
      if (compressed) {
        return invalid();
      }
      compressed = true;
      ++i;
    } else if (i == address.size()) {
      return invalid(); // a single trailing ':'
    }
  }
  if (compressed ? groups > 7 : groups != 8) {
    return invalid();
  }
  return close + 1;
}

} // namespace polar::dhall::parsing
