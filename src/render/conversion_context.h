#pragma once
// State shared by the parts of the Dhall-to-JSON conversion: the options and
// the path to the value being converted, for error messages.
#include <cstddef>
#include <string>
#include <string_view>

#include "render/conversion.h"
#include "render/json_path.h"

namespace polar::render {

class ConversionContext {
public:
  explicit ConversionContext(const ConversionOptions& options) : options_(options) {}

  const ConversionOptions& options() const { return options_; }

  // Runs `convert()` with `key` or `index` appended to the path.
  template <typename Convert>
  Json at_key(std::string key, Convert&& convert) {
    PathStep step(path_, std::move(key));
    return convert();
  }
  template <typename Convert>
  Json at_index(std::size_t index, Convert&& convert) {
    PathStep step(path_, index);
    return convert();
  }

  // Throws Error(render) "<path>: <problem>", located at `where`.
  [[noreturn]] void fail(const dhall::Expr& where, std::string_view problem) const;

  // A Double as a JSON number, special values per the options.
  Json number(double value, const dhall::Expr& where) const;

private:
  class PathStep {
  public:
    PathStep(JsonPath& path, std::string key) : path_(path) { path_.push_key(std::move(key)); }
    PathStep(JsonPath& path, std::size_t index) : path_(path) { path_.push_index(index); }
    PathStep(const PathStep&) = delete;
    PathStep& operator=(const PathStep&) = delete;
    ~PathStep() { path_.pop(); }

  private:
    JsonPath& path_;
  };

  const ConversionOptions& options_;
  JsonPath path_;
};

} // namespace polar::render
