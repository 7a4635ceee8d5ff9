#include "chart/detail/text_diff.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include <fmt/core.h>

namespace polar::chart {

namespace {

// The largest changed middle, in line pairs, compared line by line.
constexpr std::size_t max_compared_pairs = 4'000'000;
constexpr std::size_t context_lines = 3;

struct Lines {
  std::vector<std::string_view> lines;
  bool ends_with_newline = true;
};

Lines split_lines(std::string_view text) {
  Lines result;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    if (end == std::string_view::npos) {
      result.lines.push_back(text);
      result.ends_with_newline = false;
      break;
    }
    result.lines.push_back(text.substr(0, end));
    text.remove_prefix(end + 1);
  }
  return result;
}

enum class EditKind : std::uint8_t { keep, remove, add };

struct Edit {
  EditKind kind;
  std::size_t before_line; // index of the line in `before` (keep, remove)
  std::size_t after_line;  // index of the line in `after` (keep, add)
};

// The edits turning before[begin_before, end_before) into
// after[begin_after, end_after), through a longest common subsequence when
// the range is small enough.
void diff_middle(const Lines& before, const Lines& after, std::size_t begin_before,
                 std::size_t end_before, std::size_t begin_after, std::size_t end_after,
                 std::vector<Edit>& edits) {
  std::size_t rows = end_before - begin_before;
  std::size_t columns = end_after - begin_after;
  if (rows * columns > max_compared_pairs) {
    for (std::size_t line = begin_before; line < end_before; ++line) {
      edits.push_back({EditKind::remove, line, begin_after});
    }
    for (std::size_t line = begin_after; line < end_after; ++line) {
      edits.push_back({EditKind::add, end_before, line});
    }
    return;
  }
  // common[i][j]: the longest common subsequence of the suffixes from i and j.
  std::vector<std::uint32_t> common((rows + 1) * (columns + 1), 0);
  auto at = [&](std::size_t row, std::size_t column) -> std::uint32_t& {
    return common[row * (columns + 1) + column];
  };
  for (std::size_t row = rows; row-- > 0;) {
    for (std::size_t column = columns; column-- > 0;) {
      at(row, column) = before.lines[begin_before + row] == after.lines[begin_after + column]
                            ? at(row + 1, column + 1) + 1
                            : std::max(at(row + 1, column), at(row, column + 1));
    }
  }
  std::size_t row = 0;
  std::size_t column = 0;
  while (row < rows || column < columns) {
    if (row < rows && column < columns &&
        before.lines[begin_before + row] == after.lines[begin_after + column]) {
      edits.push_back({EditKind::keep, begin_before + row, begin_after + column});
      ++row;
      ++column;
    } else if (column < columns && (row == rows || at(row, column + 1) > at(row + 1, column))) {
      edits.push_back({EditKind::add, begin_before + row, begin_after + column});
      ++column;
    } else {
      edits.push_back({EditKind::remove, begin_before + row, begin_after + column});
      ++row;
    }
  }
}

std::vector<Edit> diff_lines(const Lines& before, const Lines& after) {
  std::size_t size_before = before.lines.size();
  std::size_t size_after = after.lines.size();
  std::size_t prefix = 0;
  while (prefix < size_before && prefix < size_after &&
         before.lines[prefix] == after.lines[prefix]) {
    ++prefix;
  }
  std::size_t suffix = 0;
  while (suffix < size_before - prefix && suffix < size_after - prefix &&
         before.lines[size_before - 1 - suffix] == after.lines[size_after - 1 - suffix]) {
    ++suffix;
  }
  std::vector<Edit> edits;
  for (std::size_t line = 0; line < prefix; ++line) {
    edits.push_back({EditKind::keep, line, line});
  }
  diff_middle(before, after, prefix, size_before - suffix, prefix, size_after - suffix, edits);
  for (std::size_t offset = suffix; offset > 0; --offset) {
    edits.push_back({EditKind::keep, size_before - offset, size_after - offset});
  }
  return edits;
}

// "start,count" of a hunk side, 1-based; an empty side names the line before.
std::string hunk_range(std::size_t first, std::size_t count) {
  return count == 0 ? fmt::format("{},0", first) : fmt::format("{},{}", first + 1, count);
}

void append_line(std::string& out, char marker, const Lines& text, std::size_t line) {
  out += marker;
  out += text.lines[line];
  out += '\n';
  if (line + 1 == text.lines.size() && !text.ends_with_newline) {
    out += "\\ No newline at end of file\n";
  }
}

} // namespace

std::string unified_diff(std::string_view before_text, std::string_view after_text,
                         std::string_view before_label, std::string_view after_label) {
  if (before_text == after_text) {
    return {};
  }
  Lines before = split_lines(before_text);
  Lines after = split_lines(after_text);
  std::vector<Edit> edits = diff_lines(before, after);
  // A last line that only lost or gained its line break differs too.
  if (before.ends_with_newline != after.ends_with_newline && !edits.empty() &&
      edits.back().kind == EditKind::keep) {
    edits.back().kind = EditKind::remove;
    edits.push_back({EditKind::add, before.lines.size(), after.lines.size() - 1});
  }

  std::string out = fmt::format("--- {}\n+++ {}\n", before_label, after_label);
  std::size_t index = 0;
  while (index < edits.size()) {
    auto is_change = [&](std::size_t at) { return edits[at].kind != EditKind::keep; };
    std::size_t first_change = index;
    while (first_change < edits.size() && !is_change(first_change)) {
      ++first_change;
    }
    if (first_change == edits.size()) {
      break;
    }
    std::size_t hunk_begin = first_change > context_lines ? first_change - context_lines : 0;
    hunk_begin = std::max(hunk_begin, index);
    // A hunk takes the changes less than twice the context apart.
    std::size_t last_change = first_change;
    for (std::size_t at = first_change + 1; at < edits.size(); ++at) {
      if (is_change(at)) {
        if (at - last_change - 1 > 2 * context_lines) {
          break;
        }
        last_change = at;
      }
    }
    std::size_t hunk_end = std::min(last_change + 1 + context_lines, edits.size());

    std::size_t before_count = 0;
    std::size_t after_count = 0;
    for (std::size_t at = hunk_begin; at < hunk_end; ++at) {
      before_count += edits[at].kind != EditKind::add ? 1 : 0;
      after_count += edits[at].kind != EditKind::remove ? 1 : 0;
    }
    out += fmt::format("@@ -{} +{} @@\n", hunk_range(edits[hunk_begin].before_line, before_count),
                       hunk_range(edits[hunk_begin].after_line, after_count));
    for (std::size_t at = hunk_begin; at < hunk_end; ++at) {
      const Edit& edit = edits[at];
      switch (edit.kind) {
      case EditKind::keep:
        append_line(out, ' ', before, edit.before_line);
        break;
      case EditKind::remove:
        append_line(out, '-', before, edit.before_line);
        break;
      case EditKind::add:
        append_line(out, '+', after, edit.after_line);
        break;
      }
    }
    index = hunk_end;
  }
  return out;
}

} // namespace polar::chart
