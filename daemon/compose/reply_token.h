// Reply tokens: the TOKEN in Reply-To: support+TOKEN@itdesk.example. An HMAC
// (OpenSSL, SHA-256) over (ticket, participant) with the server secret, so a
// reply to that address is bound to the ticket and to the person it was sent
// to, and cannot be forged by someone who only knows a ticket number.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace deskd {

struct TokenClaim {
  int64_t ticket = 0;
  int64_t participant_id = 0;  // the participant row the mail was sent to
};

// Token text: "<ticket>.<participant_id>.<mac>", safe in a local part, e.g.
// "1042.7.hbbjxcvhg6mkua2n". mac: the first 10 bytes of HMAC-SHA256(secret,
// "<ticket>:<participant_id>:<lower-case recipient address>") in lower-case
// base32 (RFC 4648 alphabet a-z2-7, no padding: 16 characters).
// REQUIRES: ticket >= 0, participant_id >= 0.
std::string MakeReplyToken(std::string_view secret, int64_t ticket, int64_t participant_id,
                           std::string_view recipient_address);

// Splits a token into its claim without checking the MAC (nullopt if it is
// not of the token's shape).
std::optional<TokenClaim> ReadTokenClaim(std::string_view token);

// True when `token` is exactly what MakeReplyToken gives for these values
// (constant-time comparison). Always false with an empty secret.
bool VerifyReplyToken(std::string_view secret, std::string_view token,
                      std::string_view recipient_address);

}  // namespace deskd
