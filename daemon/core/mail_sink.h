// MailSink: where outgoing mail leaves the machine (SMTP in production).
#pragma once

#include <string>
#include <vector>

#include "parsers/result.h"

namespace deskd {

class MailSink {
 public:
  virtual ~MailSink() = default;
  // Hands one complete RFC 5322 message to the server. OK only when the
  // server accepted it for every recipient. Error kTemporary: try again later
  // (connection refused, 4xx); kInvalid: the server refused it for good (5xx).
  virtual Status Send(const std::string& envelope_from,
                      const std::vector<std::string>& recipients,
                      const std::string& raw_message) = 0;
};

}  // namespace deskd
