// Quoted-printable (RFC 2045 6.7), both ways. Pure functions; part of the
// decoders (base64, quoted_printable, hex, utf8). RFC 2047 Q words are
// hex::DecodeEscapes with '=' and '_'.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace deskd::quoted_printable {

// The bytes of a quoted-printable body, as mimetic's decoder reads it (soft
// line breaks removed, "=XX" decoded, a stray '=' kept). nullopt when the
// decoder gives up on the data.
std::optional<std::string> Decode(std::string_view body);

// Quoted-printable of text with \n or \r\n line ends: output lines at most
// 76 characters, CRLF; trailing white space encoded. "From " at a line start
// is encoded so that mbox tools leave it alone.
std::string Encode(std::string_view text);

}  // namespace deskd::quoted_printable
