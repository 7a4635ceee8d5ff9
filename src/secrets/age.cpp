#include "secrets/detail/age.h"

#include <algorithm>
#include <array>
#include <optional>

#include "secrets/base64.h"
#include "secrets/detail/crypto.h"
#include "secrets/error.h"

namespace polar::secrets {
namespace {

constexpr std::string_view version_line = "age-encryption.org/v1";
constexpr std::string_view x25519_label = "age-encryption.org/v1/X25519";
constexpr std::string_view armor_begin = "-----BEGIN AGE ENCRYPTED FILE-----";
constexpr std::string_view armor_end = "-----END AGE ENCRYPTED FILE-----";
constexpr std::size_t file_key_size = 16;
constexpr std::size_t payload_nonce_size = 16;
constexpr std::size_t chunk_size = 64 * 1024;
constexpr std::size_t column_limit = 64;

[[noreturn]] void malformed(const std::string& what) {
  throw Error(ErrorKind::input, "malformed age file: " + what);
}

// A stanza body is unpadded base64 in 64-column lines; the last line is
// shorter (possibly empty), which is how a reader finds the end.
std::string wrap_body(ByteView body) {
  std::string encoded = base64_encode(body, Padding::without);
  std::string out;
  std::size_t i = 0;
  for (; i + column_limit <= encoded.size(); i += column_limit) {
    out += encoded.substr(i, column_limit);
    out += '\n';
  }
  out += encoded.substr(i);
  out += '\n';
  return out;
}

SecretBytes x25519_wrap_key(ByteView shared, ByteView share, ByteView recipient) {
  Bytes salt(share.begin(), share.end());
  salt.insert(salt.end(), recipient.begin(), recipient.end());
  return hkdf_sha256(shared, salt, x25519_label, 32);
}

Bytes header_mac(ByteView file_key, std::string_view header_without_mac) {
  SecretBytes key = hkdf_sha256(file_key, {}, "header", 32);
  return hmac_sha256(key.view(), as_bytes(header_without_mac));
}

std::array<std::uint8_t, chacha_nonce_size> chunk_nonce(std::uint64_t counter, bool last) {
  std::array<std::uint8_t, chacha_nonce_size> nonce{};
  for (int i = 0; i < 8; ++i) {
    nonce[static_cast<std::size_t>(10 - i)] = static_cast<std::uint8_t>(counter >> (8 * i));
  }
  nonce[11] = last ? 1 : 0;
  return nonce;
}

struct Stanza {
  std::vector<std::string> arguments; // the first is the type
  Bytes body;
};

// Reads the header line by line, as age does: strictly.
class HeaderReader {
public:
  explicit HeaderReader(std::string_view file) : file_(file) {}

  std::string_view line() {
    std::size_t end = file_.find('\n', position_);
    if (end == std::string_view::npos) {
      malformed("the header ends without a line break");
    }
    std::string_view text = file_.substr(position_, end - position_);
    position_ = end + 1;
    return text;
  }
  std::size_t position() const { return position_; }

private:
  std::string_view file_;
  std::size_t position_ = 0;
};

std::vector<std::string> split_arguments(std::string_view text) {
  std::vector<std::string> parts;
  while (true) {
    std::size_t space = text.find(' ');
    std::string_view part = text.substr(0, space);
    if (part.empty()) {
      malformed("an empty stanza argument");
    }
    parts.emplace_back(part);
    if (space == std::string_view::npos) {
      return parts;
    }
    text.remove_prefix(space + 1);
  }
}

Bytes decode_unpadded(std::string_view text, const char* what) {
  std::optional<Bytes> bytes = base64_decode(text, Padding::without);
  if (!bytes) {
    malformed(std::string("invalid base64 in ") + what);
  }
  return std::move(*bytes);
}

struct Header {
  std::vector<Stanza> stanzas;
  std::size_t mac_offset = 0; // where " <mac>" starts, after "---"
  Bytes mac;
  std::size_t payload_offset = 0;
};

Header read_header(std::string_view file) {
  HeaderReader reader(file);
  if (reader.line() != version_line) {
    malformed("expected the version line 'age-encryption.org/v1'");
  }
  Header header;
  while (true) {
    std::size_t line_start = reader.position();
    std::string_view line = reader.line();
    if (line.starts_with("---")) {
      if (!line.starts_with("--- ")) {
        malformed("expected '--- ' and the header MAC");
      }
      header.mac_offset = line_start + 3;
      header.mac = decode_unpadded(line.substr(4), "the header MAC");
      if (header.mac.size() != 32) {
        malformed("the header MAC must be 32 bytes");
      }
      header.payload_offset = reader.position();
      break;
    }
    if (!line.starts_with("-> ")) {
      malformed("expected a stanza ('-> ') or the header MAC ('--- ')");
    }
    Stanza stanza{split_arguments(line.substr(3)), {}};
    std::string body;
    while (true) {
      std::string_view body_line = reader.line();
      if (body_line.size() > column_limit) {
        malformed("a stanza body line longer than 64 columns");
      }
      body += body_line;
      if (body_line.size() < column_limit) {
        break;
      }
    }
    stanza.body = decode_unpadded(body, "a stanza body");
    header.stanzas.push_back(std::move(stanza));
  }
  if (header.stanzas.empty()) {
    malformed("the header has no recipient stanza");
  }
  return header;
}

// The file key from an X25519 stanza, or nullopt when it is for another key.
std::optional<SecretBytes> unwrap_x25519(const Stanza& stanza, const AgeIdentity& identity) {
  if (stanza.arguments.size() != 2) {
    malformed("an X25519 stanza must have exactly one argument");
  }
  Bytes share = decode_unpadded(stanza.arguments[1], "an X25519 share");
  if (share.size() != x25519_key_size || stanza.body.size() != file_key_size + aead_tag_size) {
    malformed("an X25519 stanza has a share or body of the wrong size");
  }
  SecretBytes shared = x25519_shared_secret(identity.private_key(), share);
  SecretBytes wrap_key = x25519_wrap_key(shared.view(), share, identity.recipient().public_key);
  const std::array<std::uint8_t, chacha_nonce_size> zero_nonce{};
  try {
    return chacha20_poly1305_open(wrap_key.view(), zero_nonce, stanza.body);
  } catch (const Error& error) {
    if (error.kind() == ErrorKind::integrity) {
      return std::nullopt; // encrypted to someone else
    }
    throw;
  }
}

SecretBytes decrypt_payload(ByteView file_key, ByteView rest) {
  if (rest.size() < payload_nonce_size) {
    malformed("the payload has no nonce");
  }
  SecretBytes key = hkdf_sha256(file_key, rest.first(payload_nonce_size), "payload", 32);
  ByteView chunks = rest.subspan(payload_nonce_size);
  SecretBytes payload;
  std::uint64_t counter = 0;
  const std::size_t sealed_chunk = chunk_size + aead_tag_size;
  while (true) {
    bool last = chunks.size() <= sealed_chunk;
    ByteView chunk = chunks.first(std::min(chunks.size(), sealed_chunk));
    SecretBytes plain = chacha20_poly1305_open(key.view(), chunk_nonce(counter, last), chunk);
    if (last && plain.size() == 0 && counter > 0) {
      malformed("an empty final chunk after full ones");
    }
    std::size_t old_size = payload.size();
    payload.resize(old_size + plain.size());
    std::copy_n(plain.data(), plain.size(), payload.data() + old_size);
    if (last) {
      return payload;
    }
    chunks = chunks.subspan(sealed_chunk);
    ++counter;
  }
}

} // namespace

Bytes age_encrypt(ByteView payload, const std::vector<AgeRecipient>& recipients) {
  if (recipients.empty()) {
    throw Error(ErrorKind::input, "age encryption needs at least one recipient");
  }
  SecretBytes file_key = random_secret(file_key_size);
  std::string header(version_line);
  header += '\n';
  const std::array<std::uint8_t, chacha_nonce_size> zero_nonce{};
  for (const AgeRecipient& recipient : recipients) {
    SecretBytes ephemeral = random_secret(x25519_key_size);
    X25519Key share = x25519_public_key(ephemeral.view());
    SecretBytes shared = x25519_shared_secret(ephemeral.view(), recipient.public_key);
    SecretBytes wrap_key = x25519_wrap_key(shared.view(), share, recipient.public_key);
    Bytes body = chacha20_poly1305_seal(wrap_key.view(), zero_nonce, file_key.view());
    header += "-> X25519 " + base64_encode(share, Padding::without) + "\n";
    header += wrap_body(body);
  }
  header += "---";
  Bytes mac = header_mac(file_key.view(), header);
  header += " " + base64_encode(mac, Padding::without) + "\n";

  Bytes file(header.begin(), header.end());
  Bytes nonce = random_bytes(payload_nonce_size);
  file.insert(file.end(), nonce.begin(), nonce.end());
  SecretBytes payload_key = hkdf_sha256(file_key.view(), nonce, "payload", 32);
  std::uint64_t counter = 0;
  std::size_t offset = 0;
  do {
    std::size_t size = std::min(chunk_size, payload.size() - offset);
    bool last = offset + size == payload.size();
    Bytes sealed = chacha20_poly1305_seal(payload_key.view(), chunk_nonce(counter, last),
                                          payload.subspan(offset, size));
    file.insert(file.end(), sealed.begin(), sealed.end());
    offset += size;
    ++counter;
  } while (offset < payload.size());
  return file;
}

SecretBytes age_decrypt(ByteView file, const std::vector<AgeIdentity>& identities) {
  std::string_view text(reinterpret_cast<const char*>(file.data()), file.size());
  Header header = read_header(text);
  std::optional<SecretBytes> file_key;
  for (const Stanza& stanza : header.stanzas) {
    if (stanza.arguments.front() != "X25519") {
      continue; // another recipient type: not for us
    }
    for (const AgeIdentity& identity : identities) {
      if ((file_key = unwrap_x25519(stanza, identity))) {
        break;
      }
    }
    if (file_key) {
      break;
    }
  }
  if (!file_key) {
    throw Error(ErrorKind::no_identity, "no identity matches any recipient of the age file");
  }
  Bytes expected = header_mac(file_key->view(), text.substr(0, header.mac_offset));
  if (!constant_time_equal(expected, header.mac)) {
    throw Error(ErrorKind::integrity, "the age header MAC does not match (tampered header)");
  }
  return decrypt_payload(file_key->view(), file.subspan(header.payload_offset));
}

std::string age_armor(ByteView file) {
  std::string encoded = base64_encode(file, Padding::with);
  std::string out(armor_begin);
  out += '\n';
  for (std::size_t i = 0; i < encoded.size(); i += column_limit) {
    out += encoded.substr(i, column_limit);
    out += '\n';
  }
  out += armor_end;
  out += '\n';
  return out;
}

Bytes age_dearmor(std::string_view text) {
  // Leading and trailing whitespace is allowed around the armor, as in age.
  std::size_t first = text.find_first_not_of(" \t\r\n");
  std::size_t last = text.find_last_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    throw Error(ErrorKind::input, "malformed age armor: empty");
  }
  text = text.substr(first, last - first + 1);
  if (!text.starts_with(armor_begin) || !text.ends_with(armor_end)) {
    throw Error(ErrorKind::input, "malformed age armor: expected '-----BEGIN AGE ENCRYPTED "
                                  "FILE-----' ... '-----END AGE ENCRYPTED FILE-----'");
  }
  text.remove_prefix(armor_begin.size());
  text.remove_suffix(armor_end.size());
  std::string encoded;
  bool short_line_seen = false;
  std::size_t start = 0;
  // Lines between the markers: each 64 columns but the last.
  if (!text.starts_with('\n') || !text.ends_with('\n')) {
    throw Error(ErrorKind::input, "malformed age armor: expected line breaks after the markers");
  }
  text = text.substr(1, text.size() - 1);
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (short_line_seen || line.size() > column_limit || line.empty()) {
      throw Error(ErrorKind::input, "malformed age armor: lines must be 64 columns but the last");
    }
    short_line_seen = line.size() < column_limit;
    encoded += line;
    start = end + 1;
  }
  std::optional<Bytes> bytes = base64_decode(encoded, Padding::with);
  if (!bytes) {
    throw Error(ErrorKind::input, "malformed age armor: invalid base64");
  }
  return std::move(*bytes);
}

} // namespace polar::secrets
