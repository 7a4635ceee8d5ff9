#pragma once
// `polar-helm lint [--check] FILE...` (dhall lint): tooling/lint.h's
// rewrites, written back in place.
#include <CLI/CLI.hpp>

#include <string>
#include <string_view>

#include "exit_codes.h"
#include "syntax/expr.h"

namespace polar::cli {

// The text lint writes for `expr` under the file's `header` comment. One
// function, so that lint prints what `format` prints once it exists.
std::string lint_output(std::string_view header, const dhall::Expr& expr);

void register_lint_command(CLI::App& app, ExitCode& exit_code);

} // namespace polar::cli
