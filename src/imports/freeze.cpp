#include "imports/freeze.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <system_error>
#include <utility>

#include "binary/hash.h"
#include "imports/detail/location.h"
#include "imports/detail/resource.h"
#include "imports/import_sites.h"
#include "imports/load.h"
#include "semantics/eval.h"
#include "support/file_io.h"
#include "syntax/import_text.h"
#include "syntax/parser.h"
#include "syntax/printer.h"
#include "syntax/source_notes.h"

namespace polar::dhall {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t hash_text_size = 7 + 64; // "sha256:" and the digits

bool in_scope(const ImportSite& site, const FreezeOptions& freeze) {
  const Import& import = site.import();
  // Headers are part of their import; a location is never read; `env:` is a
  // secret whose digest must not be written down.
  if (site.in_headers || import.mode == ImportMode::location) {
    return false;
  }
  if (std::holds_alternative<RemoteImport>(import.target)) {
    return true;
  }
  return std::holds_alternative<LocalImport>(import.target) &&
         (freeze.all || import.hash || site.cache_pair);
}

const Import& missing_of(const ImportSite& site) {
  return *site.cache_pair->as<BinOp>()->lhs->as<Import>();
}

std::optional<Sha256> pin_of(const ImportSite& site) {
  return site.cache_pair ? missing_of(site).hash : site.import().hash;
}

std::string position_of(const Span& span) {
  auto position = line_column(*span.file, span.begin);
  return span.file->name + ":" + std::to_string(position.line) + ":" +
         std::to_string(position.column);
}

// The import without its pin, as Dhall text.
std::string unpinned_text(const ImportSite& site) {
  Import unpinned = site.import();
  unpinned.hash.reset();
  return print(*make_expr(unpinned));
}

// Replaces [begin, end) of the text by `text`.
struct Edit {
  std::size_t begin;
  std::size_t end;
  std::string text;
};

class Freezer {
public:
  Freezer(const SourcePtr& source, fs::path directory, const FreezeOptions& freeze,
          const LoadOptions& options)
      : source_(source), directory_(std::move(directory)), freeze_(freeze), options_(options) {}

  FrozenSource run() {
    FrozenSource result;
    NotedExpr parsed = parse_with_notes(source_);
    comments_ = std::move(parsed.notes.comments);
    for (const ImportSite& site : import_sites(parsed.expr)) {
      if (!in_scope(site, freeze_)) {
        continue;
      }
      auto hash = hash_of(site);
      if (!hash) {
        result.secret.push_back(
            PinChange{site.node->span(), unpinned_text(site), pin_of(site), {}});
        continue;
      }
      if (plan(site, *hash)) {
        result.changes.push_back(
            PinChange{site.node->span(), unpinned_text(site), pin_of(site), *hash});
      }
    }
    result.text = apply();
    return result;
  }

private:
  // The semantic hash of what the import resolves to without its pin, or
  // nullopt when it reads variables or secret files (never pinned). Memoized by the import's text.
  std::optional<Sha256> hash_of(const ImportSite& site) {
    std::string text = unpinned_text(site);
    if (auto found = hashes_.find(text); found != hashes_.end()) {
      return found->second;
    }
    const Span& span = site.node->span();
    std::optional<Sha256> hash;
    try {
      auto import_source = std::make_shared<const SourceFile>(
          SourceFile{"(the import at " + position_of(span) + ")", text});
      Loaded loaded = load_source(import_source, directory_, options_);
      if (!reads_variables_or_secrets(loaded)) {
        hash = semantic_digest(loaded);
      }
    } catch (const Error& error) {
      throw error.with_message("cannot freeze " + text + ": " + error.message()).at(span);
    }
    hashes_.emplace(std::move(text), hash);
    return hash;
  }

  // Plans the edits that give `site` the pin `hash`; false when it has it.
  bool plan(const ImportSite& site, const Sha256& hash) {
    const Span& span = site.node->span();
    ImportText parts = import_text(source_, span.begin);
    std::string pin = "sha256:" + to_hex(hash);
    if (site.cache_pair && freeze_.cache) {
      if (missing_of(site).hash == hash) {
        return false;
      }
      ImportText missing = import_text(source_, site.cache_pair->as<BinOp>()->lhs->span().begin);
      edits_.push_back({*missing.hash_begin, *missing.hash_begin + hash_text_size, pin});
      return true;
    }
    if (site.cache_pair) { // back to the plain form: `import sha256:H`
      edits_.push_back({site.cache_pair->span().begin, span.begin,
                        comments_in(site.cache_pair->span().begin, span.begin, Side::before)});
      edits_.push_back({parts.target_end, parts.target_end, " " + pin});
      return true;
    }
    if (freeze_.cache) { // `missing sha256:H ? import`, without a pin of its own
      bool parentheses = !site.stands_alone && !parenthesized(span.begin, parts.end);
      edits_.push_back(
          {span.begin, span.begin, (parentheses ? "(missing " : "missing ") + pin + " ? "});
      if (parts.hash_begin) {
        std::size_t hash_end = *parts.hash_begin + hash_text_size;
        edits_.push_back(
            {parts.target_end, hash_end, comments_in(parts.target_end, hash_end, Side::after)});
      }
      if (parentheses) {
        edits_.push_back({parts.end, parts.end, ")"});
      }
      return true;
    }
    if (site.import().hash == hash) {
      return false;
    }
    if (parts.hash_begin) {
      edits_.push_back({*parts.hash_begin, *parts.hash_begin + hash_text_size, pin});
    } else {
      edits_.push_back({parts.target_end, parts.target_end, " " + pin});
    }
    return true;
  }

  enum class Side { before, after };

  // The comments written in [begin, end), a range an edit removes, as the
  // edit writes them back: before what follows the range, or after what
  // precedes it. A line comment ends its line; the next line starts at the
  // indentation of the line the range starts in.
  std::string comments_in(std::size_t begin, std::size_t end, Side side) const {
    const std::string& text = source_->text;
    std::size_t line_start = text.rfind('\n', begin == 0 ? 0 : begin - 1);
    line_start = line_start == std::string::npos ? 0 : line_start + 1;
    std::size_t indent_end = text.find_first_not_of(" \t", line_start);
    std::string indentation = text.substr(line_start, std::min(indent_end, begin) - line_start);
    std::string kept;
    for (const Comment& comment : comments_) {
      if (comment.begin < begin || comment.end > end) {
        continue;
      }
      std::string written = text.substr(comment.begin, comment.end - comment.begin);
      bool line_comment = written.starts_with("--");
      kept += side == Side::after ? " " + written : written;
      kept += line_comment ? "\n" + indentation : (side == Side::before ? " " : "");
    }
    // A last line comment needs no line break of its own before one.
    if (side == Side::after && end < text.size() && text[end] == '\n' &&
        kept.ends_with("\n" + indentation)) {
      kept.resize(kept.size() - indentation.size() - 1);
    }
    return kept;
  }

  // Whether [begin, end) is written in parentheses of its own.
  bool parenthesized(std::size_t begin, std::size_t end) const {
    const std::string& text = source_->text;
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (begin > 0 && blank(text[begin - 1])) {
      --begin;
    }
    while (end < text.size() && blank(text[end])) {
      ++end;
    }
    return begin > 0 && text[begin - 1] == '(' && end < text.size() && text[end] == ')';
  }

  std::string apply() {
    std::string text = source_->text;
    // From the end, so that earlier offsets stay right; at one offset the
    // later edit in the text goes first.
    std::ranges::stable_sort(edits_, [](const Edit& a, const Edit& b) {
      return a.begin != b.begin ? a.begin > b.begin : a.end > b.end;
    });
    for (const Edit& edit : edits_) {
      text.replace(edit.begin, edit.end - edit.begin, edit.text);
    }
    return text;
  }

  SourcePtr source_;
  fs::path directory_;
  FreezeOptions freeze_;
  const LoadOptions& options_;
  std::map<std::string, std::optional<Sha256>> hashes_;
  std::vector<Edit> edits_;
  std::vector<Comment> comments_; // of source_, in order
};

// The file a local code import of `file` reads, or nullopt.
std::optional<fs::path> imported_file(const fs::path& file, const Import& import,
                                      const ResourceReader& reader) {
  if (import.mode != ImportMode::code) {
    return std::nullopt;
  }
  ImportTarget target = canonicalize(chain(local_import_from_path(file), import.target));
  const auto* local = std::get_if<LocalImport>(&target);
  if (local == nullptr) {
    return std::nullopt;
  }
  try {
    return reader.local_path(*local, Span{});
  } catch (const Error&) {
    return std::nullopt;
  }
}

fs::path identity_of(const fs::path& path) {
  std::error_code error;
  fs::path canonical = fs::weakly_canonical(path, error);
  return error ? fs::absolute(path).lexically_normal() : canonical;
}

} // namespace

FrozenSource freeze_source(const SourcePtr& source, const fs::path& directory,
                           const FreezeOptions& freeze, const LoadOptions& options) {
  return Freezer(source, directory, freeze, options).run();
}

std::vector<fs::path> in_dependency_order(const std::vector<fs::path>& files,
                                          const LoadOptions& options) {
  LoadOptions reading = options;
  if (!reading.environment) {
    reading.environment = process_environment();
  }
  ResourceReader reader(reading);
  std::map<fs::path, std::size_t> wanted; // identity → index in `files`
  for (std::size_t index = 0; index < files.size(); ++index) {
    wanted.emplace(identity_of(files[index]), index);
  }
  std::vector<fs::path> ordered;
  std::set<fs::path> visited;
  // Depth first, each file after what it imports.
  std::function<void(const fs::path&)> visit = [&](const fs::path& file) {
    fs::path identity = identity_of(file);
    if (!visited.insert(identity).second) {
      return;
    }
    try {
      if (auto text = read_regular_file(file)) {
        auto parsed = parse(std::make_shared<const SourceFile>(SourceFile{file.string(), *text}));
        for (const ImportSite& site : import_sites(parsed)) {
          if (auto imported = imported_file(file, site.import(), reader); imported) {
            visit(*imported);
          }
        }
      }
    } catch (const Error&) { // freezing the file reports it
    }
    if (auto found = wanted.find(identity); found != wanted.end()) {
      ordered.push_back(files[found->second]);
    }
  };
  for (const fs::path& file : files) {
    visit(file);
  }
  return ordered;
}

} // namespace polar::dhall
