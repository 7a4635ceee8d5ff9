#include "tooling/directory_tree.h"

#include <fmt/core.h>

#include "syntax/printer.h"
#include "syntax/source.h"

namespace polar::dhall {
namespace {

[[noreturn]] void unsupported(std::string_view path, std::string_view what) {
  throw Error(ErrorKind::render,
              fmt::format("to-directory-tree: {}{}{}", path, path.empty() ? "" : ": ", what));
}

// `parent/name` after checking `name`.
std::string child_path(const std::string& parent, const std::string& name,
                       bool allow_path_separators) {
  std::string shown = parent.empty() ? name : parent + "/" + name;
  auto check = [&](std::string_view part) {
    if (part.empty() || part == "." || part == "..") {
      unsupported(shown, "a file name must not be empty, `.` or `..` (it would leave or "
                         "reuse its folder)");
    }
    if (part.find('\0') != std::string_view::npos) {
      unsupported(shown, "a file name must not contain NUL");
    }
  };
  std::string_view rest(name);
  for (std::size_t slash = rest.find('/'); slash != std::string_view::npos;
       slash = rest.find('/')) {
    check(rest.substr(0, slash));
    rest.remove_prefix(slash + 1);
  }
  check(rest);
  if (name.find('/') != std::string::npos && !allow_path_separators) {
    unsupported(shown, "a file name must not contain `/` (--allow-path-separators allows "
                       "it, creating the folders)");
  }
  return shown;
}

const std::string* plain_text(const ExprPtr& expr) {
  const auto* text = expr->as<TextLit>();
  return text != nullptr && text->chunks.empty() ? &text->tail : nullptr;
}

// `Some x` is x, `None T` null; anything else is itself.
ExprPtr optional_value(const ExprPtr& expr, bool& is_none) {
  is_none = false;
  if (const auto* some = expr->as<Some>()) {
    return some->value;
  }
  if (const auto* app = expr->as<App>()) {
    if (const auto* builtin = app->fn->as<BuiltinRef>();
        builtin != nullptr && builtin->builtin == Builtin::none) {
      is_none = true;
      return nullptr;
    }
  }
  return expr;
}

class Walk {
public:
  explicit Walk(bool allow_path_separators) : allow_path_separators_(allow_path_separators) {}

  std::vector<TreeEntry> entries;

  void record_form(const std::string& path, const ExprPtr& value) {
    bool is_none = false;
    ExprPtr present = optional_value(value, is_none);
    if (is_none) {
      return;
    }
    if (const std::string* text = plain_text(present)) {
      entries.push_back({.path = path, .kind = TreeEntry::Kind::file, .content = *text});
      return;
    }
    if (const auto* bytes = present->as<BytesLit>()) {
      entries.push_back({.path = path,
                         .kind = TreeEntry::Kind::file,
                         .content = std::string(bytes->bytes.begin(), bytes->bytes.end())});
      return;
    }
    if (const auto* record = present->as<RecordLit>()) {
      if (!path.empty()) {
        entries.push_back({.path = path, .kind = TreeEntry::Kind::directory});
      }
      for (const auto& [label, field] : record->fields) {
        record_form(child_path(path, label.str(), allow_path_separators_), field);
      }
      return;
    }
    unsupported(path, "not a file or a folder: a record (folder), Text or Bytes (file) or "
                      "an Optional of those, or Prelude's DirectoryTree; found " +
                          short_form(present));
  }

  void fixpoint_form(const std::string& path, const ExprPtr& list, const Label& make) {
    const auto* items = list->as<ListLit>();
    if (items == nullptr) {
      unsupported(path, "the contents of a DirectoryTree folder must be a list, found " +
                            short_form(list));
    }
    for (const ExprPtr& item : items->items) {
      fixpoint_entry(path, item, make);
    }
  }

private:
  static std::string short_form(const ExprPtr& expr) {
    std::string text = print(*expr);
    constexpr std::size_t limit = 80;
    return text.size() > limit ? text.substr(0, limit) + "…" : text;
  }

  void fixpoint_entry(const std::string& parent, const ExprPtr& item, const Label& make) {
    const auto* app = item->as<App>();
    const auto* field = app != nullptr ? app->fn->as<Field>() : nullptr;
    const auto* maker = field != nullptr ? field->record->as<Var>() : nullptr;
    const auto* metadata = app != nullptr ? app->arg->as<RecordLit>() : nullptr;
    if (maker == nullptr || maker->name != make || !maker->index.is_zero() || metadata == nullptr) {
      unsupported(parent, "a DirectoryTree entry must be `make.directory`, `make.file` or "
                          "`make.binary-file` applied to a record, found " +
                              short_form(item));
    }
    auto part = [&](std::string_view label) -> ExprPtr {
      auto found = metadata->fields.find(Label(label));
      if (found == metadata->fields.end()) {
        unsupported(parent, fmt::format("a DirectoryTree entry lacks `{}`", label));
      }
      return found->second;
    };
    const std::string* name = plain_text(part("name"));
    if (name == nullptr) {
      unsupported(parent, "a DirectoryTree entry's name must be a Text literal");
    }
    TreeEntry entry{.path = child_path(parent, *name, allow_path_separators_)};
    entry.user = owner(entry.path, part("user"), "UserId", "UserName");
    entry.group = owner(entry.path, part("group"), "GroupId", "GroupName");
    entry.mode = mode(entry.path, part("mode"));
    ExprPtr content = part("content");
    std::string_view kind = field->name.view();
    if (kind == "directory") {
      entry.kind = TreeEntry::Kind::directory;
      entries.push_back(entry);
      fixpoint_form(entry.path, content, make);
    } else if (kind == "file") {
      const std::string* text = plain_text(content);
      if (text == nullptr) {
        unsupported(entry.path, "a file's content must be a Text literal");
      }
      entry.content = *text;
      entries.push_back(entry);
    } else if (kind == "binary-file") {
      const auto* bytes = content->as<BytesLit>();
      if (bytes == nullptr) {
        unsupported(entry.path, "a binary file's content must be a Bytes literal");
      }
      entry.content.assign(bytes->bytes.begin(), bytes->bytes.end());
      entries.push_back(entry);
    } else {
      unsupported(entry.path, fmt::format("unknown DirectoryTree entry `make.{}`", kind));
    }
  }

  static std::optional<Owner> owner(const std::string& path, const ExprPtr& value,
                                    std::string_view by_id, std::string_view by_name) {
    bool is_none = false;
    ExprPtr present = optional_value(value, is_none);
    if (is_none) {
      return std::nullopt;
    }
    const auto* app = present->as<App>();
    const auto* alternative = app != nullptr ? app->fn->as<Field>() : nullptr;
    if (alternative != nullptr && alternative->name.view() == by_id) {
      if (const auto* id = app->arg->as<NaturalLit>()) {
        return Owner(id->value);
      }
    }
    if (alternative != nullptr && alternative->name.view() == by_name) {
      if (const std::string* name = plain_text(app->arg)) {
        return Owner(*name);
      }
    }
    unsupported(path, fmt::format("an owner must be `{}` or `{}`, found {}", by_id, by_name,
                                  short_form(present)));
  }

  static std::optional<bool> flag(const std::string& path, const RecordLit& access,
                                  std::string_view label) {
    auto found = access.fields.find(Label(label));
    if (found == access.fields.end()) {
      return std::nullopt;
    }
    bool is_none = false;
    ExprPtr present = optional_value(found->second, is_none);
    if (is_none) {
      return std::nullopt;
    }
    if (const auto* value = present->as<BoolLit>()) {
      return value->value;
    }
    unsupported(path, fmt::format("an access right (`{}`) must be an Optional Bool", label));
  }

  static std::optional<Access> access(const std::string& path, const RecordLit& mode,
                                      std::string_view label) {
    auto found = mode.fields.find(Label(label));
    bool is_none = found == mode.fields.end();
    ExprPtr present = is_none ? nullptr : optional_value(found->second, is_none);
    if (is_none) {
      return std::nullopt;
    }
    const auto* rights = present->as<RecordLit>();
    if (rights == nullptr) {
      unsupported(path, fmt::format("the `{}` access of a mode must be a record", label));
    }
    return Access{.read = flag(path, *rights, "read"),
                  .write = flag(path, *rights, "write"),
                  .execute = flag(path, *rights, "execute")};
  }

  static std::optional<Mode> mode(const std::string& path, const ExprPtr& value) {
    bool is_none = false;
    ExprPtr present = optional_value(value, is_none);
    if (is_none) {
      return std::nullopt;
    }
    const auto* rights = present->as<RecordLit>();
    if (rights == nullptr) {
      unsupported(path, "a mode must be a record of `user`, `group` and `other` access");
    }
    return Mode{.user = access(path, *rights, "user"),
                .group = access(path, *rights, "group"),
                .other = access(path, *rights, "other")};
  }

  bool allow_path_separators_;
};

} // namespace

std::vector<TreeEntry> directory_tree_entries(const ExprPtr& normal_form,
                                              bool allow_path_separators) {
  Walk walk(allow_path_separators);
  const auto* tree = normal_form->as<Lambda>();
  const auto* make = tree != nullptr ? tree->body->as<Lambda>() : nullptr;
  if (make != nullptr) {
    walk.fixpoint_form("", make->body, make->param);
    return std::move(walk.entries);
  }
  if (!normal_form->is<RecordLit>()) {
    unsupported("", "the expression must be a record (the record form) or a Prelude "
                    "DirectoryTree (the fixpoint form), found " +
                        print(*normal_form).substr(0, 80));
  }
  walk.record_form("", normal_form);
  return std::move(walk.entries);
}

} // namespace polar::dhall
