#pragma once
// Source text, positions in it, and the one error type every stage throws.
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace polar::dhall {

// One Dhall file (or stdin) as read. `name` is what users see in messages.
struct SourceFile {
  std::string name;
  std::string text;
};
using SourcePtr = std::shared_ptr<const SourceFile>;

// A byte range [begin, end) in a source file. An empty span (no file) means
// the term was not written by the user (built by the evaluator, decoded from
// CBOR, ...).
struct Span {
  SourcePtr file;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  bool known() const { return file != nullptr; }
};

struct LineColumn {
  std::uint32_t line = 1;   // 1-based
  std::uint32_t column = 1; // 1-based, in Unicode code points
};
LineColumn line_column(const SourceFile& file, std::uint32_t offset);

// Which stage rejected the input. The import resolver needs this: the `?`
// operator recovers from some failures and not from others.
enum class ErrorKind : std::uint8_t {
  parse,  // syntax error
  decode, // malformed CBOR
  type,   // type inference failed
  import, // an import could not be resolved
  render, // the value cannot be represented as JSON/YAML
  io,     // reading or writing a file failed
};

// Every user-facing failure: where, what went wrong and what was expected.
// Errors are values: copying one (to add a note, point it elsewhere or
// redact it) keeps everything it carries.
class Error : public std::runtime_error {
public:
  Error(ErrorKind kind, std::string message, Span span = {});

  // An import that is not cached and absent (standard/imports.md): an unset
  // environment variable, a file that does not exist, a URL that cannot be
  // retrieved, or `missing`. It is the one failure the `?` operator
  // recovers from; every other one (parse or type errors in the imported
  // expression, integrity check failures, cycles) is not.
  static Error absent_import(std::string message, Span span);
  bool is_absent_import() const { return absent_import_; }

  ErrorKind kind() const { return kind_; }
  const std::string& message() const { return message_; }
  const Span& span() const { return span_; }
  // Import chain, outermost first ("imported from ./values.dhall:3:5").
  const std::vector<std::string>& notes() const { return notes_; }
  void add_note(std::string note);

  // This error pointing at `span`, or with another message (and notes):
  // whatever else it carries stays.
  Error at(Span span) const;
  Error with_message(std::string message) const;
  Error with_message(std::string message, std::vector<std::string> notes) const;

  // Leaves the source line out of format(), keeping file:line:column: for
  // errors in files whose text is secret.
  void hide_source_line() { source_line_hidden_ = true; }
  bool source_line_hidden() const { return source_line_hidden_; }

  // "file:line:column: error: message", then the source line with a caret
  // under the offending range (unless hidden; see syntax/detail/source_excerpt.h),
  // then the notes.
  std::string format() const;

private:
  ErrorKind kind_;
  std::string message_;
  Span span_;
  std::vector<std::string> notes_;
  bool source_line_hidden_ = false;
  bool absent_import_ = false;
};

} // namespace polar::dhall
