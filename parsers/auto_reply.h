// Classification: is this mail from a person who may be answered, or an
// auto-reply, a bounce, a mailing list or a no-reply robot? deskd never
// answers anything but kHuman (design.md, "Mail safety").
#pragma once

#include <string_view>

#include "parsers/mail.h"

namespace deskd {

// Decides from `mail.headers`, `mail.from`, `mail.bounce` and the subject.
// `own_message_id_domain`: Message-IDs on it were written by this desk
// (mail that deskd sent itself, looping back) -> kAutoReply.
Classification Classify(const ParsedMail& mail, std::string_view own_message_id_domain);

}  // namespace deskd
