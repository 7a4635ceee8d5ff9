#pragma once
// A Dhall value as JSON or YAML text: conversion, omission, writing.
#include <string>

#include "render/conversion.h"
#include "render/detail/yaml_writer.h"
#include "render/json_writer.h"
#include "render/omission.h"
#include "render/text_sink.h"
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

// Writes the text dhall-to-json or dhall-to-yaml writes for `value` (the
// value of a closed, well-typed expression: Loaded::value) to `sink` as it
// converts, forcing the value as it goes: the document is never held whole,
// only a piece of text (text_piece_size) and what is open at the current
// depth. Throws dhall::Error(ErrorKind::render) as dhall_to_json does,
// possibly after some text went to `sink`: the caller discards it (an output
// file is written to a temporary and renamed only on success).
void render(const dhall::ValuePtr& value, const RenderOptions& options, TextSink& sink);

// The same text as a string, for small outputs and tests.
std::string render(const dhall::ValuePtr& value, const RenderOptions& options);

} // namespace polar::render
