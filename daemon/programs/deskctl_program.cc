#include "daemon/programs/deskctl_program.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "daemon/core/clock.h"
#include "daemon/config/config.h"
#include "daemon/core/exit_codes.h"
#include "daemon/views/incident_json.h"
#include "daemon/intake/intake.h"
#include "daemon/core/logging.h"
#include "daemon/views/mail_json.h"
#include "daemon/views/outbox_json.h"
#include "daemon/programs/sla_commands.h"
#include "daemon/store/store.h"
#include "daemon/compose/templates.h"
#include "parsers/mail.h"

namespace deskd {
namespace {

constexpr const char* kSystemConfig = "/etc/deskd/deskd.toml";

// --config, else /etc/deskd/deskd.toml, else ./deskd.toml.
Result<Config> LoadDeskctlConfig(const std::string& path) {
  if (!path.empty()) return LoadConfig(path);
  if (std::filesystem::exists(kSystemConfig)) return LoadConfig(kSystemConfig);
  if (std::filesystem::exists("deskd.toml")) return LoadConfig("deskd.toml");
  return Error::Config(std::string("no configuration: give --config FILE, or create ") +
                       kSystemConfig + " or ./deskd.toml");
}

// Prints the error for the operator; returns its sysexits code.
int Fail(const Error& error) {
  std::cerr << error.message << "\n";
  return ExitCodeFor(error);
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::NotFound(path + ": cannot open");
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string ReadStdin() {
  std::ostringstream s;
  s << std::cin.rdbuf();
  return s.str();
}

ParseOptions ParseOptionsFrom(const Config* config) {
  ParseOptions o;
  if (config == nullptr) return o;
  o.ticket_prefix = config->desk.prefix;
  o.desk_address = config->desk.address;
  o.message_id_domain = config->MessageIdDomain();
  o.default_language = config->desk.default_language;
  o.max_parts = config->limits.max_mime_parts;
  o.max_nesting_depth = config->limits.max_mime_depth;
  return o;
}

// A mail with nothing a mail has: no sender, no Message-ID, no subject.
bool Unparseable(const ParsedMail& m) {
  return m.from.address.empty() && !m.message_id && m.subject.empty();
}

int CmdParse(const std::string& config_path, const std::vector<std::string>& files, bool json) {
  // The config only supplies the prefix and the desk's address: optional.
  std::optional<Config> config;
  if (auto c = LoadDeskctlConfig(config_path); c.ok()) {
    config = std::move(*c);
  } else if (!config_path.empty()) {
    std::cerr << c.error().message << "\n";
    return kExitConfig;
  }
  const ParseOptions options = ParseOptionsFrom(config ? &*config : nullptr);
  nlohmann::json all = nlohmann::json::array();
  int rc = kExitOk;
  for (const auto& file : files) {
    auto raw = file == "-" ? Result<std::string>(ReadStdin()) : ReadFile(file);
    if (!raw) {
      std::cerr << raw.error().message << "\n";
      rc = kExitNoInput;
      continue;
    }
    ParsedMail mail = ParseMail(*raw, options);
    if (Unparseable(mail) && rc == kExitOk) rc = kExitData;
    if (json) {
      all.push_back(MailToJson(mail, file));
    } else {
      std::cout << file << ": " << ClassificationName(mail.classification)
                << " from=" << mail.from.address << " lang=" << mail.language
                << " ticket=" << (mail.ticket ? std::to_string(*mail.ticket) : "-")
                << "\n  subject: " << mail.subject << "\n";
      for (const auto& p : mail.problems) std::cout << "  problem: " << p << "\n";
      std::cout << "  ---\n" << mail.new_text << "\n";
    }
  }
  if (json) std::cout << (all.size() == 1 ? all[0] : all).dump(2) << "\n";
  return rc;
}

int CmdIngest(Config& config, const Clock& clock, const std::string& queue,
              const std::vector<std::string>& files) {
  if (auto s = EnsureSecret(config); !s.ok()) return Fail(s.error());
  auto store = Store::Open(config.database.path);
  if (!store) return Fail(store.error());
  auto templates = TemplateSet::Load(config.desk.templates_dir, config.desk.default_language);
  if (!templates) {
    std::cerr << templates.error().message << "\n";
    return kExitConfig;
  }
  Intake intake(**store, config, *templates, clock);
  MailOrigin origin;
  origin.mailbox = "deskctl";
  origin.queue = queue.empty() ? (config.mailboxes.empty() ? "support" : config.mailboxes[0].queue)
                               : queue;
  std::vector<std::string> inputs = files;
  if (inputs.empty()) inputs.push_back("-");
  int rc = kExitOk;
  size_t done = 0;
  for (const auto& file : inputs) {
    auto raw = file == "-" ? Result<std::string>(ReadStdin()) : ReadFile(file);
    if (!raw) {
      std::cerr << raw.error().message << "\n";
      rc = kExitNoInput;
      continue;
    }
    auto outcome = intake.Process(*raw, origin);
    if (!outcome) {
      std::cerr << file << ": " << outcome.error().message << "\n";
      // A busy database or full disk: the MTA must retry (75). Stop here so
      // that the caller retries the rest too.
      return ExitCodeFor(outcome.error());
    }
    if (inputs.size() > 1 && ++done % 100 == 0) {
      spdlog::info("ingest progress done={} total={}", done, inputs.size());
    }
    for (const auto& p : outcome->problems) std::cerr << file << ": problem: " << p << "\n";
    // Kept raw either way; 65 tells the operator that it was not a mail.
    if (!outcome->problems.empty() && rc == kExitOk &&
        Unparseable(ParseMail(*raw, ParseOptionsFrom(&config)))) {
      rc = kExitData;
    }
  }
  return rc;
}

int CmdList(const Config& config, const Clock& clock, const IncidentFilter& filter, bool json) {
  auto store = Store::Open(config.database.path);
  if (!store) return Fail(store.error());
  // Deadlines are shown against now, in working time of the calendar.
  auto calendar = BusinessCalendar::Create(config.calendar);  // checked at config load
  IncidentFilter timed = filter;
  timed.now = ToUnix(clock.Now());
  if (calendar.ok()) timed.calendar = &*calendar;
  auto list = ListIncidentsJson(**store, timed);
  if (!list) return Fail(list.error());
  if (json) {
    std::cout << list->dump(2) << "\n";
  } else {
    std::cout << FormatIncidentList(*list);
  }
  return kExitOk;
}

int CmdShow(const Config& config, const Clock& clock, int64_t number, bool json) {
  auto store = Store::Open(config.database.path);
  if (!store) return Fail(store.error());
  auto calendar = BusinessCalendar::Create(config.calendar);  // checked at config load
  auto incident = ShowIncidentJson(**store, number, ToUnix(clock.Now()),
                                   calendar.ok() ? &*calendar : nullptr);
  if (!incident) return Fail(incident.error());
  if (json) {
    std::cout << incident->dump(2) << "\n";
  } else {
    std::cout << FormatIncident(*incident);
  }
  return kExitOk;
}

int CmdOutbox(const Config& config, const std::string& status, bool json) {
  auto store = Store::Open(config.database.path);
  if (!store) return Fail(store.error());
  auto rows = ListOutboxJson(**store, status);
  if (!rows) return Fail(rows.error());
  if (json) {
    std::cout << rows->dump(2) << "\n";
  } else {
    std::cout << FormatOutboxList(*rows);
  }
  return kExitOk;
}

// Puts a failed (or waiting) outgoing mail back in the queue, due now; the
// daemon sends it at its next outbox round (within seconds).
int CmdRetry(const Config& config, const Clock& clock, int64_t id) {
  auto store = Store::Open(config.database.path);
  if (!store) return Fail(store.error());
  auto row = (*store)->FindOutbox(id);
  if (!row) return Fail(row.error());
  if (!row->has_value()) {
    std::cerr << "no outgoing mail with id " << id << "\n";
    return kExitData;
  }
  if ((*row)->status == "sent") {
    std::cerr << "outgoing mail " << id << " was already sent; not sending it twice\n";
    return kExitData;
  }
  if (auto s = (*store)->RetryOutbox(id, ToUnix(clock.Now())); !s.ok()) return Fail(s.error());
  std::cout << "outgoing mail " << id << " queued again\n";
  return kExitOk;
}

// The options every verb takes, and the environment every verb runs in.
struct Common {
  std::string config_path;
  std::string log_level = "warn";
  const ProgramEnv* env = nullptr;
};

// One verb: its subcommand, and what runs when it is the one chosen.
struct Verb {
  CLI::App* command;
  std::function<int(const Common&)> run;
};

CLI::App* AddVerb(CLI::App& app, Common& common, const std::string& name,
                  const std::string& description) {
  CLI::App* sub = app.add_subcommand(name, description);
  sub->add_option("--config", common.config_path,
                  "configuration file (default /etc/deskd/deskd.toml, else ./deskd.toml)");
  sub->add_option("--log-level", common.log_level, "trace, debug, info, warn, error");
  return sub;
}

// Loads the configuration (78 when it is bad) and runs `verb` with it and
// the environment's clock.
int WithConfig(const Common& common, const std::function<int(Config&, const Clock&)>& verb) {
  auto config = LoadDeskctlConfig(common.config_path);
  if (!config) {
    std::cerr << config.error().message << "\n";
    return kExitConfig;
  }
  auto clock = common.env->make_clock();
  return verb(*config, *clock);
}

Verb AddParse(CLI::App& app, Common& common) {
  struct Args { bool json = false; std::vector<std::string> files; };
  auto a = std::make_shared<Args>();
  CLI::App* sub = AddVerb(app, common, "parse", "parse raw mails and print what deskd sees");
  sub->add_flag("--json", a->json, "print the JSON contract");
  sub->add_option("files", a->files, "raw mail files (- for stdin)")->required();
  // No WithConfig: the config is optional here.
  return {sub, [a](const Common& c) { return CmdParse(c.config_path, a->files, a->json); }};
}

Verb AddIngest(CLI::App& app, Common& common) {
  struct Args { std::string queue; std::vector<std::string> files; };
  auto a = std::make_shared<Args>();
  CLI::App* sub = AddVerb(app, common, "ingest", "take raw mails from files or stdin, as IMAP intake does");
  sub->add_option("--queue", a->queue, "queue for new incidents (default: the first mailbox's)");
  sub->add_option("files", a->files, "raw mail files (default: one mail on stdin)");
  return {sub, [a](const Common& c) {
            return WithConfig(c, [&](Config& config, const Clock& clock) {
              return CmdIngest(config, clock, a->queue, a->files);
            });
          }};
}

Verb AddList(CLI::App& app, Common& common) {
  struct Args { IncidentFilter filter; bool json = false; };
  auto a = std::make_shared<Args>();
  CLI::App* sub = AddVerb(app, common, "list", "incidents, one line each");
  sub->add_option("--status", a->filter.status, "new, open, on_hold, resolved, closed, merged");
  sub->add_option("--owner", a->filter.owner, "technician name");
  sub->add_option("--queue", a->filter.queue, "queue");
  sub->add_flag("--overdue", a->filter.overdue, "only incidents with a breached clock");
  sub->add_flag("--json", a->json, "a JSON array of incident objects");
  return {sub, [a](const Common& c) {
            return WithConfig(c, [&](Config& config, const Clock& clock) {
              return CmdList(config, clock, a->filter, a->json);
            });
          }};
}

Verb AddShow(CLI::App& app, Common& common) {
  struct Args { int64_t number = 0; bool json = false; };
  auto a = std::make_shared<Args>();
  CLI::App* sub = AddVerb(app, common, "show", "one incident: fields, deadlines, history, messages");
  sub->add_option("number", a->number, "incident number")->required();
  sub->add_flag("--json", a->json, "JSON");
  return {sub, [a](const Common& c) {
            return WithConfig(c, [&](Config& config, const Clock& clock) {
              return CmdShow(config, clock, a->number, a->json);
            });
          }};
}

Verb AddOutbox(CLI::App& app, Common& common) {
  struct Args { std::string status; bool json = false; };
  auto a = std::make_shared<Args>();
  CLI::App* sub = AddVerb(app, common, "outbox", "outgoing mail not yet sent (queued, retrying, failed)");
  sub->add_option("--status", a->status, "queued, retry, failed or sent (default: all not sent)");
  sub->add_flag("--json", a->json, "a JSON array");
  return {sub, [a](const Common& c) {
            return WithConfig(c, [&](Config& config, const Clock&) {
              return CmdOutbox(config, a->status, a->json);
            });
          }};
}

Verb AddRetry(CLI::App& app, Common& common) {
  auto id = std::make_shared<int64_t>(0);
  CLI::App* sub = AddVerb(app, common, "retry", "send a failed outgoing mail again");
  sub->add_option("id", *id, "outbox id (see deskctl outbox)")->required();
  return {sub, [id](const Common& c) {
            return WithConfig(c, [&](Config& config, const Clock& clock) {
              return CmdRetry(config, clock, *id);
            });
          }};
}

Verb AddEscalate(CLI::App& app, Common& common) {
  struct Args { int64_t number = 0; std::string reason; };
  auto a = std::make_shared<Args>();
  CLI::App* sub = AddVerb(app, common, "escalate", "send an incident to the manager now");
  sub->add_option("number", a->number, "incident number")->required();
  sub->add_option("--reason", a->reason, "why (goes into the manager's mail)");
  return {sub, [a](const Common& c) {
            return WithConfig(c, [&](Config& config, const Clock& clock) {
              return RunEscalateCommand(config, clock, a->number, a->reason);
            });
          }};
}

Verb AddDigest(CLI::App& app, Common& common) {
  auto which = std::make_shared<std::string>();
  CLI::App* sub = AddVerb(app, common, "digest", "send a digest now (once per day and kind)");
  sub->add_option("which", *which, "technicians, daily or weekly")
      ->required()
      ->check(CLI::IsMember({"technicians", "daily", "weekly"}));
  return {sub, [which](const Common& c) {
            return WithConfig(c, [&](Config& config, const Clock& clock) {
              return RunDigestCommand(config, clock, *which);
            });
          }};
}

}  // namespace

int RunDeskctl(int argc, char** argv, const ProgramEnv& env) {
  CLI::App app{"deskctl - inspect and operate deskd"};
  app.require_subcommand(1);
  Common common;
  common.env = &env;
  const std::vector<Verb> verbs = {
      AddParse(app, common),  AddIngest(app, common), AddList(app, common),
      AddShow(app, common),   AddOutbox(app, common), AddRetry(app, common),
      AddEscalate(app, common), AddDigest(app, common)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }
  SetUpLogging(common.log_level);
  for (const Verb& verb : verbs) {
    if (verb.command->parsed()) return verb.run(common);
  }
  return kExitUsage;
}

}  // namespace deskd
