#include "output_file.h"

#include <iostream>
#include <system_error>
#include <utility>

#include "render/depfile.h"
#include "report.h"
#include "support/file_io.h"
#include "syntax/source.h"

namespace polar::cli {
namespace {

namespace fs = std::filesystem;

bool holds(const fs::path& path, const std::string& text) {
  std::error_code error;
  if (!fs::is_regular_file(path, error) || fs::file_size(path, error) != text.size() || error) {
    return false;
  }
  try {
    return dhall::read_regular_file(path) == text;
  } catch (const dhall::Error&) {
    return false;
  }
}

} // namespace

void write_output(const fs::path& path, const std::string& text) {
  if (holds(path, text)) {
    return;
  }
  try {
    dhall::write_output_file(path, text);
  } catch (const dhall::Error& error) {
    throw EnvironmentError(error.message());
  }
}

void write_output_or_stdout(const std::optional<fs::path>& path, const std::string& text) {
  if (path) {
    write_output(*path, text);
  } else if (!(std::cout << text << std::flush)) {
    throw EnvironmentError("cannot write to standard output");
  }
}

std::string depfile_text(const fs::path& target, const std::vector<fs::path>& dependencies) {
  try {
    return render::format_depfile(target, dependencies);
  } catch (const dhall::Error& error) {
    throw EnvironmentError(error.message());
  }
}

StreamedOutput::StreamedOutput(std::optional<fs::path> path) : path_(std::move(path)) {
}

StreamedOutput::~StreamedOutput() = default;

void StreamedOutput::write(std::string_view text) {
  if (!path_) {
    write_to_standard_output(text);
    return;
  }
  try {
    if (!file_) {
      file_ = std::make_unique<dhall::OutputFileWriter>(*path_);
    }
    file_->write(text);
  } catch (const dhall::Error& error) {
    throw EnvironmentError(error.message());
  }
}

void StreamedOutput::write_to_standard_output(std::string_view text) {
  if (!streaming_) {
    held_ += text;
    if (held_.size() <= dhall::OutputFileWriter::in_place_hold_size) {
      return;
    }
    streaming_ = true;
    text = held_;
  }
  if (!std::cout.write(text.data(), static_cast<std::streamsize>(text.size()))) {
    throw EnvironmentError("cannot write to standard output");
  }
  held_.clear();
}

void StreamedOutput::commit() {
  if (!path_) {
    streaming_ = true;
    write_to_standard_output(std::exchange(held_, {}));
    if (!(std::cout << std::flush)) {
      throw EnvironmentError("cannot write to standard output");
    }
    return;
  }
  try {
    if (!file_) {
      file_ = std::make_unique<dhall::OutputFileWriter>(*path_);
    }
    file_->commit(/*keep_unchanged=*/true);
  } catch (const dhall::Error& error) {
    throw EnvironmentError(error.message());
  }
}

} // namespace polar::cli
