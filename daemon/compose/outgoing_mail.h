// Outgoing mail: builds the RFC 5322 bytes of a mail deskd sends. Every
// header value is checked here (no CR/LF from incoming mail can reach an
// outgoing header); non-ASCII is RFC 2047-encoded; the body is UTF-8
// quoted-printable; line ends are CRLF.
#pragma once

#include <string>
#include <vector>

#include "parsers/mail.h"
#include "parsers/result.h"

namespace deskd {

struct OutgoingSpec {
  MailAddress from;                     // the desk
  std::vector<MailAddress> to;
  std::vector<MailAddress> cc;
  std::optional<MailAddress> reply_to;  // support+TOKEN@domain
  std::string subject;
  std::string text_body;                // UTF-8, \n line ends
  std::string html_body;                // optional; then multipart/alternative
  std::string message_id;               // "<...@domain>", from MakeMessageId
  std::string in_reply_to;              // "" = none
  std::vector<std::string> references;
  std::string auto_submitted = "auto-replied";  // or "auto-generated", "no"
  std::string date;                     // RFC 5322 date; "" = now is the caller's job
  std::string language;                 // Content-Language
  std::vector<HeaderField> extra_headers;  // e.g. X-Loop, X-Deskd-Ticket
};

// The whole message, CRLF line ends, 7-bit. Error kInvalid (the message
// names the header) when a header value carries CR, LF or NUL or is 998
// bytes or longer, an address is not a plain ASCII mailbox (local@host),
// there is no recipient, `date` is empty, `message_id`, `in_reply_to` or a
// reference is not "<...>", or an extra header repeats one set here.
// Header order: Date, From, To, Cc, Reply-To, Subject, Message-ID,
// In-Reply-To, References, MIME-Version, Content-Type,
// Content-Transfer-Encoding, Content-Language, Auto-Submitted, extras.
// Subject and extra header values: runs of spaces and tabs become one space.
// `auto_submitted` "" leaves the header out.
Result<std::string> ComposeMail(const OutgoingSpec& spec);

// "<deskd.{ticket}.{kind}.{unique}@{domain}>": a Message-ID that is chosen
// once, when the outbox row is written, and stays on every retry.
std::string MakeMessageId(const std::string& domain, int64_t ticket, const std::string& kind);

// RFC 5322 date for a unix time, in UTC: "Mon, 23 Nov 2026 15:59:27 +0000".
std::string FormatRfc5322Date(int64_t unix_seconds);

// True when `value` has no CR, LF or NUL and is shorter than 998 bytes.
bool IsSafeHeaderValue(const std::string& value);

// True for "<...>" with printable ASCII and no space or angle bracket inside,
// at most 250 bytes: what ComposeMail accepts in Message-ID, In-Reply-To and
// References. Filter ids taken from incoming mail with it.
bool IsValidMessageId(const std::string& id);

}  // namespace deskd
