// Templates: the mails deskd writes, as Mustache (mstch) files in
// templates/<lang>/<name>.mustache, one set per language (et, ru, ro, en).
// The first line of a template is "Subject: ...", then a blank line, then
// the body. A missing language falls back to the desk's default, then "en".
// Values are inserted verbatim: HTML escaping is switched off for the
// process (mstch::config::escape is the identity), so {{x}} and {{{x}}}
// are the same; mails are text/plain. Use {{#x}}...{{/x}} for text that
// only appears when x is not empty, {{^x}}...{{/x}} for when it is.
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
//   all:                 ticket ("1042"), tag ("[Ticket#1042]"), subject (the
//                        incident's subject, without tag), desk_name; every
//                        mail about an incident also has what
//                        IncidentValues() (daemon/notify/incident_values.h)
//                        gives: queue, priority, status, status_label, owner,
//                        requester, requester_name, requester_address, received
//   acknowledgement:     requester_name ("" = none)
//   technician_new:      queue, priority ("" = left out), requester_name,
//                        requester_address, client_text (quote-stripped)
//   technician_update:   sender ("Name <address>" or address of who wrote),
//                        status ("" = left out), client_text
//   technician_reply:    client_text (the technician's answer),
//                        technician_name (display name)
//   outside_sender_note: sender, client_text
//   command_error:       command (the offending lines, "" = left out), error
//   client_in_work, client_on_hold, client_resolved (a technician's #status
//                        or #hold, to the client): requester_name,
//                        technician_name, hold_reason, reopen_days
//   reminder:            technician_name, owner (display name, "" = nobody
//                        owns it: told as a queue technician), clock_label,
//                        due, remaining, status_label, requester, received
//   escalation:          manager_name, breach ("1" at an SLA breach, else by
//                        hand), clock_label, due, overdue, actor, reason,
//                        owner, status_label, requester, received, deadlines,
//                        history (lines), client_text (the first mail)
//   technician_review:   technician_name, count, overdue_count, date, rows
//   manager_digest(_html): weekly ("1" or ""), from, to, date (of `to`), manager_name,
//                        incident_count, escalation_count, breach_count,
//                        escalations, breaches (text lines), kpi_all_met,
//                        kpi_first_line, kpi_right_queue, kpi_satisfaction
//                        ("" = no surveys), kpi_fr_median, kpi_fr_p90,
//                        backlog_1, backlog_2, backlog_3, backlog_4 (by age),
//                        backlog_total; the HTML part also desk_name_html,
//                        manager_name_html, escalations_html, breaches_html
//                        (table rows) and the HTML bars kpi_all_met_bar,
//                        kpi_first_line_bar, kpi_right_queue_bar,
//                        backlog_1_bar, backlog_2_bar, backlog_3_bar,
//                        backlog_4_bar, all HTML-escaped by daemon/notify/digest.cc
// Callers pass desk_address, requester_address, status, priority and queue
// too wherever they have them, for operators' own templates.
using TemplateValues = std::map<std::string, std::string>;

class TemplateSet {
 public:
  // Loads the built-in templates (EmbeddedFiles(), "templates/<lang>/..."),
  // then, when `dir` is not "", every <dir>/<lang>/<name>.mustache on top:
  // a file there replaces the built-in one of the same language and name,
  // so an operator's directory holds only what it changes. Error kConfig
  // when `dir` is missing, or a template has no "Subject:" first line or
  // an unclosed or misnested {{#section}}.
  static Result<TemplateSet> Load(const std::string& dir, const std::string& default_language);

  // Renders `name` ("acknowledgement", "technician_new", "technician_update",
  // "technician_reply", "command_error", "outside_sender_note") in
  // `language`, else the default language, else "en" (RenderedMail.language
  // says which). The subject comes out on one line, whitespace collapsed.
  // Error kNotFound when no language has `name`.
  Result<RenderedMail> Render(const std::string& name, const std::string& language,
                              const TemplateValues& values) const;

  // True when `language` itself (no fallback) has template `name`.
  bool Has(const std::string& name, const std::string& language) const;

 private:
  std::string default_language_;
  std::map<std::string, std::map<std::string, std::string>> by_lang_;  // lang -> name -> text
};

}  // namespace deskd
