// The template values every mail about an incident shares, built in one
// place: the intake's acknowledgements and notifications, reminders and
// escalations all start from IncidentValues() and add their own keys.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "daemon/calendar/calendar.h"
#include "daemon/compose/templates.h"
#include "daemon/config/config.h"
#include "daemon/core/model.h"
#include "daemon/store/store.h"
#include "parsers/result.h"

namespace deskd {

// ticket, tag, subject, desk_name, desk_address, queue, priority, status,
// status_label (in `language`), owner (display name), requester
// ("Name <address>" or the address), requester_name, requester_address, and
// received (local time; "" when `calendar` is null). Text from mail is made
// header-safe.
Result<TemplateValues> IncidentValues(Store& store, const Config& config,
                                      const IncidentRow& incident, const std::string& language,
                                      const BusinessCalendar* calendar);

// The client's first mail on the incident: its new text (else its whole
// text), made safe for a template, cut at a character boundary to at most
// `max_bytes` (" …" added when cut), trailing blanks removed. "" when the
// incident has no incoming client mail.
Result<std::string> FirstClientText(Store& store, int64_t incident, std::size_t max_bytes);

}  // namespace deskd
