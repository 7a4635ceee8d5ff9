#pragma once
// Where a chart goes: `oci://HOST[:PORT]/REPO`, as `helm push` takes it; the
// chart is pushed to REPO/<chart name>:<version with `+` as `_`>.
#include <string>
#include <string_view>

namespace polar::release {

struct OciReference {
  std::string host;       // with its port, as Docker's config.json keys it
  std::string repository; // without the chart name
};

// Throws RegistryError (a usage mistake) when `text` is not oci://HOST/REPO.
OciReference parse_oci_reference(std::string_view text);

// `oci://HOST[:PORT]/REPO[:TAG]` (flux push's form): the reference and the
// tag, `default_tag` when none is written.
struct TaggedReference {
  OciReference where;
  std::string tag;
};
TaggedReference parse_tagged_oci_reference(std::string_view text, std::string default_tag);

// OCI tags allow no `+`: helm writes it as `_`.
std::string tag_for_version(std::string version);

} // namespace polar::release
