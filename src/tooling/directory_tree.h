#pragma once
// `polar-helm to-directory-tree` (dhall to-directory-tree): the files and
// folders a Dhall expression describes, in either of its two forms.
// Writing them is the CLI's (tools/polar-helm/directory_tree_command.cpp).
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "syntax/expr.h"

namespace polar::dhall {

// A user or group, by number or by name (Prelude's DirectoryTree.User and
// DirectoryTree.Group).
using Owner = std::variant<Natural, std::string>;

// Access rights a tree sets; unset ones are left as the file has them.
struct Access {
  std::optional<bool> read, write, execute;
};
struct Mode {
  std::optional<Access> user, group, other;
};

struct TreeEntry {
  enum class Kind : std::uint8_t { directory, file };
  std::string path; // relative, `/` separators, every component checked
  Kind kind = Kind::file;
  std::string content = {}; // a file's bytes
  std::optional<Owner> user = {};
  std::optional<Owner> group = {};
  std::optional<Mode> mode = {};
};

// The entries of `normal_form` (closed and β-normal, the type already
// checked), folders before what they hold:
// - the record form: a record is a folder whose fields are its entries, a
//   Text or Bytes a file, `Some x` is x, `None T` nothing;
// - the fixpoint form (Prelude's DirectoryTree): `λ(tree : Type) →
//   λ(make : …) → [ make.directory { name, user, group, mode, content }, … ]`
//   with `make.file` (Text) and `make.binary-file` (Bytes) entries, owners
//   and modes.
// A name that is empty, `.` or `..`, or holds `/` (allowed with
// `allow_path_separators`, each part checked) or NUL is an Error(render)
// naming the path; so is a value of any other type.
std::vector<TreeEntry> directory_tree_entries(const ExprPtr& normal_form,
                                              bool allow_path_separators = false);

} // namespace polar::dhall
