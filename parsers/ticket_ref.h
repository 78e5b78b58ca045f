// Ticket references in a mail: the subject tag of this installation
// ([Ticket#1042]) and the reply token of a plus-address to the desk
// (support+TOKEN@itdesk.example).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/mail.h"

namespace deskd {

// The ticket number of the first "[<prefix>#<n>]" tag in `subject`
// (prefix compared case-insensitively; "[Ticket #12]" and "[Ticket#12]" both count).
std::optional<int64_t> FindTicketTag(std::string_view subject, std::string_view prefix);

// The token of the first recipient of the form local+TOKEN@domain where
// local@domain is `desk_address` (case-insensitive).
std::optional<std::string> FindReplyToken(const std::vector<MailAddress>& recipients,
                                          std::string_view desk_address);

// `subject` without reply/forward prefixes (Re:, Fwd:, AW:, Vs:, Отв:, Ответ:,
// RE:, FW:, Fw:, TR:, SV:, R:, ...) repeated, for display and new incidents.
std::string CleanSubject(std::string_view subject);

}  // namespace deskd
