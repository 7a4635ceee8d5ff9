#pragma once
// Where rendered text goes as it is written: a string, a file.
#include <cstddef>
#include <string>
#include <string_view>

namespace polar::render {

class TextSink {
public:
  virtual ~TextSink() = default;
  // Takes the next piece of the text. Throws what the destination throws.
  virtual void write(std::string_view text) = 0;
};

// Collects the text in a string.
class StringSink final : public TextSink {
public:
  void write(std::string_view text) override { text_ += text; }
  std::string take() { return std::move(text_); }

private:
  std::string text_;
};

// Sends the text to anything with a `write(std::string_view)`, such as
// dhall::OutputFileWriter (support/file_io.h), which this module does not
// depend on.
template <typename Writer>
class SinkTo final : public TextSink {
public:
  explicit SinkTo(Writer& writer) : writer_(writer) {}
  void write(std::string_view text) override { writer_.write(text); }

private:
  Writer& writer_;
};

// Text gathered in pieces of about this many bytes before it goes to a
// sink: a few system calls per megabyte, and a bounded buffer.
inline constexpr std::size_t text_piece_size = 64 * 1024;

} // namespace polar::render
