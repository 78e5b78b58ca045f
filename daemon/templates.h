// Templates: the mails deskd writes, as Mustache (mstch) files in
// templates/<lang>/<name>.mustache, one set per language (et, ru, ro, en).
// The first line of a template is "Subject: ...", then a blank line, then
// the body. A missing language falls back to the desk's default, then "en".
#pragma once

#include <map>
#include <string>

#include "parsers/result.h"

namespace deskd {

struct RenderedMail {
  std::string subject;
  std::string body;       // UTF-8, \n line ends
  std::string language;   // the language actually used
};

// Values for a template. Keys used by the shipped templates:
//   ticket, tag ("[Ticket#1042]"), subject, desk_name, desk_address,
//   requester_name, requester_address, client_text, technician_name,
//   status, priority, queue, error, command, sender
using TemplateValues = std::map<std::string, std::string>;

class TemplateSet {
 public:
  // Loads every templates/<lang>/*.mustache under `dir`. Error kConfig when
  // the directory is missing or a template has no "Subject:" line.
  static Result<TemplateSet> Load(const std::string& dir, const std::string& default_language);

  // Renders `name` ("acknowledgement", "technician_new", "technician_update",
  // "command_error", "outside_sender_note") in `language`.
  Result<RenderedMail> Render(const std::string& name, const std::string& language,
                              const TemplateValues& values) const;

  bool Has(const std::string& name, const std::string& language) const;

 private:
  std::string default_language_;
  std::map<std::string, std::map<std::string, std::string>> by_lang_;  // lang -> name -> text
};

}  // namespace deskd
