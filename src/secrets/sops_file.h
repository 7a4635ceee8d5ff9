#pragma once
// The sops file format for YAML with age recipients, as `sops --encrypt`
// (3.x) writes it: every leaf value encrypted (sops_value.h), keys and
// structure in plaintext, and a `sops:` block with each recipient's armored
// age file of the data key, `lastmodified`, the encrypted MAC over all
// plaintext values, the rule of which values are encrypted, and `version`.
// A YAML stream is one sops file as sops makes it: one data key and one MAC
// for all its documents, the same `sops:` block at the end of each.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "secrets/age_keys.h"
#include "secrets/detail/tree.h"

namespace polar::secrets {

// The sops version written into files: the format of sops 3.9.
inline constexpr std::string_view sops_format_version = "3.9.4";

// Which leaves are encrypted, as in sops's metadata: all but those under a
// key ending in `unencrypted_suffix` (the default), or, when
// `encrypted_regex` is set, only those under a key it matches.
struct EncryptionScope {
  std::string unencrypted_suffix = "_unencrypted";
  std::optional<std::string> encrypted_regex;

  friend bool operator==(const EncryptionScope&, const EncryptionScope&) = default;
};

// The `encrypted_regex` sops users give Kubernetes secrets, the default of
// polar-helm's own age encryption (`--age`, AGE_RECIPIENTS): apiVersion,
// kind and metadata stay readable in git.
inline constexpr std::string_view kubernetes_encrypted_regex = "^(data|stringData)$";

// The scope of `--age` encryption: `encrypted_regex` when given, the
// Kubernetes default when not; an empty one means sops's own default (every
// value but those under a `_unencrypted` key).
EncryptionScope age_encryption_scope(const std::optional<std::string>& encrypted_regex);

struct EncryptOptions {
  std::vector<AgeRecipient> recipients; // at least one
  EncryptionScope scope;
  std::string lastmodified; // RFC 3339 UTC; empty: now
};

// The encrypted file for `documents` (mappings, written as a YAML stream
// when there are several). Error(input) when there is none, a document
// already has a top-level `sops` key or no recipient is given.
std::string encrypt_sops_file(const std::vector<Node>& documents, const EncryptOptions& options);

struct SopsMetadata {
  std::vector<std::pair<AgeRecipient, std::string>> age; // recipient, armored enc
  std::string lastmodified;
  std::string mac;
  EncryptionScope scope;
};

struct SopsFile {
  std::vector<Node> documents; // without their `sops` keys
  SopsMetadata metadata;
};

// Parses an encrypted file (no key needed). Error(input) when it is not a
// sops YAML file with age recipients this implementation supports. The
// metadata is the first document's, as sops reads it; a later document with
// other metadata (separately encrypted files put together) is an error.
SopsFile read_sops_file(std::string_view text, std::string_view source);

// The plaintext of an encrypted file, its MAC checked. Error(no_identity)
// when no identity opens a data key stanza, Error(integrity) when a value or
// the MAC does not authenticate.
std::vector<Node> decrypt_sops_file(const SopsFile& file,
                                    const std::vector<AgeIdentity>& identities);

// The current time as sops writes `lastmodified` (RFC 3339, UTC, seconds).
std::string rfc3339_now();

} // namespace polar::secrets
