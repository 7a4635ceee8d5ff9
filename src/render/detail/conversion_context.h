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
  // Values nested deeper than this are an error, not a stack overflow (the
  // writers recurse over the JSON data too). Evaluation limits terms to
  // about the same depth.
  static constexpr std::size_t max_depth = 4000;

  explicit ConversionContext(const ConversionOptions& options) : options_(options) {}

  const ConversionOptions& options() const { return options_; }

  // Runs `convert()` with `key` or `index` appended to the path.
  template <typename Convert>
  decltype(auto) at_key(std::string key, Convert&& convert) {
    PathStep step(*this, std::move(key));
    return convert();
  }
  template <typename Convert>
  decltype(auto) at_index(std::size_t index, Convert&& convert) {
    PathStep step(*this, index);
    return convert();
  }

  // Throws Error(render) "<path>: <problem>". Values carry no source
  // location (normal forms are computed, not written).
  [[noreturn]] void fail(std::string_view problem) const;

  // A Double as a JSON number, special values per the options.
  Json number(double value) const;

private:
  class PathStep {
  public:
    PathStep(ConversionContext& context, std::string key) : path_(context.path_) {
      path_.push_key(std::move(key));
      context.check_depth();
    }
    PathStep(ConversionContext& context, std::size_t index) : path_(context.path_) {
      path_.push_index(index);
      context.check_depth();
    }
    PathStep(const PathStep&) = delete;
    PathStep& operator=(const PathStep&) = delete;
    ~PathStep() { path_.pop(); }

  private:
    JsonPath& path_;
  };

  void check_depth() const;

  const ConversionOptions& options_;
  JsonPath path_;
};

} // namespace polar::render
