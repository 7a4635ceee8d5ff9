#pragma once
// A Dhall value as JSON or YAML text: conversion, omission, writing.
#include <string>

#include "render/conversion.h"
#include "render/json_writer.h"
#include "render/omission.h"
#include "render/yaml_writer.h"
#include "semantics/value.h"

namespace polar::render {

enum class OutputFormat { json, yaml };

struct RenderOptions {
  OutputFormat format = OutputFormat::yaml;
  ConversionOptions conversion;
  Omission omission = Omission::null_fields;
  JsonLayout json_layout = JsonLayout::pretty; // JSON only
  YamlOptions yaml;                            // YAML only
};

// The text dhall-to-json or dhall-to-yaml writes for `value` (the value of a
// closed, well-typed expression: Loaded::value). Throws
// dhall::Error(ErrorKind::render) as dhall_to_json does.
std::string render(const dhall::ValuePtr& value, const RenderOptions& options);

} // namespace polar::render
