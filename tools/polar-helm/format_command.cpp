#include "format_command.h"

#include <fmt/core.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "binary/encode.h"
#include "file_by_file.h"
#include "input.h"
#include "support/file_io.h"
#include "syntax/format.h"
#include "syntax/parser.h"
#include "syntax/text_flattening.h"
#include "tooling/transitive_files.h"

namespace polar::cli {
namespace {

namespace fs = std::filesystem;

struct FormatArguments {
  std::vector<fs::path> files;
  bool check = false;
  bool ascii = false;
  bool unicode = false;
  bool transitive = false;
};

// A comment without its whitespace: re-indenting changes nothing else.
std::string comment_signature(const dhall::SourceFile& source, const dhall::Comment& comment) {
  std::string result;
  for (std::uint32_t at = comment.begin; at < comment.end; ++at) {
    char c = source.text[at];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      result += c;
    }
  }
  return result;
}

std::vector<std::string> comment_signatures(const dhall::SourceFile& source,
                                            const dhall::SourceNotes& notes) {
  std::vector<std::string> result;
  for (const dhall::Comment& comment : notes.comments) {
    result.push_back(comment_signature(source, comment));
  }
  return result;
}

// The formatted text of `source`, checked before anyone sees it: it must
// parse to the same expression (the same binary encoding once text
// interpolated into text is merged, so the same semantic hash) and hold the
// same comments. A formatter bug therefore
// fails loudly instead of changing a file.
std::string verified_format(const dhall::SourcePtr& source, const dhall::FormatOptions& options) {
  dhall::NotedExpr parsed = dhall::parse_with_notes(source);
  std::string formatted = dhall::format_source(source, parsed, options);
  auto reformatted = std::make_shared<const dhall::SourceFile>(
      dhall::SourceFile{source->name + " (formatted)", formatted});
  dhall::NotedExpr reparsed = dhall::parse_with_notes(reformatted);
  if (dhall::encode(*dhall::flatten_interpolated_text(reparsed.expr)) !=
      dhall::encode(*dhall::flatten_interpolated_text(parsed.expr))) {
    throw dhall::Error(dhall::ErrorKind::parse,
                       source->name + ": not formatted: the formatted text would mean something "
                                      "else (a bug in polar-helm format; please report it)");
  }
  if (comment_signatures(*reformatted, reparsed.notes) !=
      comment_signatures(*source, parsed.notes)) {
    throw dhall::Error(dhall::ErrorKind::parse,
                       source->name + ": not formatted: a comment would be lost or moved out of "
                                      "order (a bug in polar-helm format; please report it)");
  }
  return formatted;
}

dhall::SourcePtr read_source(const fs::path& file) {
  auto text = dhall::read_regular_file(file);
  if (!text) {
    throw dhall::Error(dhall::ErrorKind::io, "cannot read " + file.string() + ": no such file");
  }
  return std::make_shared<const dhall::SourceFile>(
      dhall::SourceFile{file.string(), std::move(*text)});
}

// Formats one input; false when it is not formatted under --check.
bool format_input(const Input& input, const FormatArguments& arguments,
                  const dhall::FormatOptions& options) {
  dhall::SourcePtr source = input.file ? read_source(*input.file) : read_input(input);
  std::string formatted = verified_format(source, options);
  bool unchanged = formatted == source->text;
  if (arguments.check) {
    if (!unchanged) {
      fmt::print("{}: not formatted\n", source->name);
    }
    return unchanged;
  }
  if (!input.file) {
    std::fwrite(formatted.data(), 1, formatted.size(), stdout);
  } else if (!unchanged) {
    dhall::write_file_atomically(*input.file, formatted);
  }
  return true;
}

ExitCode run_format(const FormatArguments& arguments) {
  dhall::FormatOptions options;
  if (arguments.ascii) {
    options.characters = dhall::CharacterSet::ascii;
  } else if (arguments.unicode) {
    options.characters = dhall::CharacterSet::unicode;
  }
  std::vector<Input> inputs;
  for (const fs::path& file :
       arguments.transitive ? dhall::with_transitive_imports(arguments.files) : arguments.files) {
    inputs.push_back(Input{file});
  }
  if (inputs.empty()) {
    inputs.push_back(Input{});
  }
  return file_by_file(inputs,
                      [&](const Input& input) { return format_input(input, arguments, options); });
}

} // namespace

void register_format_command(CLI::App& app, ExitCode& exit_code) {
  auto arguments = std::make_shared<FormatArguments>();
  auto* format = app.add_subcommand(
      "format", "Lay Dhall files out as `dhall format` does, keeping every comment; in place, "
                "or standard input to standard output when no file is given");
  format->add_option("FILE", arguments->files, "The Dhall files to format, in place");
  format->add_flag("--check", arguments->check,
                   "Write nothing; name each file that is not formatted and exit with 1 if any");
  auto* ascii = format->add_flag("--ascii", arguments->ascii,
                                 "Write \\, ->, forall, /\\, //, //\\\\ and === instead of the "
                                 "Unicode symbols");
  auto* unicode = format->add_flag(
      "--unicode", arguments->unicode,
      "Write λ, →, ∀, ∧, ⫽, ⩓ and ≡ (by default, the file's own choice: Unicode if "
      "it uses any of them)");
  ascii->excludes(unicode);
  format->add_flag("--transitive", arguments->transitive,
                   "Also format the files the FILEs import as code through relative paths "
                   "(./x, ../x), transitively, each once, imports first");
  format->callback([arguments, &exit_code] { exit_code = run_format(*arguments); });
}

} // namespace polar::cli
