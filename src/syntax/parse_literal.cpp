// Numeric, temporal and bytes literals. They share leading characters
// (`2020-01-01`, `2020`, `20.5`, `+08:00`, `+8`, `0x"ff"`, `0xff`), so each is
// recognized by looking ahead first and only then consumed.
#include <charconv>
#include <limits>

#include "syntax/detail/parser_impl.h"

namespace polar::dhall::parsing {
namespace {

bool digits_at(std::string_view text, std::size_t at, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    if (at + i >= text.size() || !is_digit(text[at + i])) {
      return false;
    }
  }
  return true;
}

// time-numoffset: `+HH:MM` or `-HH:MM`.
bool time_offset_at(std::string_view text, std::size_t at) {
  return at < text.size() && (text[at] == '+' || text[at] == '-') && digits_at(text, at + 1, 2) &&
         at + 3 < text.size() && text[at + 3] == ':' && digits_at(text, at + 4, 2);
}

// partial-time without the optional fraction: `HH:MM:SS`.
bool partial_time_at(std::string_view text, std::size_t at) {
  return digits_at(text, at, 2) && at + 2 < text.size() && text[at + 2] == ':' &&
         digits_at(text, at + 3, 2) && at + 5 < text.size() && text[at + 5] == ':' &&
         digits_at(text, at + 6, 2);
}

// full-date: `YYYY-MM-DD`.
bool full_date_at(std::string_view text, std::size_t at) {
  return digits_at(text, at, 4) && at + 4 < text.size() && text[at + 4] == '-' &&
         digits_at(text, at + 5, 2) && at + 7 < text.size() && text[at + 7] == '-' &&
         digits_at(text, at + 8, 2);
}

unsigned number_at(std::string_view text, std::size_t at, std::size_t count) {
  unsigned value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    value = value * 10 + static_cast<unsigned>(text[at + i] - '0');
  }
  return value;
}

bool is_leap_year(unsigned year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

unsigned days_in_month(unsigned year, unsigned month) {
  constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

// The decimal order of magnitude of a numeric-double-literal (the exponent of
// its leading significant digit), to tell overflow from underflow.
long long order_of_magnitude(std::string_view literal) {
  std::size_t at = literal.starts_with('-') ? 1 : 0;
  long long order = 0;
  bool significant = false;
  for (; at < literal.size() && is_digit(literal[at]); ++at) {
    if (significant) {
      ++order;
    } else if (literal[at] != '0') {
      significant = true;
    }
  }
  if (at < literal.size() && literal[at] == '.') {
    for (++at; at < literal.size() && is_digit(literal[at]); ++at) {
      if (!significant) {
        --order;
        significant = literal[at] != '0';
      }
    }
  }
  if (at < literal.size()) { // exponent
    ++at;
    bool negative = literal[at] == '-';
    if (literal[at] == '-' || literal[at] == '+') {
      ++at;
    }
    long long exponent = 0;
    constexpr long long saturated = 1'000'000'000;
    for (; at < literal.size(); ++at) {
      exponent = std::min(saturated, exponent * 10 + (literal[at] - '0'));
    }
    order += negative ? -exponent : exponent;
  }
  return order;
}

} // namespace

Parsed Parser::parse_numeric_literal() {
  std::size_t begin = pos_;
  if (auto temporal = parse_temporal_literal()) {
    return std::move(*temporal);
  }
  char sign = peek() == '+' || peek() == '-' ? peek() : '\0';
  std::size_t digits = sign != '\0' ? pos_ + 1 : pos_;
  if (sign == '-' && keyword_at(digits) == Keyword::infinity) {
    pos_ = digits + keyword_name(Keyword::infinity).size();
    return make(DoubleLit{-std::numeric_limits<double>::infinity()}, begin, 0);
  }
  if (!is_digit(char_at(digits))) {
    fail_expected(digits, "a number after `" + std::string(1, sign) + "`");
  }
  if (sign == '\0' && starts_with_at(digits, "0x\"")) {
    return parse_bytes_literal();
  }
  std::size_t end = digits;
  while (is_digit(char_at(end))) {
    ++end;
  }
  bool is_double = false;
  if (char_at(end) == '.' && is_digit(char_at(end + 1))) {
    end += 2;
    while (is_digit(char_at(end))) {
      ++end;
    }
    is_double = true;
  }
  if (char_at(end) == 'e' || char_at(end) == 'E') {
    std::size_t exponent = end + 1;
    if (char_at(exponent) == '+' || char_at(exponent) == '-') {
      ++exponent;
    }
    if (is_digit(char_at(exponent))) {
      while (is_digit(char_at(exponent))) {
        ++exponent;
      }
      end = exponent;
      is_double = true;
    }
  }
  if (is_double) {
    return parse_double_literal(begin, end);
  }
  pos_ = digits;
  Natural magnitude = parse_natural_literal();
  if (sign == '\0') {
    return make(NaturalLit{std::move(magnitude)}, begin, 0);
  }
  return make(IntegerLit{Integer(sign == '-', std::move(magnitude))}, begin, 0);
}

Parsed Parser::parse_double_literal(std::size_t begin, std::size_t end) {
  std::string_view literal = text_.substr(begin, end - begin);
  if (literal.starts_with('+')) {
    literal.remove_prefix(1); // from_chars takes no plus sign
  }
  double value = 0;
  auto result = std::from_chars(literal.data(), literal.data() + literal.size(), value);
  if (result.ec == std::errc::result_out_of_range) {
    if (order_of_magnitude(literal) > 0) {
      fail(begin, end, "Double literal out of range (the largest Double is about 1.8e308)");
    }
    value = literal.starts_with('-') ? -0.0 : 0.0; // underflow rounds to zero
  }
  pos_ = end;
  return make(DoubleLit{value}, begin, 0);
}

Natural Parser::parse_natural_literal() {
  std::size_t begin = pos_;
  unsigned base = 10;
  std::size_t digits = begin;
  if (looking_at("0x") && is_hex_digit(peek(2))) {
    base = 16;
    digits = begin + 2;
  } else if (looking_at("0b") && (peek(2) == '0' || peek(2) == '1')) {
    base = 2;
    digits = begin + 2;
  }
  std::size_t end = digits;
  while (base == 16
             ? is_hex_digit(char_at(end))
             : (base == 2 ? char_at(end) == '0' || char_at(end) == '1' : is_digit(char_at(end)))) {
    ++end;
  }
  if (base == 10 && text_[begin] == '0' && end > begin + 1) {
    fail(begin, end, "a natural number cannot have leading zeros");
  }
  pos_ = end;
  return *Natural::parse(text_.substr(digits, end - digits), base);
}

std::optional<Parsed> Parser::parse_temporal_literal() {
  std::size_t begin = pos_;
  if (time_offset_at(text_, begin)) {
    return parse_time_zone(begin);
  }
  if (full_date_at(text_, begin)) {
    unsigned year = number_at(text_, begin, 4);
    unsigned month = number_at(text_, begin + 5, 2);
    unsigned day = number_at(text_, begin + 8, 2);
    if (month < 1 || month > 12) {
      fail(begin + 5, begin + 7, "invalid month " + std::to_string(month) + " (expected 01 to 12)");
    }
    if (day < 1 || day > days_in_month(year, month)) {
      fail(begin + 8, begin + 10,
           "invalid day " + std::to_string(day) + ": that month has " +
               std::to_string(days_in_month(year, month)) + " days");
    }
    pos_ = begin + 10;
    Parsed date = make(DateLit{static_cast<std::uint16_t>(year), static_cast<std::uint8_t>(month),
                               static_cast<std::uint8_t>(day)},
                       begin, 0);
    if ((peek() == 'T' || peek() == 't') && partial_time_at(text_, pos_ + 1)) {
      ++pos_;
      return parse_time_and_offset(begin, std::move(date));
    }
    return date;
  }
  if (partial_time_at(text_, begin)) {
    return parse_time_and_offset(begin, std::nullopt);
  }
  return std::nullopt;
}

Parsed Parser::parse_time_and_offset(std::size_t begin, std::optional<Parsed> date) {
  std::size_t time_begin = pos_;
  unsigned hour = number_at(text_, time_begin, 2);
  unsigned minute = number_at(text_, time_begin + 3, 2);
  unsigned second = number_at(text_, time_begin + 6, 2);
  if (hour > 23) {
    fail(time_begin, time_begin + 2,
         "invalid hour " + std::to_string(hour) + " (expected 00 to 23)");
  }
  if (minute > 59) {
    fail(time_begin + 3, time_begin + 5,
         "invalid minute " + std::to_string(minute) + " (expected 00 to 59)");
  }
  if (second > 59) {
    fail(time_begin + 6, time_begin + 8,
         "invalid second " + std::to_string(second) +
             " (expected 00 to 59; leap seconds are not supported)");
  }
  pos_ = time_begin + 8;
  std::string second_digits(text_.substr(time_begin + 6, 2));
  std::uint32_t precision = 0;
  if (peek() == '.' && is_digit(peek(1))) {
    std::size_t fraction = ++pos_;
    while (is_digit(peek())) {
      ++pos_;
    }
    second_digits += text_.substr(fraction, pos_ - fraction);
    precision = static_cast<std::uint32_t>(pos_ - fraction);
  }
  Parsed time = make(TimeLit{static_cast<std::uint8_t>(hour), static_cast<std::uint8_t>(minute),
                             *Natural::parse(second_digits), precision},
                     time_begin, 0);
  std::optional<Parsed> zone;
  if (peek() == 'Z' || peek() == 'z') {
    ++pos_;
    zone = make(TimeZoneLit{0}, pos_ - 1, 0);
  } else if (time_offset_at(text_, pos_)) {
    zone = parse_time_zone(pos_);
  }
  if (!date && !zone) {
    return time;
  }
  // A date, time and zone written together are a record of the three.
  FieldMap fields;
  if (date) {
    fields.emplace(Label("date"), date->expr);
  }
  fields.emplace(Label("time"), time.expr);
  if (zone) {
    fields.emplace(Label("timeZone"), zone->expr);
  }
  return make(RecordLit{std::move(fields)}, begin, 1);
}

Parsed Parser::parse_time_zone(std::size_t begin) {
  unsigned hours = number_at(text_, begin + 1, 2);
  unsigned minutes = number_at(text_, begin + 4, 2);
  if (hours > 23) {
    fail(begin + 1, begin + 3,
         "invalid time zone hour " + std::to_string(hours) + " (expected 00 to 23)");
  }
  if (minutes > 59) {
    fail(begin + 4, begin + 6,
         "invalid time zone minute " + std::to_string(minutes) + " (expected 00 to 59)");
  }
  pos_ = begin + 6;
  int offset = static_cast<int>(hours * 60 + minutes);
  return make(TimeZoneLit{static_cast<std::int16_t>(text_[begin] == '-' ? -offset : offset)}, begin,
              0);
}

Parsed Parser::parse_bytes_literal() {
  std::size_t begin = pos_;
  pos_ += 3; // 0x"
  std::vector<std::uint8_t> bytes;
  for (;;) {
    if (peek() == '"') {
      ++pos_;
      return make(BytesLit{std::move(bytes)}, begin, 0);
    }
    if (is_hex_digit(peek()) && is_hex_digit(peek(1))) {
      bytes.push_back(static_cast<std::uint8_t>(hex_value(peek()) * 16 + hex_value(peek(1))));
      pos_ += 2;
    } else if (is_hex_digit(peek()) && peek(1) == '"') {
      fail(begin, pos_ + 2, "a bytes literal needs an even number of hexadecimal digits");
    } else {
      fail_expected(pos_, "a hexadecimal digit or `\"` in the bytes literal");
    }
  }
}

} // namespace polar::dhall::parsing
