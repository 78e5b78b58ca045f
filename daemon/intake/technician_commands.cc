#include "daemon/intake/technician_commands.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "parsers/text_util.h"

namespace deskd {
namespace {

constexpr std::size_t kMaxCategoryBytes = 64;
constexpr std::size_t kMaxReasonBytes = 500;

std::string Trim(std::string_view s) { return std::string(text::Trim(s)); }

// First word (lower-case) and the rest (trimmed).
std::pair<std::string, std::string> SplitWord(const std::string& argument) {
  const std::size_t end = argument.find_first_of(" \t");
  if (end == std::string::npos) return {text::AsciiLower(argument), ""};
  return {text::AsciiLower(argument.substr(0, end)), Trim(argument.substr(end))};
}

std::optional<int64_t> ParseNumber(std::string_view argument) {
  std::string_view digits = text::Trim(argument);
  if (!digits.empty() && digits[0] == '#') digits.remove_prefix(1);
  int64_t n = 0;
  const char* end = digits.data() + digits.size();
  auto [ptr, ec] = std::from_chars(digits.data(), end, n);
  if (ec != std::errc() || ptr != end || n <= 0) return std::nullopt;
  return n;
}

// Status names a technician may write, in the desk's four languages.
std::optional<std::string> StatusFromWord(const std::string& word) {
  static const std::map<std::string, std::string> kStatus = {
      {"open", "open"},           {"opened", "open"},          {"in_progress", "open"},
      {"inprogress", "open"},     {"work", "open"},            {"avatud", "open"},
      {"töös", "open"},           {"открыт", "open"},          {"в_работе", "open"},
      {"deschis", "open"},        {"on_hold", "on_hold"},      {"hold", "on_hold"},
      {"pending", "on_hold"},     {"ootel", "on_hold"},        {"ожидание", "on_hold"},
      {"așteptare", "on_hold"},   {"asteptare", "on_hold"},    {"resolved", "resolved"},
      {"solved", "resolved"},     {"done", "resolved"},        {"lahendatud", "resolved"},
      {"решен", "resolved"},      {"решён", "resolved"},       {"rezolvat", "resolved"},
      {"closed", "closed"},       {"close", "closed"},         {"suletud", "closed"},
      {"закрыт", "closed"},       {"închis", "closed"},        {"inchis", "closed"},
  };
  auto it = kStatus.find(word);
  if (it == kStatus.end()) return std::nullopt;
  return it->second;
}

bool IsKnownLanguageCode(const std::string& code) {
  return code == "et" || code == "ru" || code == "ro" || code == "en";
}

// Collects the plan; each setter refuses a second, different value.
class Planner {
 public:
  Planner(const CommandContext& context) : context_(context) {}

  void Command(const std::string& name, const std::string& argument) {
    line_ = "#" + name + (argument.empty() ? "" : " " + argument);
    if (name == "status") return Status(argument);
    if (name == "hold") return Hold(argument);
    if (name == "assign" || name == "owner") return Assign(argument);
    if (name == "priority" || name == "prio") return Priority(argument);
    if (name == "category") return Category(argument);
    if (name == "merge") return Merge(argument);
    if (name == "link") return Link(argument);
    if (name == "escalate") return Escalate(argument);
    if (name == "lang" || name == "language") return Language(argument);
    if (name == "internal" || name == "note") {
      plan_.internal = true;
      return;
    }
    Fail("unknown command (known: #status, #hold, #assign, #priority, #category, #merge, "
         "#link, #escalate, #lang, #internal)");
  }

  CommandPlan Finish() {
    const IncidentRow& incident = *context_.incident;
    if (plan_.merge_into && plan_.status) {
      plan_.errors.push_back({"#merge", "cannot be combined with a status change"});
    }
    if (incident.status == "merged" && plan_.ChangesIncident()) {
      plan_.errors.push_back(
          {"", "incident #" + std::to_string(incident.number) + " was merged into #" +
                   std::to_string(incident.merged_into.value_or(0)) +
                   ": write to that incident instead"});
    }
    if (!plan_.ok()) {
      // Nothing is half-applied: keep only the errors (and #internal, which
      // decides that the text is not relayed even when the rest fails).
      CommandPlan failed;
      failed.errors = std::move(plan_.errors);
      failed.internal = plan_.internal;
      return failed;
    }
    return std::move(plan_);
  }

 private:
  void Fail(std::string message) { plan_.errors.push_back({line_, std::move(message)}); }

  template <typename T>
  bool SetOnce(std::optional<T>& field, const T& value) {
    if (field && *field != value) {
      Fail("given twice with different values");
      return false;
    }
    field = value;
    return true;
  }

  void Status(const std::string& argument) {
    auto [word, rest] = SplitWord(argument);
    auto status = StatusFromWord(word);
    if (!status) {
      Fail("status must be open, on_hold, resolved or closed");
      return;
    }
    if (*status == "on_hold") return Hold(rest);
    SetOnce(plan_.status, *status);
  }

  void Hold(const std::string& reason) {
    if (reason.empty()) {
      Fail("say why the incident waits: #hold <reason> (the client is told)");
      return;
    }
    if (reason.size() > kMaxReasonBytes) {
      Fail("the reason is longer than " + std::to_string(kMaxReasonBytes) + " bytes");
      return;
    }
    if (SetOnce(plan_.status, std::string("on_hold"))) SetOnce(plan_.hold_reason, reason);
  }

  void Assign(const std::string& argument) {
    std::string name = text::AsciiLower(Trim(argument));
    if (name == "me" || name == "mina" || name == "я" || name == "eu") name = context_.actor;
    if (name.empty()) {
      Fail("name a technician: #assign <name> or #assign me");
      return;
    }
    const TechnicianSection* technician = context_.config->TechnicianByName(name);
    if (technician == nullptr) {
      std::string known;
      for (const auto& t : context_.config->technicians) known += (known.empty() ? "" : ", ") + t.name;
      Fail("no technician named \"" + name + "\" (known: " + known + ")");
      return;
    }
    SetOnce(plan_.owner, technician->name);
  }

  void Priority(const std::string& argument) {
    std::string value = text::AsciiLower(Trim(argument));
    if (!value.empty() && value[0] == 'p') value.erase(0, 1);
    auto n = ParseNumber(value);
    if (!n || *n > 4) {
      Fail("priority must be 1, 2, 3 or 4 (1 = emergency)");
      return;
    }
    SetOnce(plan_.priority, static_cast<int>(*n));
  }

  void Category(const std::string& argument) {
    const std::string category = Trim(argument);
    if (category.empty() || category.size() > kMaxCategoryBytes) {
      Fail("name a category of 1 to " + std::to_string(kMaxCategoryBytes) + " bytes");
      return;
    }
    SetOnce(plan_.category, category);
  }

  std::optional<int64_t> OtherIncident(const std::string& argument) {
    auto n = ParseNumber(argument);
    if (!n) {
      Fail("give an incident number, e.g. 1038");
      return std::nullopt;
    }
    if (*n == context_.incident->number) {
      Fail("that is this incident");
      return std::nullopt;
    }
    if (!context_.incident_is_open_target || !context_.incident_is_open_target(*n)) {
      Fail("there is no incident #" + std::to_string(*n) + " (or it was merged)");
      return std::nullopt;
    }
    return n;
  }

  void Merge(const std::string& argument) {
    if (auto n = OtherIncident(argument)) SetOnce(plan_.merge_into, *n);
  }

  void Link(const std::string& argument) {
    auto n = OtherIncident(argument);
    if (n && std::find(plan_.related.begin(), plan_.related.end(), *n) == plan_.related.end()) {
      plan_.related.push_back(*n);
    }
  }

  void Escalate(const std::string& reason) {
    if (reason.size() > kMaxReasonBytes) {
      Fail("the reason is longer than " + std::to_string(kMaxReasonBytes) + " bytes");
      return;
    }
    SetOnce(plan_.escalation, reason);
  }

  void Language(const std::string& argument) {
    const std::string code = text::AsciiLower(Trim(argument));
    if (!IsKnownLanguageCode(code)) {
      Fail("language must be et, ru, ro or en");
      return;
    }
    SetOnce(plan_.language, code);
  }

  const CommandContext& context_;
  CommandPlan plan_;
  std::string line_;
};

}  // namespace

bool CommandPlan::ChangesIncident() const {
  return status || hold_reason || owner || priority || category || merge_into ||
         !related.empty() || escalation || language;
}

CommandPlan PlanCommands(const std::vector<std::pair<std::string, std::string>>& commands,
                         const CommandContext& context) {
  Planner planner(context);
  for (const auto& [name, argument] : commands) planner.Command(text::AsciiLower(name), argument);
  return planner.Finish();
}

}  // namespace deskd
