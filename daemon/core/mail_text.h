// Small pure helpers of the intake: hashing raw mail, making text from an
// incoming mail safe for an outgoing header, recognising the desk's own and
// plain addresses, and the subject tag.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace deskd {

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

// Text from a mail made fit for one header line: CR, LF, NUL and other
// control characters become spaces, runs of white space one space, ends
// trimmed, invalid UTF-8 replaced by U+FFFD, cut (at a character boundary)
// to at most `max_bytes`.
std::string SanitizeHeaderText(std::string_view text, std::size_t max_bytes = 250);

// Body text from a mail made fit for a template value: valid UTF-8, \n line
// ends, no NUL or other control characters but \n and \t.
std::string SanitizeBodyText(std::string_view text);

// `text` with every invalid UTF-8 byte replaced by U+FFFD; nothing else
// changed (control characters are kept).
std::string ValidUtf8(std::string_view text);

// True for a bare ASCII mailbox local@domain that ComposeMail accepts: one
// '@', no white space, no control, quote, angle bracket, comma or the like.
bool IsPlainAddress(std::string_view address);

// True when `address` is the desk's own mailbox or a plus-address of it
// (support+anything@itdesk.example), case-insensitive.
bool IsDeskAddress(std::string_view address, std::string_view desk_address);

// "[Ticket#1042]".
std::string TicketTag(std::string_view prefix, int64_t number);

// `subject` without every "[<prefix>#<n>]" / "[<prefix> #<n>]" tag
// (prefix case-insensitive), white space collapsed.
std::string RemoveTicketTag(std::string_view subject, std::string_view prefix);

// The header section of a raw mail (up to and including the blank line), at
// most `max_bytes`: what is parsed of a mail over the size limit.
std::string_view HeaderSection(std::string_view raw, std::size_t max_bytes);

// JSON text that never throws on invalid UTF-8 (replaced by U+FFFD).
std::string JsonText(const nlohmann::json& value);

}  // namespace deskd
