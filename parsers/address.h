// Address lists of From/To/Cc/Reply-To/Delivered-To as senders really write
// them: display names quoted or encoded (RFC 2047, raw 8-bit), comments,
// groups ("undisclosed-recipients:;"), missing angle brackets, an unquoted
// comma inside a display name (Outlook: "Tamm, Anna <anna@x>"). Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parsers/mail.h"

namespace deskd {

// Parses an unfolded, still encoded header value into mailboxes in order.
// Addresses are lower-case (ASCII letters), without "mailto:" and source
// routes; names are decoded, unquoted, one line (control characters become
// spaces) and trimmed (nullopt when empty; a
// comment stands in for a missing name). Entries without any address are
// dropped. `fallback_charset` as for DecodeHeaderText. Problems (broken
// encoded words, unterminated quotes or brackets) are appended to `problems`.
std::vector<MailAddress> ParseAddressList(std::string_view value,
                                          std::vector<std::string>* problems,
                                          std::string_view fallback_charset = "");

}  // namespace deskd
