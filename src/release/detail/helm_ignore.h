#pragma once
// The rules of a .helmignore file, applied exactly as `helm package` applies
// them (helm's pkg/ignore): one pattern a line, `#` comments, `!` negation,
// a trailing `/` for folders only, a leading `/` or any inner `/` to match the
// whole relative path and otherwise the last segment alone, Go's
// filepath.Match syntax (`*`, `?`, `[...]`, `\`), no `**`. Rules are tried in
// order and the first that decides wins; the default `templates/.?*` comes
// last.
//
// helm's negation is not gitignore's: a `!pattern` rule ignores every path it
// does NOT match (for files, and for folders when it ends in `/`) and lets the
// rest go on to the next rule. Kept as helm does it, since the point is the
// same package.
#include <string>
#include <string_view>
#include <vector>

namespace polar::release {

class HelmIgnore {
public:
  // Rules from the text of a .helmignore (a leading UTF-8 BOM is dropped),
  // plus helm's default. Throws chart::ChartError naming `file` and the line
  // of a pattern helm rejects (`**`, a malformed `[`).
  static HelmIgnore parse(std::string_view text, const std::string& file);
  // helm's default alone (a chart without .helmignore).
  static HelmIgnore defaults();

  // Whether helm leaves out `relative_path` (`/` separators, relative to the
  // chart); a folder that is left out is left out with all it holds.
  bool ignores(std::string_view relative_path, bool is_folder) const;

private:
  struct Rule {
    std::string pattern; // without `!`, a leading `/` or a trailing `/`
    bool negate = false;
    bool folders_only = false;
    bool whole_path = false; // otherwise the last segment alone
  };
  // Throws std::invalid_argument with helm's reason.
  void add(std::string_view line);

  std::vector<Rule> rules_;
};

// Go's path/filepath.Match on `/`-separated names: whether `name` matches
// `pattern` entirely. Throws std::invalid_argument for a malformed pattern.
bool go_path_match(std::string_view pattern, std::string_view name);

} // namespace polar::release
