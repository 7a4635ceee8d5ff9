#include "imports/load.h"

#include <algorithm>

#include "imports/detail/environment_redaction.h"
#include "imports/detail/resolver.h"
#include "semantics/embedded.h"
#include "semantics/eval.h"
#include "semantics/typecheck.h"
#include "support/file_io.h"
#include "syntax/parser.h"

namespace polar::dhall {
namespace fs = std::filesystem;
namespace {

fs::path on_disk(const fs::path& path, const LoadOptions& options) {
  return path.is_relative() && !options.working_directory.empty() ? options.working_directory / path
                                                                  : path;
}

Loaded check_and_evaluate(const ExprPtr& resolved, ImportResolver& resolver,
                          std::vector<fs::path> dependencies) {
  ValuePtr type = infer_type(resolved);
  auto& statistics = resolver.statistics();
  ++statistics.files_parsed; // the root, parsed before resolution
  ++statistics.expressions_type_checked;
  for (const auto& file : resolver.dependencies()) {
    if (dependencies.empty() || file != dependencies.front()) {
      dependencies.push_back(file);
    }
  }
  // Evaluated, not read back: rendering reads the value and forces only
  // what the output shows (docs/rendering.md, "From values").
  Loaded loaded;
  loaded.value = eval(Env{}, resolved);
  loaded.type_value = std::move(type);
  loaded.dependencies = std::move(dependencies);
  loaded.statistics = resolver.statistics();
  return loaded;
}

// A root the build cache answered: neither parsed, type-checked nor
// evaluated beyond its cached normal form.
Loaded from_build_cache(const Expr& hit, ImportResolver& resolver, const fs::path& file) {
  const EmbeddedValue& embedding = *embedded_value(hit);
  Loaded loaded;
  loaded.value = embedding.value();
  loaded.type_value = embedding.type();
  loaded.dependencies.push_back(file);
  for (const auto& dependency : resolver.dependencies()) {
    if (dependency != file) {
      loaded.dependencies.push_back(dependency);
    }
  }
  loaded.statistics = resolver.statistics();
  return loaded;
}

Loaded load_file_unredacted(const fs::path& file, const LoadOptions& options) {
  fs::path path = on_disk(file, options);
  auto text = read_regular_file(path);
  if (!text) {
    throw Error(ErrorKind::io, "cannot read " + path.string() + ": no such file");
  }
  fs::path absolute = fs::absolute(path).lexically_normal();
  ImportTarget here = local_import_from_path(file);
  ImportResolver resolver(options);
  if (ExprPtr hit = resolver.cached_root(here, absolute, *text)) {
    return from_build_cache(*hit, resolver, absolute);
  }
  auto source = std::make_shared<const SourceFile>(SourceFile{file.string(), std::move(*text)});
  ExprPtr resolved = resolver.resolve(parse(source), here, file_identity(path));
  Loaded loaded = check_and_evaluate(resolved, resolver, {absolute});
  // Storing reads back every field the render may not: only worth it where
  // the build cache keeps it.
  if (resolver.root_cacheable()) {
    resolver.store_root(here, absolute, source->text, loaded.value, loaded.type_value);
    loaded.statistics = resolver.statistics();
  }
  return loaded;
}

Loaded load_source_unredacted(SourcePtr source, const fs::path& as_if_in_directory,
                              const LoadOptions& options) {
  ImportResolver resolver(options);
  // No file can be named "" in the directory: the source cannot import
  // itself, and nothing else is a cycle through it.
  ExprPtr resolved =
      resolver.resolve(parse(source), local_import_in_directory(as_if_in_directory, ""), "");
  return check_and_evaluate(resolved, resolver, {});
}

} // namespace

Loaded load_file(const fs::path& file, const LoadOptions& options) {
  return hiding_environment_values(
      options, [&](const LoadOptions& watched) { return load_file_unredacted(file, watched); });
}

Loaded load_source(SourcePtr source, const fs::path& as_if_in_directory,
                   const LoadOptions& options) {
  return hiding_environment_values(options, [&](const LoadOptions& watched) {
    return load_source_unredacted(std::move(source), as_if_in_directory, watched);
  });
}

ExprPtr Loaded::normal_form() const {
  return quote(value);
}

const ExprPtr& Loaded::type() const {
  if (!type_) {
    type_ = quote(type_value);
  }
  return type_;
}

bool reads_variables_or_secrets(const Loaded& loaded) {
  return loaded.read_sensitive_values ||
         std::ranges::any_of(loaded.environment_variables,
                             [](const std::string& name) { return name != "DHALL_HEADERS"; });
}

} // namespace polar::dhall
