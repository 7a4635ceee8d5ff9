#include "release/detail/oci_reference.h"

#include <algorithm>
#include <cctype>

#include "release/registry_error.h"

namespace polar::release {

OciReference parse_oci_reference(std::string_view text) {
  constexpr std::string_view scheme = "oci://";
  auto bad = [&](const char* why) {
    return RegistryError("`" + std::string(text) + "`: " + why +
                         "; expected oci://HOST[:PORT]/REPOSITORY");
  };
  if (!text.starts_with(scheme)) {
    throw bad("not an oci:// reference");
  }
  std::string_view rest = text.substr(scheme.size());
  while (rest.ends_with('/')) {
    rest.remove_suffix(1);
  }
  std::size_t slash = rest.find('/');
  if (slash == 0 || slash == std::string_view::npos || slash + 1 >= rest.size()) {
    throw bad("no host or no repository");
  }
  OciReference reference{std::string(rest.substr(0, slash)), std::string(rest.substr(slash + 1))};
  // The distribution spec's repository names: lowercase, digits, separators.
  bool valid = std::all_of(reference.repository.begin(), reference.repository.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' ||
           c == '/';
  });
  if (!valid || reference.host.find_first_of("@?#") != std::string::npos) {
    throw bad("the repository allows lowercase letters, digits, `.`, `_`, `-` and `/` only");
  }
  return reference;
}

TaggedReference parse_tagged_oci_reference(std::string_view text, std::string default_tag) {
  std::size_t last_slash = text.rfind('/');
  std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || last_slash == std::string_view::npos ||
      colon < last_slash || text.substr(0, last_slash + 1) == "oci://") {
    return {parse_oci_reference(text), std::move(default_tag)};
  }
  std::string tag(text.substr(colon + 1));
  // The distribution spec's tags: [A-Za-z0-9_][A-Za-z0-9._-]{0,127}.
  bool valid =
      !tag.empty() && tag.size() <= 128 && tag[0] != '.' && tag[0] != '-' &&
      std::all_of(tag.begin(), tag.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
      });
  if (!valid) {
    throw RegistryError("`" + std::string(text) + "`: `" + tag + "` is not a valid tag");
  }
  return {parse_oci_reference(text.substr(0, colon)), std::move(tag)};
}

std::string tag_for_version(std::string version) {
  std::replace(version.begin(), version.end(), '+', '_');
  return version;
}

} // namespace polar::release
