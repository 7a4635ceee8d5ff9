#include "secrets/stable_output.h"

#include <algorithm>

#include "secrets/detail/sops_value.h"
#include "secrets/error.h"
#include "secrets/yaml_writer.h"

namespace polar::secrets {
namespace {

std::vector<std::string> sorted_recipients(const std::vector<AgeRecipient>& recipients) {
  std::vector<std::string> texts;
  for (const AgeRecipient& recipient : recipients) {
    texts.push_back(recipient.to_string());
  }
  std::sort(texts.begin(), texts.end());
  texts.erase(std::unique(texts.begin(), texts.end()), texts.end());
  return texts;
}

std::vector<AgeRecipient> recipients_of(const SopsMetadata& metadata) {
  std::vector<AgeRecipient> recipients;
  for (const auto& [recipient, enc] : metadata.age) {
    recipients.push_back(recipient);
  }
  return recipients;
}

// Why `previous` cannot stand for `plaintext`, or nullopt when it can.
std::optional<std::string> reason_to_replace(const std::vector<Node>& plaintext,
                                             const EncryptOptions& options,
                                             const std::string& previous,
                                             const std::vector<AgeIdentity>& identities) {
  try {
    SopsFile file = read_sops_file(previous, "previous file");
    if (sorted_recipients(recipients_of(file.metadata)) != sorted_recipients(options.recipients)) {
      return "the recipients changed";
    }
    if (file.metadata.scope != options.scope) {
      return "the rule of which values are encrypted changed";
    }
    if (identities.empty()) {
      return "no age identity to open the previous file (set SOPS_AGE_KEY_FILE)";
    }
    if (decrypt_sops_file(file, identities) != plaintext) {
      return "the content changed";
    }
    return std::nullopt;
  } catch (const Error& error) {
    // The messages of this module never carry values.
    return std::string("the previous file cannot be used: ") + error.what();
  }
}

void mask_values(Node& node) {
  if (auto* mapping = node.as<Mapping>()) {
    for (Entry& entry : *mapping) {
      mask_values(entry.value);
    }
  } else if (auto* sequence = node.as<Sequence>()) {
    std::for_each(sequence->begin(), sequence->end(), mask_values);
  } else if (auto& scalar = std::get<Scalar>(node.value);
             scalar.type == ScalarType::string && is_sops_value(scalar.text)) {
    std::size_t type = scalar.text.rfind(",type:");
    std::string type_name = type == std::string::npos
                                ? "?"
                                : scalar.text.substr(type + 6, scalar.text.size() - type - 7);
    scalar.text = "ENC[type:" + type_name + "]";
  }
}

} // namespace

StableResult encrypt_stable(const std::vector<Node>& plaintext, const EncryptOptions& options,
                            const std::optional<std::string>& previous,
                            const std::vector<AgeIdentity>& identities) {
  if (previous) {
    std::optional<std::string> reason =
        reason_to_replace(plaintext, options, *previous, identities);
    if (!reason) {
      return {*previous, true, {}};
    }
    return {encrypt_sops_file(plaintext, options), false, *reason};
  }
  return {encrypt_sops_file(plaintext, options), false, "no previous file"};
}

std::string masked_structure(std::string_view encrypted, std::string_view source) {
  SopsFile file = read_sops_file(encrypted, source);
  Sequence recipients;
  for (const std::string& recipient : sorted_recipients(recipients_of(file.metadata))) {
    recipients.push_back(Node::string(recipient));
  }
  Mapping sops{{"age", Node{std::move(recipients)}}};
  if (file.metadata.scope.encrypted_regex) {
    sops.push_back({"encrypted_regex", Node::string(*file.metadata.scope.encrypted_regex)});
  } else {
    sops.push_back({"unencrypted_suffix", Node::string(file.metadata.scope.unencrypted_suffix)});
  }
  Node metadata{std::move(sops)};
  for (Node& document : file.documents) {
    mask_values(document);
    std::get<Mapping>(document.value).push_back({"sops", metadata});
  }
  return write_yaml_documents(file.documents, YamlLayout{});
}

} // namespace polar::secrets
