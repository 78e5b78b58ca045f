#include "daemon/core/mail_text.h"

#include <openssl/evp.h>

#include <cctype>

#include <nlohmann/json.hpp>

#include "parsers/decoders/hex.h"
#include "parsers/text_util.h"
#include "parsers/decoders/utf8.h"

namespace deskd {

namespace {

// ASCII letters compared without case (addresses, ticket prefixes).
bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && text::AsciiLower(a) == text::AsciiLower(b);
}

// Length of the valid UTF-8 sequence (RFC 3629) at s[i], or 0 when it is not
// valid.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto cp = utf8::DecodeAt(s, i, utf8::Strictness::kStrict);
  return cp ? cp->length : 0;
}

// Walks `text` as UTF-8, calling emit(code unit string) per character and
// emit_control(c) for ASCII control characters; invalid bytes -> U+FFFD.
template <typename Char, typename Control>
void ForEachChar(std::string_view text, Char emit, Control emit_control) {
  size_t i = 0;
  while (i < text.size()) {
    size_t n = Utf8SequenceLength(text, i);
    if (n == 0) {
      emit(std::string_view("\xEF\xBF\xBD"));
      ++i;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (n == 1 && (c < 0x20 || c == 0x7F)) {
      emit_control(static_cast<char>(c));
    } else if (n == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      emit_control(' ');  // C1 controls (U+0080..U+009F), incl. NEL
    } else if (n == 3 && text.substr(i, 3) == "\xE2\x80\xA8") {
      emit_control(' ');  // LINE SEPARATOR
    } else if (n == 3 && text.substr(i, 3) == "\xE2\x80\xA9") {
      emit_control(' ');  // PARAGRAPH SEPARATOR
    } else {
      emit(text.substr(i, n));
    }
    i += n;
  }
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
  return hex::Encode(std::string_view(reinterpret_cast<const char*>(digest), len));
}

std::string SanitizeHeaderText(std::string_view text, std::size_t max_bytes) {
  std::string out;
  bool pending_space = false;
  bool full = false;
  ForEachChar(
      text,
      [&](std::string_view ch) {
        if (full) return;
        if (ch == " " || ch == "\xC2\xA0") {
          pending_space = true;
          return;
        }
        bool space = pending_space && !out.empty();
        if (out.size() + ch.size() + (space ? 1 : 0) > max_bytes) {
          full = true;
          return;
        }
        if (space) out += ' ';
        pending_space = false;
        out += ch;
      },
      [&](char) { pending_space = true; });
  return out;
}

std::string SanitizeBodyText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  ForEachChar(
      text, [&](std::string_view ch) { out += ch; },
      [&](char c) {
        if (c == '\n' || c == '\t') out += c;
        // CR (of CRLF), NUL and other controls are dropped.
      });
  return out;
}

std::string ValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    size_t n = Utf8SequenceLength(text, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

bool IsPlainAddress(std::string_view address) {
  if (address.empty() || address.size() > 254) return false;
  size_t at = address.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= address.size()) return false;
  if (address.find('@', at + 1) != std::string_view::npos) return false;
  for (char c : address) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F) return false;
    if (std::string_view("<>()[]\\,;:\"").find(c) != std::string_view::npos) return false;
  }
  std::string_view domain = address.substr(at + 1);
  if (domain.front() == '.' || domain.back() == '.' ||
      domain.find("..") != std::string_view::npos) {
    return false;
  }
  return true;
}

bool IsDeskAddress(std::string_view address, std::string_view desk_address) {
  size_t at = address.rfind('@');
  size_t desk_at = desk_address.rfind('@');
  if (at == std::string_view::npos || desk_at == std::string_view::npos) {
    return EqualsIgnoreCase(address, desk_address);
  }
  if (!EqualsIgnoreCase(address.substr(at + 1), desk_address.substr(desk_at + 1))) return false;
  std::string_view local = address.substr(0, at);
  std::string_view desk_local = desk_address.substr(0, desk_at);
  if (EqualsIgnoreCase(local, desk_local)) return true;
  return local.size() > desk_local.size() && local[desk_local.size()] == '+' &&
         EqualsIgnoreCase(local.substr(0, desk_local.size()), desk_local);
}

std::string TicketTag(std::string_view prefix, int64_t number) {
  return "[" + std::string(prefix) + "#" + std::to_string(number) + "]";
}

std::string RemoveTicketTag(std::string_view subject, std::string_view prefix) {
  std::string out;
  size_t i = 0;
  while (i < subject.size()) {
    if (subject[i] == '[' && i + 1 + prefix.size() <= subject.size() &&
        EqualsIgnoreCase(subject.substr(i + 1, prefix.size()), prefix)) {
      size_t j = i + 1 + prefix.size();
      if (j < subject.size() && subject[j] == ' ') ++j;
      if (j < subject.size() && subject[j] == '#') {
        size_t k = j + 1;
        while (k < subject.size() && std::isdigit(static_cast<unsigned char>(subject[k]))) ++k;
        if (k > j + 1 && k < subject.size() && subject[k] == ']') {
          i = k + 1;
          out += ' ';
          continue;
        }
      }
    }
    out += subject[i++];
  }
  return SanitizeHeaderText(out, 1000);
}

std::string_view HeaderSection(std::string_view raw, std::size_t max_bytes) {
  size_t end = raw.size();
  size_t crlf = raw.find("\r\n\r\n");
  size_t lf = raw.find("\n\n");
  if (crlf != std::string_view::npos) end = crlf + 4;
  if (lf != std::string_view::npos && lf + 2 < end) end = lf + 2;
  return raw.substr(0, std::min(end, max_bytes));
}

std::string JsonText(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace deskd
