#include "daemon/programs/sla_commands.h"

#include <iostream>

#include "daemon/calendar/calendar.h"
#include "daemon/notify/escalation.h"
#include "daemon/core/exit_codes.h"
#include "daemon/notify/scheduler.h"
#include "daemon/store/store.h"
#include "daemon/compose/templates.h"

namespace deskd {

namespace {

// What both verbs need; `code` is non-zero when something failed (printed).
struct Setup {
  std::unique_ptr<Store> store;
  std::optional<TemplateSet> templates;
  std::optional<BusinessCalendar> calendar;
  int code = kExitOk;
};

Setup Open(const Config& config) {
  Setup s;
  auto fail = [&](const Error& e) {
    std::cerr << e.message << "\n";
    s.code = ExitCodeFor(e);
    return std::move(s);
  };
  auto calendar = BusinessCalendar::Create(config.calendar);
  if (!calendar) return fail(calendar.error());
  s.calendar = std::move(*calendar);
  auto templates = TemplateSet::Load(config.desk.templates_dir, config.desk.default_language);
  if (!templates) return fail(templates.error());
  s.templates = std::move(*templates);
  auto store = Store::Open(config.database.path);
  if (!store) return fail(store.error());
  s.store = std::move(*store);
  return s;
}

}  // namespace

int RunEscalateCommand(const Config& config, const Clock& clock, int64_t number,
                       const std::string& reason) {
  Setup s = Open(config);
  if (s.code != kExitOk) return s.code;
  auto done = EscalateIncident(*s.store, config, *s.templates, *s.calendar, number, reason,
                               "operator", ToUnix(clock.Now()));
  if (!done) {
    std::cerr << done.error().message << "\n";
    return done.error().kind == Error::Kind::kNotFound ? kExitData : ExitCodeFor(done.error());
  }
  if (config.manager.address.empty()) {
    std::cout << "incident " << number << " escalated (no [manager] address: recorded only)\n";
  } else {
    std::cout << "incident " << number << " escalated to " << config.manager.address << "\n";
  }
  return kExitOk;
}

int RunDigestCommand(const Config& config, const Clock& clock, const std::string& which) {
  Setup s = Open(config);
  if (s.code != kExitOk) return s.code;
  const int64_t now = ToUnix(clock.Now());
  Scheduler scheduler(*s.store, config, *s.templates, *s.calendar);
  Result<int> n = which == "technicians" ? scheduler.SendTechnicianReviews(now)
                                         : scheduler.SendManagerDigest(now, which == "weekly");
  if (!n) {
    std::cerr << n.error().message << "\n";
    return ExitCodeFor(n.error());
  }
  if (*n == 0) {
    std::cout << "no digest mail queued (already sent today, or nothing to report)\n";
  } else {
    std::cout << *n << " digest mail(s) queued\n";
  }
  return kExitOk;
}

}  // namespace deskd
