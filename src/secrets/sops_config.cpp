#include "secrets/sops_config.h"

#include <regex>
#include <string>

#include "secrets/error.h"
#include "secrets/yaml_reader.h"

namespace polar::secrets {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const fs::path& config, const std::string& what) {
  throw Error(ErrorKind::input, config.string() + ": " + what);
}

const std::string* text_of(const Node* node) {
  const Scalar* scalar = node ? node->as<Scalar>() : nullptr;
  return scalar && scalar->type != ScalarType::null ? &scalar->text : nullptr;
}

// `age:` is a comma-separated string or a list of strings.
std::vector<AgeRecipient> recipients_of(const Node& age, const fs::path& config) {
  std::vector<std::string> texts;
  if (const std::string* text = text_of(&age)) {
    std::string_view rest = *text;
    while (!rest.empty()) {
      std::size_t comma = rest.find(',');
      texts.emplace_back(rest.substr(0, comma));
      rest.remove_prefix(comma == std::string_view::npos ? rest.size() : comma + 1);
    }
  } else if (const Sequence* items = age.as<Sequence>()) {
    for (const Node& item : *items) {
      const std::string* item_text = text_of(&item);
      if (!item_text) {
        fail(config, "expected the items of 'age' to be recipients");
      }
      texts.push_back(*item_text);
    }
  }
  std::vector<AgeRecipient> recipients;
  for (std::string& text : texts) {
    text.erase(0, text.find_first_not_of(" \t\r\n"));
    text.erase(text.find_last_not_of(" \t\r\n") + 1);
    if (!text.empty()) {
      try {
        recipients.push_back(AgeRecipient::parse(text));
      } catch (const Error& error) {
        fail(config, error.what());
      }
    }
  }
  return recipients;
}

// The way out when a rule needs more than age: sops itself, as the encrypt
// command of the chart (it reads the plaintext on stdin and matches its own
// rules for the committed path).
std::string use_sops_instead(const std::string& what) {
  return what +
         ", which the built-in encryption does not support (only age is built in): encrypt with "
         "sops through ENCRYPT_COMMAND, e.g. polar_helm_chart(... ENCRYPT_COMMAND sops encrypt "
         "--filename-override <OUTPUT>) or polar-helm chart --encrypt-command \"sops encrypt "
         "--filename-override FILE\"";
}

bool matches(const Mapping& rule, const std::string& relative, const fs::path& config) {
  const std::string* regex = text_of(find(rule, "path_regex"));
  if (!regex) {
    return true;
  }
  try {
    return std::regex_search(relative, std::regex(*regex, std::regex::ECMAScript));
  } catch (const std::regex_error&) {
    fail(config, "invalid path_regex '" + *regex + "'");
  }
}

} // namespace

std::optional<fs::path> find_sops_config(const fs::path& start) {
  std::error_code error;
  fs::path directory = fs::absolute(start, error);
  if (!fs::is_directory(directory, error)) {
    directory = directory.parent_path();
  }
  while (true) {
    fs::path candidate = directory / ".sops.yaml";
    if (fs::is_regular_file(candidate, error)) {
      return candidate;
    }
    if (directory == directory.root_path() || directory.parent_path() == directory) {
      return std::nullopt;
    }
    directory = directory.parent_path();
  }
}

CreationRule creation_rule_for(std::string_view config_text, const fs::path& config_path,
                               const fs::path& file) {
  Node config = read_yaml_document(config_text, config_path.string());
  const Node* rules_node = find(std::get<Mapping>(config.value), "creation_rules");
  const Sequence* rules = rules_node ? rules_node->as<Sequence>() : nullptr;
  if (!rules) {
    fail(config_path, "expected a 'creation_rules' list");
  }
  // sops matches the path relative to the config's folder when it is inside it.
  std::error_code error;
  fs::path absolute = fs::absolute(file, error).lexically_normal();
  fs::path relative = absolute.lexically_relative(fs::absolute(config_path).parent_path());
  std::string matched_path = (relative.empty() || relative.string().starts_with(".."))
                                 ? absolute.generic_string()
                                 : relative.generic_string();
  for (const Node& rule_node : *rules) {
    const Mapping* rule = rule_node.as<Mapping>();
    if (!rule) {
      fail(config_path, "expected each creation rule to be a mapping");
    }
    if (!matches(*rule, matched_path, config_path)) {
      continue;
    }
    for (const char* unsupported : {"key_groups", "shamir_threshold", "encrypted_suffix",
                                    "unencrypted_regex", "mac_only_encrypted"}) {
      if (find(*rule, unsupported)) {
        fail(config_path, use_sops_instead("the creation rule for " + matched_path + " uses '" +
                                           unsupported + "'"));
      }
    }
    CreationRule result;
    if (const Node* age = find(*rule, "age")) {
      result.recipients = recipients_of(*age, config_path);
    }
    if (result.recipients.empty()) {
      std::string keys;
      for (const char* other :
           {"pgp", "kms", "gcp_kms", "azure_keyvault", "hc_vault_transit_uri", "hckms"}) {
        if (find(*rule, other)) {
          keys += (keys.empty() ? "'" : ", '") + std::string(other) + "'";
        }
      }
      fail(config_path, keys.empty() ? "the creation rule for " + matched_path +
                                           " has no age recipients (only age is built in)"
                                     : use_sops_instead("the creation rule for " + matched_path +
                                                        " has no age recipients, only " + keys));
    }
    if (const std::string* regex = text_of(find(*rule, "encrypted_regex"))) {
      result.scope.encrypted_regex = *regex;
    }
    if (const std::string* suffix = text_of(find(*rule, "unencrypted_suffix"))) {
      result.scope.unencrypted_suffix = *suffix;
    }
    return result;
  }
  fail(config_path, "no creation rule matches " + matched_path);
}

} // namespace polar::secrets
