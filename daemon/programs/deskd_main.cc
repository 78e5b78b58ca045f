// deskd: the daemon. `deskd --config FILE` runs in the foreground and logs to
// stderr; `deskd --check-config --config FILE` validates and exits (0 / 78).
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "daemon/config/config.h"
#include "daemon/core/exit_codes.h"
#include "daemon/core/logging.h"
#include "daemon/programs/service.h"
#include "daemon/compose/templates.h"

namespace {

using namespace deskd;

// --config, else ./deskd.toml, else the embedded default.
Result<Config> LoadChosenConfig(const std::string& path) {
  if (!path.empty()) return LoadConfig(path);
  if (std::filesystem::exists("deskd.toml")) return LoadConfig("deskd.toml");
  spdlog::info("no --config and no ./deskd.toml: using the embedded default config");
  return ParseConfig(DefaultConfigToml(), "<embedded default>",
                     std::filesystem::current_path().string());
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"deskd - email-driven service desk daemon"};
  std::string config_path;
  bool check_only = false;
  bool print_default = false;
  bool version = false;
  std::string log_level = "info";
  app.add_option("--config", config_path, "configuration file (TOML)");
  app.add_flag("--check-config", check_only, "validate the configuration and exit (0 good, 78 bad)");
  app.add_flag("--print-default-config", print_default, "print the embedded default configuration");
  app.add_flag("--version", version, "print the version");
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }
  if (version) {
    std::cout << "deskd " << DESKD_VERSION << "\n";
    return kExitOk;
  }
  if (print_default) {
    std::cout << DefaultConfigToml();
    return kExitOk;
  }
  SetUpLogging(log_level);

  auto config = LoadChosenConfig(config_path);
  if (!config) {
    if (check_only) {
      std::cerr << config.error().message << "\n";
    } else {
      spdlog::error("config error: {}", config.error().message);
    }
    return kExitConfig;
  }
  if (check_only) {
    auto templates = TemplateSet::Load(config->desk.templates_dir, config->desk.default_language);
    if (!templates) {
      std::cerr << templates.error().message << "\n";
      return kExitConfig;
    }
    std::cout << "config ok: " << (config->file.empty() ? "<embedded default>" : config->file) << "\n";
    return kExitOk;
  }
  auto service = Service::Create(std::move(*config));
  if (!service) {
    spdlog::error("cannot start: {}", service.error().message);
    return ExitCodeFor(service.error());
  }
  return (*service)->Run();
}
