#pragma once
// The .helmignore of a generated chart.
#include <filesystem>
#include <string_view>

namespace polar::chart {

// The contents polar-helm writes; the first line marks a chart directory as
// generated (see is_generated_chart).
std::string_view helmignore_text();

// Writes <chart_dir>/.helmignore, always: the build uses it as the stamp of
// the chart-level step, so its time must move.
void write_helmignore(const std::filesystem::path& chart_dir);

// Whether `directory` holds a .helmignore that polar-helm wrote, which makes
// it safe to remove files from.
bool is_generated_chart(const std::filesystem::path& directory);

} // namespace polar::chart
