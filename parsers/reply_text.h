// Reply stripping: from the whole body text of a mail, what the sender newly
// wrote. Removes quoted history (">" quotes, Outlook "Original Message" and
// From:/Sent: blocks, Gmail/Apple "On ... wrote:" attributions, Outlook on the
// web's underscore rule), signatures after "-- ", sign-off blocks at the end
// ("Best regards,"/"Lugupidamisega"/"С уважением,"/"Cu stimă," and the name,
// title and phone lines under them; "Thanks,"/"Aitäh"/"Спасибо,"/
// "Mulțumesc," only when a name follows) and mobile trailers ("Sent from my
// iPhone" and its et/ru/ro forms). Interleaved replies keep the sender's own
// lines between quotes.
//
// Forwarded mail ("---------- Forwarded message ---------", "Begin forwarded
// message:", "-------- Пересылаемое сообщение --------", ...) is kept from
// the marker on, also when the HTML converter marked it as a quote: what a
// client forwards is what they want us to read.
//
// Never returns "" when the text has content outside quotes: if cutting at
// the history markers leaves nothing (a mail that *is* an Outlook header
// block, a bare signature), the unquoted text is returned instead. A reply
// with nothing but a quote (and attribution, trailer) gives "".
#pragma once

#include <string>
#include <string_view>

namespace deskd {

// `text` has \n line ends. Returns the new text, trimmed of blank lines at
// both ends, \n line ends.
std::string StripReply(std::string_view text);

// As above, knowing the subject: when it marks a forward (outermost prefix
// Fwd:/FW:/TR:/WG:/Edasi:/Пересл:/...), the first Outlook header block or
// "Original Message" line starts forwarded content and is kept, as Outlook
// forwards look exactly like Outlook replies in the body.
std::string StripReply(std::string_view text, std::string_view subject);

}  // namespace deskd
