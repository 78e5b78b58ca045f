// The MIME structure of a raw mail (RFC 2045/2046): header blocks, the tree
// of parts with their types and parameters, and transfer decoding (base64,
// quoted-printable). Bounded for hostile input: nesting depth, part count
// and header size are limits, and exceeding one is a recorded problem, not a
// crash. Tolerant of what real mail does: LF or CRLF line ends, a missing
// closing boundary, a missing boundary parameter, parts without headers.
//
// Why not mimetic's MimeEntity: it recurses without a depth or part limit,
// does not tell a missing closing boundary from a clean one, and collapses
// white space when unfolding. mimetic's quoted-printable decoder is used.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/encoded_word.h"

namespace deskd {

// One header field: lower-case name, value unfolded (line breaks before
// white space removed), trimmed, still encoded (raw bytes).
struct RawHeader {
  std::string name;
  std::string value;
};

// A header block and the body after it.
struct HeaderBlock {
  std::vector<RawHeader> fields;
  std::string_view body;  // points into the input
};

// Splits the header block off the front of `entity`. A leading mbox
// "From " line is skipped; a line that is neither a header nor a
// continuation ends the headers (the body starts there: a problem); headers
// beyond `max_header_bytes` are skipped (a problem).
HeaderBlock SplitHeaders(std::string_view entity, std::size_t max_header_bytes,
                         std::vector<std::string>* problems);

struct MimeLimits {
  int max_nesting_depth = 20;
  int max_parts = 500;
  std::size_t max_header_bytes = 1 << 20;
};

// One node of the MIME tree. parts[0] is the whole mail.
struct MimePart {
  std::vector<RawHeader> headers;
  ParameterizedValue type;         // type.value "text/plain" etc., lower-case
  ParameterizedValue disposition;  // value "inline", "attachment" or ""
  std::string transfer_encoding;   // lower-case, "" when absent
  std::string_view body;           // raw body, still transfer-encoded
  int depth = 0;                   // 0 for the root
  int parent = -1;
  std::vector<int> children;       // indices into MimeTree::parts
  bool multipart = false;          // has children (type multipart/*, read)
};

struct MimeTree {
  std::vector<MimePart> parts;     // parts[0] is the root, its headers the mail's
  std::vector<std::string> problems;
};

// Reads the MIME tree of `raw`. REQUIRES: `raw` outlives the tree (bodies
// point into it). message/rfc822 parts are leaves: their body is the whole
// enclosed mail. Multiparts deeper than max_nesting_depth are leaves too.
// `fallback_charset` decodes raw 8-bit bytes in parameters (file names).
MimeTree ParseMime(std::string_view raw, const MimeLimits& limits,
                   std::string_view fallback_charset = "");

// Undoes a Content-Transfer-Encoding. base64 is decoded leniently (white
// space and stray characters skipped, missing padding accepted) with a
// problem for what was wrong; text after the end of base64 data (a list
// footer) is dropped with a problem. quoted-printable by mimetic. 7bit,
// 8bit, binary and absent return the body as it is; an unknown encoding
// too, with a problem. `what` names the part in problems.
std::string DecodeTransfer(std::string_view body, std::string_view encoding,
                           std::string_view what, std::vector<std::string>* problems);

// CRLF and lone CR to LF.
std::string NormalizeLineEnds(std::string_view text);

}  // namespace deskd
