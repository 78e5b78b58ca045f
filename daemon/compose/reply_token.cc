// Reply tokens: HMAC-SHA256 over "<ticket>:<participant>:<recipient>",
// truncated to 80 bits and written in lower-case base32 (RFC 4648 alphabet).
#include "daemon/compose/reply_token.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "parsers/text_util.h"

namespace deskd {

namespace {

constexpr char kBase32[] = "abcdefghijklmnopqrstuvwxyz234567";
constexpr size_t kMacBytes = 10;   // 80 bits
constexpr size_t kMacChars = 16;   // 10 bytes in base32, no padding

std::string Base32(const unsigned char* data, size_t n) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (size_t i = 0; i < n; ++i) {
    buffer = (buffer << 8) | data[i];
    bits += 8;
    while (bits >= 5) {
      out.push_back(kBase32[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kBase32[(buffer << (5 - bits)) & 31]);
  return out;
}

std::string Mac(std::string_view secret, int64_t ticket, int64_t participant_id,
                std::string_view recipient_address) {
  std::string message = std::to_string(ticket) + ":" + std::to_string(participant_id) + ":" +
                        text::AsciiLower(recipient_address);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  // An empty key is legal for HMAC; OpenSSL wants a non-null pointer.
  static const unsigned char kEmpty = 0;
  const void* key = secret.empty() ? &kEmpty : static_cast<const void*>(secret.data());
  if (HMAC(EVP_sha256(), key, static_cast<int>(secret.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest,
           &digest_len) == nullptr ||
      digest_len < kMacBytes) {
    std::fputs("deskd: HMAC-SHA256 failed in OpenSSL\n", stderr);
    std::abort();
  }
  return Base32(digest, kMacBytes);
}

bool ParseId(std::string_view s, int64_t* out) {
  if (s.empty() || s.size() > 18) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

std::string MakeReplyToken(std::string_view secret, int64_t ticket, int64_t participant_id,
                           std::string_view recipient_address) {
  return std::to_string(ticket) + "." + std::to_string(participant_id) + "." +
         Mac(secret, ticket, participant_id, recipient_address);
}

std::optional<TokenClaim> ReadTokenClaim(std::string_view token) {
  size_t dot1 = token.find('.');
  if (dot1 == std::string_view::npos) return std::nullopt;
  size_t dot2 = token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos) return std::nullopt;
  std::string_view mac = token.substr(dot2 + 1);
  if (mac.size() != kMacChars) return std::nullopt;
  for (char c : mac) {
    if (!((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) return std::nullopt;
  }
  TokenClaim claim;
  if (!ParseId(token.substr(0, dot1), &claim.ticket)) return std::nullopt;
  if (!ParseId(token.substr(dot1 + 1, dot2 - dot1 - 1), &claim.participant_id)) {
    return std::nullopt;
  }
  return claim;
}

bool VerifyReplyToken(std::string_view secret, std::string_view token,
                      std::string_view recipient_address) {
  if (secret.empty()) return false;
  std::optional<TokenClaim> claim = ReadTokenClaim(token);
  if (!claim) return false;
  std::string expected = MakeReplyToken(secret, claim->ticket, claim->participant_id,
                                        recipient_address);
  if (expected.size() != token.size()) return false;  // e.g. "0042" for "42"
  return CRYPTO_memcmp(expected.data(), token.data(), token.size()) == 0;
}


}  // namespace deskd
