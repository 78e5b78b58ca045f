// Reply stripping: from the whole body text of a mail, what the sender newly
// wrote. Removes quoted history (">" quotes, Outlook "Original Message" and
// From:/Sent: blocks, Gmail/Apple "On ... wrote:" attributions, Outlook on the
// web's underscore rule), signatures after "-- " and mobile trailers
// ("Sent from my iPhone" and its et/ru/ro forms). Interleaved replies keep
// the sender's own lines between quotes.
#pragma once

#include <string>
#include <string_view>

namespace deskd {

// `text` has \n line ends. Returns the new text, trimmed of blank lines at
// both ends, \n line ends.
std::string StripReply(std::string_view text);

}  // namespace deskd
