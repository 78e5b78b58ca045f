// Technician commands (design.md, "Technician commands"): the `#name
// argument` lines at the top of an authenticated technician's reply, checked
// as a whole before anything changes. PlanCommands is pure: it takes the
// incident as it is and the commands, and returns either the complete set
// of changes or the errors — never half of it ("nothing is half-applied").
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "daemon/config/config.h"
#include "daemon/core/model.h"

namespace deskd {

// One command that cannot be carried out, for the error mail.
struct CommandError {
  std::string command;  // as written: "#priority 7"
  std::string message;  // why: "priority must be 1, 2, 3 or 4"
};

// What the commands of one mail change. Unset fields stay as they are.
struct CommandPlan {
  std::optional<std::string> status;       // open|on_hold|resolved|closed
  std::optional<std::string> hold_reason;  // with status on_hold
  std::optional<std::string> owner;        // technician name
  std::optional<int> priority;             // 1..4
  std::optional<std::string> category;
  std::optional<int64_t> merge_into;       // status becomes merged
  std::vector<int64_t> related;            // #link N
  std::optional<std::string> escalation;   // #escalate [reason]: reason ("" = none given)
  std::optional<std::string> language;     // #lang et|ru|ro|en
  bool internal = false;                   // #internal: the text is not relayed
  std::vector<CommandError> errors;        // non-empty: apply nothing

  bool ok() const { return errors.empty(); }
  // True when the plan changes the incident (not only #internal).
  bool ChangesIncident() const;
};

// The world as PlanCommands needs to see it.
struct CommandContext {
  const IncidentRow* incident = nullptr;  // REQUIRED
  std::string actor;                      // the authenticated technician's name
  const Config* config = nullptr;         // REQUIRED: technicians, queues
  // Whether incident `n` exists and is not merged; for #merge and #link.
  std::function<bool(int64_t)> incident_is_open_target;
};

// Checks every command; see technician_commands.cc for each rule.
CommandPlan PlanCommands(const std::vector<std::pair<std::string, std::string>>& commands,
                         const CommandContext& context);

}  // namespace deskd
