#include "render/detail/conversion_context.h"

#include <cmath>
#include <limits>

#include "syntax/source.h"

namespace polar::render {

void ConversionContext::fail(std::string_view problem) const {
  throw dhall::Error(dhall::ErrorKind::render, path_.to_string() + ": " + std::string(problem));
}

void ConversionContext::check_depth() const {
  if (path_.size() > max_depth) {
    throw dhall::Error(dhall::ErrorKind::render,
                       "the value is nested more than " + std::to_string(max_depth) +
                           " levels deep, more than JSON or YAML output supports here");
  }
}

Json ConversionContext::number(double value) const {
  if (std::isfinite(value)) {
    return Json::number(JsonNumber::from_double(value));
  }
  if (!options_.approximate_special_doubles) {
    std::string name = std::isnan(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
    fail(name + " has no JSON representation (--approximate-special-doubles writes NaN "
                "as null and ±Infinity as the largest finite Double)");
  }
  if (std::isnan(value)) {
    return Json::null();
  }
  double largest = std::numeric_limits<double>::max();
  return Json::number(JsonNumber::from_double(value > 0 ? largest : -largest));
}

} // namespace polar::render
