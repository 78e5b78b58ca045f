// deskctl: the operator's tool (shared/conventions.md, Programs). Each verb
// is a small function below; exit codes follow sysexits.h.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
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
#include "daemon/programs/test_clock.h"
#include "parsers/mail.h"

namespace {

using namespace deskd;

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

int CmdIngest(const Config& config, const std::string& queue, const std::vector<std::string>& files) {
  if (auto s = EnsureSecret(const_cast<Config&>(config)); !s.ok()) return Fail(s.error());
  auto store = Store::Open(config.database.path);
  if (!store) return Fail(store.error());
  auto templates = TemplateSet::Load(config.desk.templates_dir, config.desk.default_language);
  if (!templates) {
    std::cerr << templates.error().message << "\n";
    return kExitConfig;
  }
  SystemClock clock;
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

int CmdList(const Config& config, const IncidentFilter& filter, bool json) {
  auto store = Store::Open(config.database.path);
  if (!store) return Fail(store.error());
  // Deadlines are shown against now, in working time of the calendar.
  auto calendar = BusinessCalendar::Create(config.calendar);  // checked at config load
  IncidentFilter timed = filter;
  timed.now = ToUnix(MakeProcessClock()->Now());  // DESKD_TEST_CLOCK_FILE in tests
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

int CmdShow(const Config& config, int64_t number, bool json) {
  auto store = Store::Open(config.database.path);
  if (!store) return Fail(store.error());
  auto calendar = BusinessCalendar::Create(config.calendar);  // checked at config load
  auto incident = ShowIncidentJson(**store, number, ToUnix(MakeProcessClock()->Now()),
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
int CmdRetry(const Config& config, int64_t id) {
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
  SystemClock clock;
  if (auto s = (*store)->RetryOutbox(id, ToUnix(clock.Now())); !s.ok()) return Fail(s.error());
  std::cout << "outgoing mail " << id << " queued again\n";
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"deskctl - inspect and operate deskd"};
  app.require_subcommand(1);
  std::string config_path;
  std::string log_level = "warn";
  auto with_config = [&](CLI::App* sub) {
    sub->add_option("--config", config_path,
                    "configuration file (default /etc/deskd/deskd.toml, else ./deskd.toml)");
    sub->add_option("--log-level", log_level, "trace, debug, info, warn, error");
  };

  bool json = false;
  std::vector<std::string> files;
  auto* parse = app.add_subcommand("parse", "parse raw mails and print what deskd sees");
  with_config(parse);
  parse->add_flag("--json", json, "print the JSON contract");
  parse->add_option("files", files, "raw mail files (- for stdin)")->required();

  std::string queue;
  auto* ingest = app.add_subcommand("ingest", "take raw mails from files or stdin, as IMAP intake does");
  with_config(ingest);
  ingest->add_option("--queue", queue, "queue for new incidents (default: the first mailbox's)");
  ingest->add_option("files", files, "raw mail files (default: one mail on stdin)");

  IncidentFilter filter;
  auto* list = app.add_subcommand("list", "incidents, one line each");
  with_config(list);
  list->add_option("--status", filter.status, "new, open, on_hold, resolved, closed, merged");
  list->add_option("--owner", filter.owner, "technician name");
  list->add_option("--queue", filter.queue, "queue");
  list->add_flag("--overdue", filter.overdue, "only incidents with a breached clock");
  list->add_flag("--json", json, "a JSON array of incident objects");

  int64_t number = 0;
  auto* show = app.add_subcommand("show", "one incident: fields, deadlines, history, messages");
  with_config(show);
  show->add_option("number", number, "incident number")->required();
  show->add_flag("--json", json, "JSON");

  std::string outbox_status;
  auto* outbox = app.add_subcommand("outbox", "outgoing mail not yet sent (queued, retrying, failed)");
  with_config(outbox);
  outbox->add_option("--status", outbox_status, "queued, retry, failed or sent (default: all not sent)");
  outbox->add_flag("--json", json, "a JSON array");

  int64_t outbox_id = 0;
  auto* retry = app.add_subcommand("retry", "send a failed outgoing mail again");
  with_config(retry);
  retry->add_option("id", outbox_id, "outbox id (see deskctl outbox)")->required();

  int64_t escalate_number = 0;
  std::string escalate_reason;
  auto* escalate = app.add_subcommand("escalate", "send an incident to the manager now");
  with_config(escalate);
  escalate->add_option("number", escalate_number, "incident number")->required();
  escalate->add_option("--reason", escalate_reason, "why (goes into the manager's mail)");

  std::string digest_which;
  auto* digest = app.add_subcommand("digest", "send a digest now (once per day and kind)");
  with_config(digest);
  digest->add_option("which", digest_which, "technicians, daily or weekly")
      ->required()
      ->check(CLI::IsMember({"technicians", "daily", "weekly"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }
  SetUpLogging(log_level);

  if (parse->parsed()) return CmdParse(config_path, files, json);

  auto config = LoadDeskctlConfig(config_path);
  if (!config) {
    std::cerr << config.error().message << "\n";
    return kExitConfig;
  }
  if (ingest->parsed()) return CmdIngest(*config, queue, files);
  if (list->parsed()) return CmdList(*config, filter, json);
  if (show->parsed()) return CmdShow(*config, number, json);
  if (outbox->parsed()) return CmdOutbox(*config, outbox_status, json);
  if (retry->parsed()) return CmdRetry(*config, outbox_id);
  if (escalate->parsed()) return RunEscalateCommand(*config, escalate_number, escalate_reason);
  if (digest->parsed()) return RunDigestCommand(*config, digest_which);
  return kExitUsage;
}
