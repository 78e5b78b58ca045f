// IMAP wire format (RFC 3501, RFC 9051), as pure functions: framing the
// server's responses (lines with embedded {N} literals), reading the few
// responses deskd needs (SELECT data, SEARCH, FETCH, CAPABILITY, tagged
// status), and encoding what deskd sends (quoted strings, modified UTF-7
// folder names). No I/O here; daemon/wire/imap_connection.h does the talking.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/core/mail_source.h"
#include "parsers/result.h"

namespace deskd {

// How much of a byte stream from the server forms the next response.
struct ImapFrame {
  enum class State { kComplete, kIncomplete, kMalformed };
  State state = State::kIncomplete;
  // kComplete: bytes of the response, including its final CRLF.
  // kIncomplete: the least total size the buffer must reach before asking
  // again (so a large literal is not rescanned for every chunk).
  size_t length = 0;
  std::string problem;  // kMalformed: why
};

// Limits on what one response may hold; exceeding one is kMalformed.
struct ImapFrameLimits {
  size_t max_line_bytes = 16 * 1024 * 1024;    // text between literals
  size_t max_literal_bytes = size_t{1} << 30;  // one literal
};

// Finds the end of the first response in `buf`: a line ending in CRLF, where
// a line ending in "{N}" CRLF (or "~{N}" for literal8) is followed by N bytes
// of literal and the response goes on after them.
ImapFrame FrameImapResponse(std::string_view buf, const ImapFrameLimits& limits = {});

// One response from the server.
struct ImapResponse {
  // "*" untagged, "+" continuation request, else the tag of a command.
  std::string tag;
  // Everything after the tag and its space, without the final CRLF. Each
  // literal stays in place as its "{N}" marker, and the text that followed
  // the literal is appended right after it.
  std::string text;
  // The literals, in order, exactly as sent (8-bit, CRLF, NUL preserved).
  std::vector<std::string> literals;
};

// Splits one complete response (as framed by FrameImapResponse).
ImapResponse ParseImapResponse(std::string_view framed);

// The status of a tagged (or untagged OK/NO/BAD/BYE/PREAUTH) response:
// "OK [CODE args] human text".
struct ImapStatus {
  std::string condition;  // "OK", "NO", "BAD", "BYE", "PREAUTH", upper-case
  std::string code;       // "TRYCREATE", "UIDVALIDITY", ... upper-case; "" if none
  std::string code_args;  // "12345" for [UIDVALIDITY 12345]
  std::string text;       // the human-readable rest
  bool ok() const { return condition == "OK"; }
};
ImapStatus ParseImapStatus(std::string_view text);

// The folder state from the untagged responses to SELECT/EXAMINE:
// "* N EXISTS", "* OK [UIDVALIDITY v]", "* OK [UIDNEXT n]".
FolderState ParseSelectResponses(const std::vector<ImapResponse>& untagged);

// The numbers of all "* SEARCH n n n" responses, sorted and de-duplicated.
std::vector<uint32_t> ParseSearchResponses(const std::vector<ImapResponse>& untagged);

// The capabilities of "* CAPABILITY ..." responses (and of a [CAPABILITY ...]
// response code in `text` of any OK), upper-case.
std::set<std::string> ParseCapabilities(const std::vector<ImapResponse>& responses);

// What one "* n FETCH (...)" response carries that deskd asks for.
struct ImapFetch {
  uint32_t seq = 0;
  std::optional<uint32_t> uid;
  std::optional<std::string> body;                 // BODY[] / BINARY[] bytes
  std::optional<std::vector<std::string>> flags;   // FLAGS (...)
  std::optional<uint64_t> size;                    // RFC822.SIZE
};
// Parses an untagged FETCH response; the literal holding BODY[] is moved out
// of `response`. Error kInvalid when it is not a well-formed FETCH.
Result<ImapFetch> ParseImapFetch(ImapResponse&& response);

// `s` as an IMAP quoted string ("a\"b"). Error kInvalid for CR, LF, NUL or
// 8-bit bytes, which a quoted string cannot carry.
Result<std::string> ImapQuote(std::string_view s);

// A UTF-8 folder name in IMAP's modified UTF-7 (RFC 3501 section 5.1.3):
// "Entwürfe" -> "Entw&APw-rfe", "&" -> "&-". Error kInvalid for bytes that
// are not UTF-8.
Result<std::string> EncodeModifiedUtf7(std::string_view utf8);

// The inverse, for names the server lists; error kInvalid when malformed.
Result<std::string> DecodeModifiedUtf7(std::string_view mutf7);

}  // namespace deskd
