#pragma once
// Line differences between two texts, as `diff -u` shows them.
#include <string>
#include <string_view>

namespace polar::chart {

// A unified diff from `before` to `after` with three lines of context, headed
// `--- <before_label>` and `+++ <after_label>`; empty when the texts are
// equal. Minimal for the changed middle of texts up to a few thousand lines;
// beyond that the middle is shown as removed then added, still correct.
std::string unified_diff(std::string_view before, std::string_view after,
                         std::string_view before_label, std::string_view after_label);

} // namespace polar::chart
