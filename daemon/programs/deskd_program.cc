#include "daemon/programs/deskd_program.h"

#include <filesystem>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "daemon/compose/templates.h"
#include "daemon/config/config.h"
#include "daemon/core/exit_codes.h"
#include "daemon/core/logging.h"
#include "daemon/programs/service.h"

namespace deskd {
namespace {

struct DeskdArgs {
  std::string config_path;
  bool check_only = false;
  bool print_default = false;
  bool version = false;
  std::string log_level = "info";
};

// --config, else ./deskd.toml, else the embedded default.
Result<Config> LoadChosenConfig(const std::string& path) {
  if (!path.empty()) return LoadConfig(path);
  if (std::filesystem::exists("deskd.toml")) return LoadConfig("deskd.toml");
  spdlog::info("no --config and no ./deskd.toml: using the embedded default config");
  return ParseConfig(DefaultConfigToml(), "<embedded default>",
                     std::filesystem::current_path().string());
}

// --check-config: the config and its templates load.
int CheckConfig(const Result<Config>& config) {
  if (!config) {
    std::cerr << config.error().message << "\n";
    return kExitConfig;
  }
  auto templates = TemplateSet::Load(config->desk.templates_dir, config->desk.default_language);
  if (!templates) {
    std::cerr << templates.error().message << "\n";
    return kExitConfig;
  }
  std::cout << "config ok: " << (config->file.empty() ? "<embedded default>" : config->file) << "\n";
  return kExitOk;
}

}  // namespace

int RunDeskd(int argc, char** argv, const ProgramEnv& env) {
  CLI::App app{"deskd - email-driven service desk daemon"};
  DeskdArgs args;
  app.add_option("--config", args.config_path, "configuration file (TOML)");
  app.add_flag("--check-config", args.check_only, "validate the configuration and exit (0 good, 78 bad)");
  app.add_flag("--print-default-config", args.print_default, "print the embedded default configuration");
  app.add_flag("--version", args.version, "print the version");
  app.add_option("--log-level", args.log_level, "trace, debug, info, warn, error")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }
  if (args.version) {
    std::cout << "deskd " << DESKD_VERSION << "\n";
    return kExitOk;
  }
  if (args.print_default) {
    std::cout << DefaultConfigToml();
    return kExitOk;
  }
  SetUpLogging(args.log_level);

  auto config = LoadChosenConfig(args.config_path);
  if (args.check_only) return CheckConfig(config);
  if (!config) {
    spdlog::error("config error: {}", config.error().message);
    return kExitConfig;
  }
  auto service = Service::Create(std::move(*config), env);
  if (!service) {
    spdlog::error("cannot start: {}", service.error().message);
    return ExitCodeFor(service.error());
  }
  return (*service)->Run();
}

}  // namespace deskd
