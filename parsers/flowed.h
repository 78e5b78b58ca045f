// format=flowed (RFC 3676): soft line breaks re-joined into paragraphs.
#pragma once

#include <string>
#include <string_view>

namespace deskd {

// `text` is decoded UTF-8 with \n line ends, from a text/plain part with
// format=flowed. Lines ending in a space are joined with the next line of
// the same quote depth (delsp=yes: the trailing space is removed first);
// space-stuffing is undone; the signature separator "-- " is never joined.
// Quoted lines come out as "> " * depth + text. Pure.
std::string UnwrapFlowed(std::string_view text, bool delsp);

}  // namespace deskd
