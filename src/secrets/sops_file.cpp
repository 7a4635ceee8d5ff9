#include "secrets/sops_file.h"

#include <ctime>
#include <functional>
#include <regex>

#include "secrets/detail/age.h"
#include "secrets/detail/crypto.h"
#include "secrets/detail/sops_value.h"
#include "secrets/error.h"
#include "secrets/yaml_reader.h"
#include "secrets/yaml_writer.h"

namespace polar::secrets {
namespace {

constexpr std::size_t data_key_size = 32;

using Path = std::vector<std::string>;
using LeafVisitor = std::function<void(Node& leaf, const Path& path)>;

// Visits every scalar that is not null, in document order, with the keys
// leading to it (sequence indices are not part of sops paths).
void for_each_leaf(Node& node, Path& path, const LeafVisitor& visit) {
  if (auto* mapping = node.as<Mapping>()) {
    for (Entry& entry : *mapping) {
      path.push_back(entry.key);
      for_each_leaf(entry.value, path, visit);
      path.pop_back();
    }
  } else if (auto* sequence = node.as<Sequence>()) {
    for (Node& item : *sequence) {
      for_each_leaf(item, path, visit);
    }
  } else if (std::get<Scalar>(node.value).type != ScalarType::null) {
    visit(node, path);
  }
}

std::string join_path(const Path& path) {
  std::string joined;
  for (const std::string& key : path) {
    joined += key;
    joined += ':';
  }
  return joined;
}

class ScopeRule {
public:
  explicit ScopeRule(const EncryptionScope& scope) : scope_(scope) {
    if (scope.encrypted_regex) {
      try {
        regex_.emplace(*scope.encrypted_regex, std::regex::ECMAScript);
      } catch (const std::regex_error&) {
        throw Error(ErrorKind::input, "invalid encrypted_regex '" + *scope.encrypted_regex + "'");
      }
    }
  }

  bool encrypts(const Path& path) const {
    if (regex_) {
      return std::any_of(path.begin(), path.end(),
                         [&](const std::string& key) { return std::regex_search(key, *regex_); });
    }
    const std::string& suffix = scope_.unencrypted_suffix;
    return suffix.empty() || std::none_of(path.begin(), path.end(), [&](const std::string& key) {
             return key.ends_with(suffix);
           });
  }

private:
  const EncryptionScope& scope_;
  std::optional<std::regex> regex_;
};

// sops's MAC: SHA-512 over the canonical text of every value, in upper-case hex.
class MacBuilder {
public:
  void add(const Scalar& scalar) { text_ += scalar.text; }
  std::string finish() const {
    Bytes digest = sha512(as_bytes(text_));
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (std::uint8_t byte : digest) {
      out += hex[byte >> 4];
      out += hex[byte & 15];
    }
    return out;
  }

private:
  std::string text_;
};

std::string path_for_errors(const Path& path) {
  std::string joined;
  for (const std::string& key : path) {
    joined += (joined.empty() ? "" : ".") + key;
  }
  return joined.empty() ? "(top level)" : joined;
}

[[noreturn]] void bad_metadata(std::string_view source, const std::string& what) {
  throw Error(ErrorKind::input, std::string(source) + ": sops metadata: " + what);
}

const std::string& scalar_text(const Node* node, std::string_view source, const char* field) {
  const Scalar* scalar = node ? node->as<Scalar>() : nullptr;
  if (!scalar || scalar->type == ScalarType::null) {
    bad_metadata(source, std::string("expected the field '") + field + "'");
  }
  return scalar->text;
}

Node metadata_node(const std::vector<std::pair<AgeRecipient, std::string>>& age,
                   const std::string& lastmodified, const std::string& mac,
                   const EncryptionScope& scope) {
  Sequence recipients;
  for (const auto& [recipient, enc] : age) {
    recipients.push_back(Node{
        Mapping{{"recipient", Node::string(recipient.to_string())}, {"enc", Node::string(enc)}}});
  }
  Mapping sops{{"age", Node{std::move(recipients)}},
               {"lastmodified", Node::string(lastmodified)},
               {"mac", Node::string(mac)}};
  if (scope.encrypted_regex) {
    sops.push_back({"encrypted_regex", Node::string(*scope.encrypted_regex)});
  } else {
    sops.push_back({"unencrypted_suffix", Node::string(scope.unencrypted_suffix)});
  }
  sops.push_back({"version", Node::string(std::string(sops_format_version))});
  return Node{std::move(sops)};
}

} // namespace

std::string rfc3339_now() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

EncryptionScope age_encryption_scope(const std::optional<std::string>& encrypted_regex) {
  EncryptionScope scope;
  std::string regex = encrypted_regex.value_or(std::string(kubernetes_encrypted_regex));
  if (!regex.empty()) {
    scope.encrypted_regex = std::move(regex);
  }
  return scope;
}

std::string encrypt_sops_file(const std::vector<Node>& documents, const EncryptOptions& options) {
  if (documents.empty()) {
    throw Error(ErrorKind::input, "no document to encrypt");
  }
  for (const Node& document : documents) {
    const auto* mapping = document.as<Mapping>();
    if (!mapping) {
      throw Error(ErrorKind::input, "the document to encrypt must be a mapping");
    }
    if (find(*mapping, "sops")) {
      throw Error(ErrorKind::input,
                  "the document already has a top-level 'sops' key (is it encrypted already?)");
    }
  }
  if (options.recipients.empty()) {
    throw Error(ErrorKind::input, "no age recipient to encrypt to");
  }
  SecretBytes data_key = random_secret(data_key_size);
  ScopeRule rule(options.scope);
  // One MAC over the values of every document, in order; paths start afresh
  // in each document (sops's tree walk per branch).
  MacBuilder mac;
  std::vector<Node> encrypted = documents;
  for (Node& document : encrypted) {
    Path path;
    for_each_leaf(document, path, [&](Node& leaf, const Path& at) {
      const Scalar& scalar = std::get<Scalar>(leaf.value);
      mac.add(scalar);
      if (rule.encrypts(at)) {
        leaf = Node::string(encrypt_sops_value(scalar, data_key.view(), join_path(at)));
      }
    });
  }
  std::string lastmodified = options.lastmodified.empty() ? rfc3339_now() : options.lastmodified;
  std::string encrypted_mac =
      encrypt_sops_value(Scalar{ScalarType::string, mac.finish()}, data_key.view(), lastmodified);
  // Each recipient gets an age file of its own, as sops writes them.
  std::vector<std::pair<AgeRecipient, std::string>> age;
  for (const AgeRecipient& recipient : options.recipients) {
    age.emplace_back(recipient, age_armor(age_encrypt(data_key.view(), {recipient})));
  }
  Node metadata = metadata_node(age, lastmodified, encrypted_mac, options.scope);
  for (Node& document : encrypted) {
    std::get<Mapping>(document.value).push_back({"sops", metadata});
  }
  return write_yaml_documents(encrypted, YamlLayout{.indent = 4, .plain_sops_values = true});
}

SopsFile read_sops_file(std::string_view text, std::string_view source) {
  std::vector<Node> documents = read_yaml_documents(text, source);
  // Takes the `sops` entry out of `document`, if it has one.
  auto take_metadata = [](Node& document) -> std::optional<Node> {
    auto& mapping = std::get<Mapping>(document.value);
    auto entry = std::find_if(mapping.begin(), mapping.end(),
                              [](const Entry& item) { return item.key == "sops"; });
    if (entry == mapping.end()) {
      return std::nullopt;
    }
    Node metadata = std::move(entry->value);
    mapping.erase(entry);
    return metadata;
  };
  std::optional<Node> first = take_metadata(documents.front());
  if (!first || !first->as<Mapping>()) {
    throw Error(ErrorKind::input,
                std::string(source) + ": not a sops file (no top-level 'sops' mapping)");
  }
  for (std::size_t index = 1; index < documents.size(); ++index) {
    std::optional<Node> repeated = take_metadata(documents[index]);
    if (repeated && *repeated != *first) {
      throw Error(ErrorKind::input,
                  std::string(source) + ": document " + std::to_string(index + 1) +
                      " has other sops metadata than the first (documents encrypted one by one "
                      "cannot be put together: sops encrypts a YAML stream as one file)");
    }
  }
  const Mapping& sops = std::get<Mapping>(first->value);

  SopsFile file{std::move(documents), {}};
  for (const char* unsupported :
       {"key_groups", "shamir_threshold", "encrypted_suffix", "unencrypted_regex",
        "mac_only_encrypted", "encrypted_comment_regex", "unencrypted_comment_regex"}) {
    if (find(sops, unsupported)) {
      bad_metadata(source, std::string("'") + unsupported +
                               "' is not supported by the built-in implementation");
    }
  }
  const Node* age = find(sops, "age");
  const Sequence* stanzas = age ? age->as<Sequence>() : nullptr;
  if (!stanzas || stanzas->empty()) {
    bad_metadata(source, "expected a non-empty 'age' list (only age recipients are supported)");
  }
  for (const Node& stanza : *stanzas) {
    const Mapping* fields = stanza.as<Mapping>();
    if (!fields) {
      bad_metadata(source, "expected 'age' items with 'recipient' and 'enc'");
    }
    file.metadata.age.emplace_back(
        AgeRecipient::parse(scalar_text(find(*fields, "recipient"), source, "recipient")),
        scalar_text(find(*fields, "enc"), source, "enc"));
  }
  file.metadata.lastmodified = scalar_text(find(sops, "lastmodified"), source, "lastmodified");
  file.metadata.mac = scalar_text(find(sops, "mac"), source, "mac");
  if (const Node* regex = find(sops, "encrypted_regex")) {
    file.metadata.scope.encrypted_regex = scalar_text(regex, source, "encrypted_regex");
  } else if (const Node* suffix = find(sops, "unencrypted_suffix")) {
    file.metadata.scope.unencrypted_suffix = scalar_text(suffix, source, "unencrypted_suffix");
  }
  scalar_text(find(sops, "version"), source, "version");
  return file;
}

std::vector<Node> decrypt_sops_file(const SopsFile& file,
                                    const std::vector<AgeIdentity>& identities) {
  std::optional<SecretBytes> data_key;
  for (const auto& stanza : file.metadata.age) {
    bool ours = std::any_of(identities.begin(), identities.end(), [&](const AgeIdentity& identity) {
      return identity.recipient() == stanza.first;
    });
    if (ours) {
      data_key = age_decrypt(age_dearmor(stanza.second), identities);
      break;
    }
  }
  if (!data_key) {
    throw Error(ErrorKind::no_identity,
                "none of the available age identities is a recipient of this file");
  }
  if (data_key->size() != data_key_size) {
    throw Error(ErrorKind::input, "the sops data key must be 32 bytes");
  }
  ScopeRule rule(file.metadata.scope);
  MacBuilder mac;
  std::vector<Node> plaintext = file.documents;
  for (std::size_t index = 0; index < plaintext.size(); ++index) {
    // Only a stream's messages name the document.
    std::string document =
        plaintext.size() == 1 ? std::string() : "document " + std::to_string(index + 1) + ": ";
    Path path;
    for_each_leaf(plaintext[index], path, [&](Node& leaf, const Path& at) {
      if (rule.encrypts(at)) {
        const Scalar& stored = std::get<Scalar>(leaf.value);
        if (stored.type != ScalarType::string) {
          throw Error(ErrorKind::input, document + "the value at " + path_for_errors(at) +
                                            " is not encrypted (expected ENC[...])");
        }
        try {
          leaf = Node{decrypt_sops_value(stored.text, data_key->view(), join_path(at))};
        } catch (const Error& error) {
          throw Error(error.kind(),
                      document + "the value at " + path_for_errors(at) + ": " + error.what());
        }
      }
      mac.add(std::get<Scalar>(leaf.value));
    });
  }
  Scalar stored_mac = [&] {
    try {
      return decrypt_sops_value(file.metadata.mac, data_key->view(), file.metadata.lastmodified);
    } catch (const Error& error) {
      throw Error(error.kind(), std::string("the sops MAC: ") + error.what());
    }
  }();
  if (!constant_time_equal(as_bytes(stored_mac.text), as_bytes(mac.finish()))) {
    throw Error(ErrorKind::integrity,
                "the sops MAC does not match the values (the file was modified)");
  }
  return plaintext;
}

} // namespace polar::secrets
