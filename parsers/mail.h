// ParsedMail: everything deskd sees in one raw mail, as values. This is the
// contract behind `deskctl parse --json` (see shared/conventions.md) and the
// only input the intake pipeline takes from a mail.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace deskd {

// A mailbox with its decoded display name. `address` is lower-case.
struct MailAddress {
  std::string address;
  std::optional<std::string> name;
};

// How a mail came to be: only `kHuman` mail is ever answered automatically.
enum class Classification { kHuman, kAutoReply, kBounce, kList, kNoReply };
const char* ClassificationName(Classification c);

// The failed recipient of a delivery status notification (RFC 3464).
struct BounceInfo {
  std::string recipient;
  std::string status;  // e.g. "5.1.1"
  // Message-ID of the mail that bounced, from the returned headers
  // (message/rfc822 or text/rfc822-headers part), to thread the bounce.
  std::optional<std::string> original_message_id;
};

struct AttachmentInfo {
  std::string filename;
  std::string content_type;
  std::size_t size = 0;  // decoded bytes
};

// One header as it appeared: lower-case name, value unfolded and decoded to
// UTF-8 (RFC 2047 / RFC 6532). Values may contain anything the sender wrote;
// they are never copied into an outgoing header unchecked.
struct HeaderField {
  std::string name;
  std::string value;
};

struct ParsedMail {
  std::optional<std::string> message_id;  // with angle brackets
  std::string subject;                    // decoded UTF-8, unfolded
  MailAddress from;
  std::vector<MailAddress> to;
  std::vector<MailAddress> cc;
  std::vector<MailAddress> reply_to;
  std::optional<std::string> date;        // RFC 3339, UTC offset of the mail
  std::optional<int64_t> date_unix;       // seconds since the epoch
  std::optional<std::string> in_reply_to;
  std::vector<std::string> references;
  std::optional<int64_t> ticket;          // from this installation's [Prefix#N]
  std::optional<std::string> reply_token; // from a plus-address to the desk
  Classification classification = Classification::kHuman;
  std::optional<BounceInfo> bounce;
  std::string body_part = "text/plain";   // "text/plain" or "text/html"
  std::optional<std::string> body_charset;      // declared, lower-case
  std::optional<std::string> charset_detected;  // used when label absent/wrong
  std::string language;                   // "et", "ru", "ro", "en", ...
  std::string text;                       // whole body as UTF-8, \n line ends
  std::string new_text;                   // quotes, signatures, commands removed
  std::vector<std::pair<std::string, std::string>> commands;
  std::vector<AttachmentInfo> attachments;
  std::vector<std::string> problems;      // empty for a clean mail
  std::vector<HeaderField> headers;       // all top-level headers, in order

  // First header of that (lower-case) name, or nullopt.
  std::optional<std::string> Header(std::string_view lower_name) const;
};

// What parsing needs to know about this installation. Plain values.
struct ParseOptions {
  std::string ticket_prefix = "Ticket";       // [Ticket#1042]
  std::string desk_address;                   // support@itdesk.example: plus tokens
  std::vector<std::string> desk_addresses;    // further addresses of the desk
  std::string message_id_domain;              // Message-IDs on it were written by this desk
  std::string default_language = "en";
  // Hostile-input bounds, as Dovecot's message-parser has them.
  int max_nesting_depth = 20;
  int max_parts = 500;
  std::size_t max_header_bytes = 1 << 20;
};

// Parses one raw RFC 5322 mail. Never throws and never fails: what is
// malformed is recovered as well as it can be and named in `problems`.
ParsedMail ParseMail(std::string_view raw, const ParseOptions& options);

}  // namespace deskd
