// Urgency: how urgent the sender says a mail is, from its headers
// (X-Priority, Importance, Priority) and from urgent words ("kiire",
// "срочно", "urgent") in its subject and new text. Pure; the word lists are
// the caller's (config [priority.urgent_words], daemon/sla/priority.h).
// Urgency is 1 (high), 2 (medium), 3 (low), as in the ITIL matrix.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/mail.h"

namespace deskd {

struct UrgencySignal {
  std::optional<int> urgency;  // nullopt: the mail says nothing
  std::string reason;          // "X-Priority: 1", "urgent word \"kiire\"", "" when none
};

// Headers only: X-Priority 1 or 2 -> 1, 4 or 5 -> 3 (the number may be
// followed by a comment, "1 (Highest)"); Importance: high -> 1, low -> 3;
// Priority: urgent -> 1, non-urgent -> 3. A high sign wins over a low one.
UrgencySignal UrgencyFromHeaders(const ParsedMail& mail);

// The first of `words` that occurs in `text` as whole words (not inside a
// longer word), compared case-insensitively (ASCII, Latin-1/Latin Extended
// letters of et/ro and Cyrillic are folded). A word may be a phrase
// ("as soon as possible"). nullopt when none occurs.
std::optional<std::string> FindUrgentWord(std::string_view text,
                                          const std::vector<std::string>& words);

// The mail's urgency: 1 when a header says high or an urgent word occurs in
// the subject or new_text; else 3 when a header says low; else nullopt.
UrgencySignal DetectUrgency(const ParsedMail& mail, const std::vector<std::string>& urgent_words);

}  // namespace deskd
