// Delivery status notifications (RFC 3464) and the common non-standard
// bounces (Postfix, Exim, Exchange, Gmail, qmail "Hi. This is the qmail-send
// program"): who failed, with what status, and which mail bounced.
#pragma once

#include <optional>
#include <string_view>

#include "parsers/mail.h"

namespace deskd {

// From the body of a message/delivery-status part: the first
// Final-Recipient (or Original-Recipient) address, lower-case without the
// "rfc822;" type, and its Status ("5.1.1"); Action failed/delayed are both
// reported. nullopt when no recipient is found.
std::optional<BounceInfo> ParseDeliveryStatus(std::string_view delivery_status);

// From the returned headers of the bounced mail (a message/rfc822 or
// text/rfc822-headers part, or the text after "----- Original message -----"
// style markers): its Message-ID with angle brackets.
std::optional<std::string> ReturnedMessageId(std::string_view returned_headers);

// For a bounce without a delivery-status part (plain-text bounce): the
// failed recipient and status found in `text` ("<x@y>: host ... said: 550
// 5.1.1 ...", "The following address(es) failed:", X-Failed-Recipients).
// nullopt when nothing is found.
std::optional<BounceInfo> ParsePlainBounce(std::string_view text);

}  // namespace deskd
