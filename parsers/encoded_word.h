// Header text to UTF-8: RFC 2047 encoded words ("=?utf-8?B?...?="), raw
// 8-bit header bytes (UTF-8 per RFC 6532, or an unlabelled 8-bit charset),
// and RFC 2231 parameters of MIME headers (Content-Type, Content-Disposition)
// with their charsets and continuations. Pure functions; never throw.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace deskd {

// Header text decoded to UTF-8, and what was malformed in it.
struct DecodedHeader {
  std::string text;
  std::vector<std::string> problems;
};

// Decodes an unfolded header value:
//  - encoded words in B and Q, anywhere in the value; white space between
//    two adjacent encoded words is dropped; adjacent words of one charset
//    are joined as bytes before conversion, so a character split across
//    two words comes out whole; each charset run is converted on its own;
//  - a broken encoded word (bad base64, no "?=", unknown encoding) is kept
//    literally and named in `problems`; an unknown charset is detected;
//  - raw 8-bit bytes: kept when valid UTF-8, else converted from
//    `fallback_charset` (a canonical name, e.g. the body's charset or one
//    detected over all headers) or, when that is empty, detected.
DecodedHeader DecodeHeaderText(std::string_view value, std::string_view fallback_charset = "");

// A MIME header value with parameters, e.g. `text/plain; charset="utf-8"`.
struct ParameterizedValue {
  std::string value;  // lower-case, trimmed: "text/plain", "attachment"
  // Parameters in order of first appearance: name lower-case (without the
  // RFC 2231 "*" and section suffix), value decoded to UTF-8.
  std::vector<std::pair<std::string, std::string>> params;

  // The value of the parameter `lower_name`, or nullopt.
  std::optional<std::string> Param(std::string_view lower_name) const;
};

// Parses a MIME header value with parameters. Quoted strings (with "\"
// escapes) and unquoted values with spaces (Outlook) are read; RFC 2231
// extended values (name*=charset'lang'%XX) and continuations (name*0*=,
// name*1=, ...) are joined and decoded; an extended value wins over a plain
// one of the same name; encoded words and raw 8-bit bytes in plain values
// are decoded as by DecodeHeaderText, except "boundary", which is kept as
// bytes. Problems are appended to `problems`.
ParameterizedValue ParseParameterized(std::string_view header_value,
                                      std::vector<std::string>* problems,
                                      std::string_view fallback_charset = "");

}  // namespace deskd
