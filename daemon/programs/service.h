// Service: the running daemon. Owns the store, the intake pipeline, one
// poller per [[mailbox]] and the outbox sender, and drives them from a
// Boost.Asio event loop on a worker thread, while the main thread waits for
// signals: SIGTERM/SIGINT finish the mail in flight and stop, SIGHUP reloads
// the config (a bad new config is logged and the old one kept).
#pragma once

#include <memory>

#include "daemon/config/config.h"
#include "daemon/programs/program_env.h"
#include "parsers/result.h"

namespace deskd {

class Service {
 public:
  virtual ~Service() = default;
  // Opens the store (applying migrations), loads the templates and builds
  // the mail sources and sink; the clock and the observers come from `env`.
  // Errors: config (78), temporary (75).
  static Result<std::unique_ptr<Service>> Create(Config config, ProgramEnv env = {});
  // Runs until SIGTERM or SIGINT. Returns the process exit code.
  virtual int Run() = 0;
};

}  // namespace deskd
