#include "syntax/header.h"

#include "syntax/detail/lexer.h"

namespace polar::dhall {
namespace {

// The parser's own reading of whitespace and comments.
class HeaderScanner : public parsing::Scanner {
public:
  using Scanner::Scanner;
  std::size_t expression_start() const { return whitespace_end(0); }
};

bool is_whitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace

std::string_view header_of(const SourcePtr& source) {
  std::string_view header =
      std::string_view(source->text).substr(0, HeaderScanner(source).expression_start());
  while (!header.empty() && is_whitespace(header.front())) {
    header.remove_prefix(1);
  }
  while (!header.empty() && is_whitespace(header.back())) {
    header.remove_suffix(1);
  }
  return header;
}

} // namespace polar::dhall
