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

// Token text: lower-case letters and digits and '.', safe in a local part,
// e.g. "1042.7.k3v9x2m4q8c1d5f0".
std::string MakeReplyToken(std::string_view secret, int64_t ticket, int64_t participant_id,
                           std::string_view recipient_address);

// Splits a token into its claim without checking the MAC (nullopt if it is
// not of the token's shape).
std::optional<TokenClaim> ReadTokenClaim(std::string_view token);

// True when `token` is exactly what MakeReplyToken gives for these values
// (constant-time comparison).
bool VerifyReplyToken(std::string_view secret, std::string_view token,
                      std::string_view recipient_address);

// A fresh random secret (32 bytes, hex) for a new installation.
std::string GenerateSecret();

}  // namespace deskd
