#include "daemon/intake/intake.h"

#include <algorithm>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "daemon/notify/escalation.h"
#include "daemon/notify/incident_values.h"
#include "daemon/core/mail_text.h"
#include "daemon/core/logging.h"
#include "daemon/notify/notifier.h"
#include "daemon/compose/outgoing_mail.h"
#include "daemon/compose/reply_token.h"
#include "daemon/sla/sla_tracker.h"
#include "daemon/intake/technician_commands.h"
#include "parsers/mail.h"
#include "parsers/text_util.h"
#include "parsers/ticket_ref.h"

namespace deskd {

const char* IntakeActionName(IntakeOutcome::Action action) {
  switch (action) {
    case IntakeOutcome::Action::kCreated: return "created";
    case IntakeOutcome::Action::kThreaded: return "threaded";
    case IntakeOutcome::Action::kInternalNote: return "internal_note";
    case IntakeOutcome::Action::kDuplicate: return "duplicate";
    case IntakeOutcome::Action::kBounceRecorded: return "bounce_recorded";
    case IntakeOutcome::Action::kTooLarge: return "too_large";
    case IntakeOutcome::Action::kStored: return "stored";
  }
  return "stored";
}

const std::vector<std::string>& Intake::TemplateNames() {
  static const std::vector<std::string> names = {"acknowledgement", "technician_new",
                                                 "technician_update", "technician_reply",
                                                 "outside_sender_note", "command_error",
                                                 "client_in_work", "client_on_hold",
                                                 "client_resolved"};
  return names;
}

namespace {

constexpr int64_t kDay = 86400;
constexpr int kMaxMergeHops = 16;
constexpr size_t kMaxReferences = 10;

// Who wrote a threaded mail, as far as deskd can tell.
enum class Sender { kClient, kTechnician, kOutsider };

// The incident a mail belongs to, and how that was found.
struct Thread {
  std::optional<IncidentRow> incident;
  std::string via;                                  // token, in_reply_to, ...
  std::optional<ParticipantRow> token_participant;  // only for a valid token
  std::optional<int64_t> related_to;                // closed beyond the window
};

// One person an outgoing mail goes to.
struct Recipient {
  std::string address;
  std::optional<std::string> name;
  int64_t participant_id = 0;
};

}  // namespace

// The work on one mail: lives for one Process() call.
class IntakeRun {
 public:
  IntakeRun(Intake& intake, std::string_view raw, const MailOrigin& origin, int64_t now)
      : store_(intake.store_),
        config_(intake.config_),
        templates_(intake.templates_),
        raw_(raw),
        origin_(origin),
        now_(now) {}

  Result<IntakeOutcome> Execute();
  void EmitLogs() const;

 private:
  void Parse();
  bool IsOwnMail() const;
  Result<IntakeOutcome> Duplicate(int64_t ticket, const char* by);
  Result<Thread> FindThread();
  Result<std::optional<IncidentRow>> FollowMerges(int64_t number);
  Result<Sender> Classify(const Thread& thread, std::optional<ParticipantRow>* participant);

  Result<IntakeOutcome> NewIncident(std::optional<int64_t> related_to, const std::string& via);
  // The incident row of a new mail, stored, with its priority and clocks.
  Result<IncidentRow> CreateIncidentRow();
  // Requester (Reply-To or From), the sender if other, the Cc people.
  // Returns the sender's participant id; `requester` gets the address.
  Result<std::optional<int64_t>> AddFirstParticipants(IncidentRow* row, std::string* requester);
  // A follow-up to a closed incident after the reopen window: linked both ways.
  Status LinkFollowUp(int64_t number, int64_t related_to);
  Result<IntakeOutcome> ClientMail(IncidentRow incident, const ParticipantRow& sender,
                                   const std::string& via);
  Result<IntakeOutcome> TechnicianMail(IncidentRow incident, const ParticipantRow& sender,
                                       const TechnicianSection& technician,
                                       const std::string& via);
  Status ApplyCommands(IncidentRow* incident, const TechnicianSection& technician,
                       const ParticipantRow& sender, const CommandPlan& plan);
  Status CommandErrors(const IncidentRow& incident, const TechnicianSection& technician,
                       const ParticipantRow& sender, const CommandPlan& plan);
  Status ChangeStatus(IncidentRow* incident, const TechnicianSection& technician,
                      const CommandPlan& plan);
  // `template_name` to the incident's requester and CCs (not to technicians,
  // not to `exclude`), in the incident's language.
  Status MailClients(const IncidentRow& incident, const std::string& template_name,
                     const TemplateValues& values, const std::string& exclude);
  Result<IntakeOutcome> OutsiderMail(const IncidentRow& incident, const std::string& via);
  Result<IntakeOutcome> Bounce(const Thread& thread);
  Result<IntakeOutcome> StoreUnattached(const std::string& reason);

  Result<int64_t> StoreMessage(std::optional<int64_t> incident,
                               std::optional<int64_t> participant_id, bool internal,
                               bool outside_sender);
  Status AddEvent(int64_t incident, const std::string& actor, const std::string& kind,
                  const nlohmann::json& detail);
  Status TooLargeEvent(int64_t incident);
  Status Reopen(IncidentRow* incident, const std::string& actor);
  Status AddCcParticipants(int64_t incident, const std::string& exclude, bool record_events);

  Status Acknowledge(const IncidentRow& incident);
  Status NotifyTechnicians(const IncidentRow& incident,
                           const std::vector<const TechnicianSection*>& technicians,
                           const std::string& template_name, TemplateValues values,
                           const std::string& exclude_address = "");
  Status QueueMail(const IncidentRow& incident, const std::string& template_name,
                   const std::string& language, TemplateValues values,
                   const Recipient& recipient, const std::string& auto_submitted);
  Result<std::optional<ParticipantRow>> Requester(const IncidentRow& incident);
  std::vector<const TechnicianSection*> Responsible(const IncidentRow& incident) const;
  // IncidentValues() plus the mail in hand: client_text and sender.
  Result<TemplateValues> BaseValues(const IncidentRow& incident) const;
  std::string ClientText() const;
  std::string SenderText() const;
  bool IsTechnicianAddress(const std::string& address) const {
    return config_.TechnicianByAddress(address) != nullptr;
  }

  void Problem(std::string p) { out_.problems.push_back(std::move(p)); }
  void Log(spdlog::level::level_enum level, std::string line) {
    logs_.emplace_back(level, std::move(line));
  }
  std::string Where() const;

  Store& store_;
  const Config& config_;
  const TemplateSet& templates_;
  std::string_view raw_;
  const MailOrigin& origin_;
  const int64_t now_;

  std::string sha256_;
  ParsedMail mail_;
  bool too_large_ = false;
  bool own_mail_ = false;  // deskd's own outgoing mail, come back
  std::string queue_;
  std::optional<int64_t> message_row_;
  IntakeOutcome out_;
  std::vector<std::pair<spdlog::level::level_enum, std::string>> logs_;
};

// --- the flow ---

Result<IntakeOutcome> IntakeRun::Execute() {
  sha256_ = Sha256Hex(raw_);
  queue_ = origin_.queue;
  if (queue_.empty()) queue_ = config_.mailboxes.empty() ? "support" : config_.mailboxes[0].queue;

  DESKD_TRY_ASSIGN(auto same_bytes, store_.FindMessageBySha256(sha256_));
  if (same_bytes) {
    // Not parsed: the Message-ID of the outcome is not needed to skip it.
    return Duplicate(*same_bytes, "sha256");
  }

  Parse();
  if (mail_.message_id && !mail_.message_id->empty()) {
    DESKD_TRY_ASSIGN(auto same_id, store_.FindIncomingMessageId(*mail_.message_id));
    if (same_id) return Duplicate(*same_id, "message_id");
  }

  DESKD_TRY_ASSIGN(auto thread, FindThread());

  if (mail_.classification == Classification::kBounce) return Bounce(thread);
  if (own_mail_) {
    // A loop (an alias forwarding deskd's mail back to the desk): kept,
    // never the start of an incident nor a reason to mail anyone.
    if (!thread.incident) return StoreUnattached("deskd's own mail came back");
    return OutsiderMail(*thread.incident, thread.via);
  }
  if (!thread.incident) return NewIncident(std::nullopt, "new");
  if (thread.related_to) return NewIncident(thread.related_to, "closed_beyond_window");

  std::optional<ParticipantRow> participant;
  DESKD_TRY_ASSIGN(auto sender, Classify(thread, &participant));
  switch (sender) {
    case Sender::kTechnician: {
      const TechnicianSection* tech = config_.TechnicianByAddress(participant->address);
      if (mail_.classification != Classification::kHuman) {
        // An out-of-office from a technician's mailbox carries the token
        // too: it must not reach the client.
        return OutsiderMail(*thread.incident, thread.via);
      }
      return TechnicianMail(*thread.incident, *participant, *tech, thread.via);
    }
    case Sender::kClient:
      return ClientMail(*thread.incident, *participant, thread.via);
    case Sender::kOutsider:
      return OutsiderMail(*thread.incident, thread.via);
  }
  return Error::Internal("unreachable");
}

void IntakeRun::Parse() {
  const int64_t limit = config_.limits.max_mail_bytes;
  too_large_ = limit > 0 && static_cast<int64_t>(raw_.size()) > limit;
  ParseOptions options;
  options.ticket_prefix = config_.desk.prefix;
  options.desk_address = config_.desk.address;
  // Left empty on purpose: the parser would take every Message-ID on the
  // desk's domain for deskd's own mail, and a technician's mail client
  // (maria@itdesk.example) writes ids on that same domain. IsOwnMail()
  // recognises deskd's own mail by what only deskd writes.
  options.message_id_domain = "";
  options.default_language = config_.desk.default_language;
  options.max_nesting_depth = config_.limits.max_mime_depth;
  options.max_parts = config_.limits.max_mime_parts;
  // A mail over the limit: only its header is read (to thread it and know
  // the sender); the whole raw mail is kept all the same.
  std::string_view input = too_large_ ? HeaderSection(raw_, options.max_header_bytes) : raw_;
  mail_ = ParseMail(input, options);
  if (mail_.language.empty()) mail_.language = config_.desk.default_language;
  mail_.from.address = text::AsciiLower(mail_.from.address);
  out_.message_id = mail_.message_id.value_or("");
  out_.problems = mail_.problems;
  if (too_large_) {
    Problem("mail of " + std::to_string(raw_.size()) + " bytes is over limits.max_mail_bytes (" +
            std::to_string(limit) + "): kept raw, body not read");
  }
  if (mail_.from.address.empty()) Problem("no usable From address");
  own_mail_ = IsOwnMail();
  if (own_mail_) {
    Problem("mail written by deskd itself came back: not answered, nobody told");
    if (mail_.classification == Classification::kHuman) {
      mail_.classification = Classification::kAutoReply;
    }
  }
}

bool IntakeRun::IsOwnMail() const {
  const std::string domain = text::AsciiLower(config_.MessageIdDomain());
  const std::string id = text::AsciiLower(mail_.message_id.value_or(""));
  // MakeMessageId: "<deskd.{ticket}.{kind}.{unique}@{domain}>".
  if (!domain.empty() && id.rfind("<deskd.", 0) == 0 && id.size() > domain.size() + 2 &&
      id.compare(id.size() - domain.size() - 2, std::string::npos, "@" + domain + ">") == 0) {
    return true;
  }
  if (IsDeskAddress(mail_.from.address, config_.desk.address)) return true;
  const std::string desk = text::AsciiLower(config_.desk.address);
  for (const HeaderField& h : mail_.headers) {
    if (h.name == "x-deskd-ticket") return true;
    if (h.name == "x-loop" && !desk.empty() &&
        text::AsciiLower(h.value).find(desk) != std::string::npos) {
      return true;
    }
  }
  return false;
}

Result<IntakeOutcome> IntakeRun::Duplicate(int64_t ticket, const char* by) {
  out_.action = IntakeOutcome::Action::kDuplicate;
  out_.ticket = ticket;
  Log(spdlog::level::info, "duplicate mail skipped " + Where() + " ticket=" +
                               std::to_string(ticket) + " by=" + by);
  return out_;
}

Result<Thread> IntakeRun::FindThread() {
  Thread t;
  std::optional<int64_t> number;
  // 1. Reply token: bound to the ticket and to the person it was sent to.
  if (mail_.reply_token) {
    if (auto claim = ReadTokenClaim(*mail_.reply_token)) {
      DESKD_TRY_ASSIGN(auto p, store_.FindParticipant(claim->participant_id));
      if (p && p->incident == claim->ticket &&
          VerifyReplyToken(config_.secret, *mail_.reply_token, p->address)) {
        t.token_participant = *p;
        number = claim->ticket;
        t.via = "token";
      }
    }
    if (!t.token_participant) Problem("reply token is not valid: threaded by headers");
  }
  // 2. A Message-ID deskd stored or sent: the bounced mail, In-Reply-To,
  // then References from the newest.
  auto by_id = [&](const std::string& id, const char* via) -> Status {
    if (number || id.empty()) return Status::Ok();
    DESKD_TRY_ASSIGN(auto found, store_.IncidentOfMessageId(id));
    if (found) {
      number = *found;
      t.via = via;
    }
    return Status::Ok();
  };
  if (mail_.classification == Classification::kBounce && mail_.bounce &&
      mail_.bounce->original_message_id) {
    DESKD_TRY(by_id(*mail_.bounce->original_message_id, "bounced_message_id"));
  }
  if (mail_.in_reply_to) DESKD_TRY(by_id(*mail_.in_reply_to, "in_reply_to"));
  for (auto it = mail_.references.rbegin(); it != mail_.references.rend() && !number; ++it) {
    DESKD_TRY(by_id(*it, "references"));
  }
  // 3. The subject tag of this installation.
  if (!number && mail_.ticket) {
    DESKD_TRY_ASSIGN(auto found, store_.FindIncident(*mail_.ticket));
    if (found) {
      number = *mail_.ticket;
      t.via = "subject_tag";
    } else {
      Problem("subject tag names incident " + std::to_string(*mail_.ticket) +
              ", which does not exist");
    }
  }
  if (!number) return t;

  DESKD_TRY_ASSIGN(auto incident, FollowMerges(*number));
  if (!incident) return t;
  t.incident = std::move(incident);

  // A client's follow-up to an incident closed longer than the reopen
  // window ago starts a new incident (linked to the old one).
  bool from_technician = t.token_participant &&
                         IsTechnicianAddress(t.token_participant->address) &&
                         t.token_participant->address == mail_.from.address;
  const IncidentRow& row = *t.incident;
  if (row.status == "closed" && !from_technician &&
      mail_.classification == Classification::kHuman && row.closed_at &&
      now_ - *row.closed_at > int64_t{config_.desk.reopen_window_days} * kDay) {
    t.related_to = row.number;
  }
  return t;
}

Result<std::optional<IncidentRow>> IntakeRun::FollowMerges(int64_t number) {
  for (int hop = 0; hop < kMaxMergeHops; ++hop) {
    DESKD_TRY_ASSIGN(auto row, store_.FindIncident(number));
    if (!row) return std::optional<IncidentRow>();
    if (row->status != "merged" || !row->merged_into) return row;
    number = *row->merged_into;
  }
  Problem("merge chain from incident " + std::to_string(number) + " is too long");
  return std::optional<IncidentRow>();
}

Result<Sender> IntakeRun::Classify(const Thread& thread,
                                   std::optional<ParticipantRow>* participant) {
  if (thread.token_participant) {
    const ParticipantRow& p = *thread.token_participant;
    if (p.incident == thread.incident->number) {
      if (IsTechnicianAddress(p.address)) {
        // A technician's token acts only in the technician's own mail: a
        // notification forwarded to someone else carries the token too, and
        // that someone must not speak to the client in the desk's name.
        if (mail_.from.address == p.address) {
          *participant = p;
          return Sender::kTechnician;
        }
        Problem("reply token of technician " + p.address + " used by another sender: "
                "judged by From, commands ignored");
      } else if (p.role == "requester" || p.role == "cc") {
        *participant = p;
        return Sender::kClient;
      }
    }
    // A token for a merged incident, of a former technician or used by
    // someone else: not trusted beyond threading; judged by From below.
  }
  DESKD_TRY_ASSIGN(auto p,
                   store_.FindParticipantByAddress(thread.incident->number, mail_.from.address));
  if (p && (p->role == "requester" || p->role == "cc")) {
    *participant = *p;
    return Sender::kClient;
  }
  if (IsTechnicianAddress(mail_.from.address)) {
    Problem("mail from a technician's address without a valid reply token: kept as an "
            "internal note, not relayed, commands ignored");
  }
  participant->reset();
  return Sender::kOutsider;
}

// --- what happens to the mail ---

Result<IntakeOutcome> IntakeRun::NewIncident(std::optional<int64_t> related_to,
                                             const std::string& via) {
  bool has_content = !mail_.from.address.empty() || !SanitizeHeaderText(mail_.subject).empty() ||
                     !SanitizeHeaderText(mail_.text, 16).empty();
  if (!has_content && !too_large_) return StoreUnattached("no sender, no subject, no text");

  DESKD_TRY_ASSIGN(IncidentRow row, CreateIncidentRow());
  std::string requester;
  DESKD_TRY_ASSIGN(std::optional<int64_t> sender_participant,
                   AddFirstParticipants(&row, &requester));
  const std::string& from = mail_.from.address;
  DESKD_TRY(StoreMessage(row.number, sender_participant, false, false));
  nlohmann::json detail = {{"subject", row.subject}, {"queue", row.queue}, {"via", via}};
  if (!requester.empty()) detail["requester"] = requester;
  if (related_to) detail["related_to"] = *related_to;
  DESKD_TRY(AddEvent(row.number, from.empty() ? "deskd" : from, "created", detail));
  if (related_to) DESKD_TRY(LinkFollowUp(row.number, *related_to));
  if (too_large_) DESKD_TRY(TooLargeEvent(row.number));

  if (mail_.classification == Classification::kHuman && !too_large_) {
    DESKD_TRY(Acknowledge(row));
  }
  DESKD_TRY_ASSIGN(TemplateValues values, BaseValues(row));
  DESKD_TRY(NotifyTechnicians(row, config_.TechniciansOf(row.queue), "technician_new", values));

  out_.action = too_large_ ? IntakeOutcome::Action::kTooLarge : IntakeOutcome::Action::kCreated;
  out_.ticket = row.number;
  Log(spdlog::level::info, "incident created " + Where() + " ticket=" +
                               std::to_string(row.number) + " queue=" + LogValue(row.queue) +
                               " from=" + LogValue(from) + " class=" +
                               ClassificationName(mail_.classification) +
                               (related_to ? " related=" + std::to_string(*related_to) : ""));
  return out_;
}

Result<IncidentRow> IntakeRun::CreateIncidentRow() {
  IncidentRow row;
  row.subject = RemoveTicketTag(CleanSubject(mail_.subject), config_.desk.prefix);
  row.subject = SanitizeHeaderText(row.subject, 250);
  if (row.subject.empty()) row.subject = "(no subject)";
  row.status = "new";
  row.priority = 3;
  row.queue = queue_;
  row.language = mail_.language;
  row.received_at = now_;
  row.updated_at = now_;
  DESKD_TRY_ASSIGN(row.number, store_.CreateIncident(row, config_.desk.first_ticket_number));
  // Priority and SLA clocks.
  DESKD_TRY_ASSIGN(auto sla, SlaTracker(store_, config_).OnCreated(row, mail_));
  row.priority = sla.priority;
  return row;
}

Result<std::optional<int64_t>> IntakeRun::AddFirstParticipants(IncidentRow* row,
                                                               std::string* requester) {
  // The requester: the Reply-To of the client when it is a usable address
  // (and not the desk or a technician), else From.
  const std::string& desk = config_.desk.address;
  std::string from = mail_.from.address;
  *requester = IsPlainAddress(from) ? from : "";
  std::optional<std::string> requester_name = mail_.from.name;
  if (!mail_.reply_to.empty()) {
    std::string rt = text::AsciiLower(mail_.reply_to[0].address);
    if (IsPlainAddress(rt) && !IsDeskAddress(rt, desk) && !IsTechnicianAddress(rt)) {
      *requester = rt;
      requester_name = mail_.reply_to[0].name ? mail_.reply_to[0].name : mail_.from.name;
    }
  }
  if (requester->empty() && !from.empty()) *requester = from;  // odd, but it is who wrote
  std::optional<int64_t> sender_participant;
  if (!requester->empty() && !IsDeskAddress(*requester, desk)) {
    std::optional<std::string> name;
    if (requester_name) name = SanitizeHeaderText(*requester_name, 200);
    DESKD_TRY_ASSIGN(int64_t pid,
                     store_.AddParticipant(row->number, *requester, name, "requester", now_));
    DESKD_TRY(store_.SetIncidentRequester(row->number, pid));
    row->requester_id = pid;
    if (*requester == from) sender_participant = pid;
  }
  if (!from.empty() && from != *requester && IsPlainAddress(from) && !IsDeskAddress(from, desk)) {
    std::optional<std::string> name;
    if (mail_.from.name) name = SanitizeHeaderText(*mail_.from.name, 200);
    DESKD_TRY_ASSIGN(sender_participant, store_.AddParticipant(row->number, from, name, "cc", now_));
  }
  DESKD_TRY(AddCcParticipants(row->number, *requester, /*record_events=*/false));
  return sender_participant;
}

Status IntakeRun::LinkFollowUp(int64_t number, int64_t related_to) {
  DESKD_TRY(store_.AddLink(number, "related", related_to, now_));
  DESKD_TRY(store_.AddLink(related_to, "related", number, now_));
  return AddEvent(related_to, "deskd", "link",
                  {{"type", "related"}, {"number", number},
                   {"reason", "follow-up after the reopen window"}});
}

Result<IntakeOutcome> IntakeRun::ClientMail(IncidentRow incident, const ParticipantRow& sender,
                                            const std::string& via) {
  DESKD_TRY(StoreMessage(incident.number, sender.id, false, false));
  nlohmann::json detail = {{"via", via}};
  if (mail_.classification != Classification::kHuman) {
    detail["classification"] = ClassificationName(mail_.classification);
  }
  const std::string actor = mail_.from.address.empty() ? sender.address : mail_.from.address;
  DESKD_TRY(AddEvent(incident.number, actor, "message", detail));
  if (too_large_) DESKD_TRY(TooLargeEvent(incident.number));

  // Only a person's mail reopens, adds people and tells the technicians: an
  // out-of-office reply to "resolved" must not reopen the incident.
  if (mail_.classification == Classification::kHuman) {
    if (incident.status == "resolved" || incident.status == "closed") {
      DESKD_TRY(Reopen(&incident, actor));
    }
    DESKD_TRY(AddCcParticipants(incident.number, sender.address, /*record_events=*/true));
    DESKD_TRY_ASSIGN(TemplateValues values, BaseValues(incident));
    values["sender"] = SenderText();
    DESKD_TRY(NotifyTechnicians(incident, Responsible(incident), "technician_update", values));
  }
  DESKD_TRY(store_.TouchIncident(incident.number, now_));

  out_.action = too_large_ ? IntakeOutcome::Action::kTooLarge : IntakeOutcome::Action::kThreaded;
  out_.ticket = incident.number;
  Log(spdlog::level::info, "mail threaded " + Where() + " ticket=" +
                               std::to_string(incident.number) + " via=" + via +
                               " sender=client class=" +
                               ClassificationName(mail_.classification));
  return out_;
}

Result<IntakeOutcome> IntakeRun::TechnicianMail(IncidentRow incident,
                                                const ParticipantRow& sender,
                                                const TechnicianSection& technician,
                                                const std::string& via) {
  CommandContext context;
  context.incident = &incident;
  context.actor = technician.name;
  context.config = &config_;
  context.incident_is_open_target = [this](int64_t n) {
    auto row = store_.FindIncident(n);
    return row.ok() && row->has_value() && (*row)->status != "merged";
  };
  const CommandPlan plan = PlanCommands(mail_.commands, context);
  const bool internal = plan.internal;
  DESKD_TRY(StoreMessage(incident.number, sender.id, internal, false));
  nlohmann::json detail = {{"via", via}};
  if (!mail_.commands.empty()) {
    nlohmann::json commands = nlohmann::json::array();
    for (const auto& [name, argument] : mail_.commands) commands.push_back({name, argument});
    detail["commands"] = commands;
    detail["commands_applied"] = plan.ok();
  }
  DESKD_TRY(AddEvent(incident.number, technician.name, internal ? "note" : "message", detail));
  const std::string status_before = incident.status;
  DESKD_TRY(ApplyCommands(&incident, technician, sender, plan));

  if (!internal && incident.status != "merged") {
    std::string text = SanitizeBodyText(mail_.new_text);
    if (SanitizeHeaderText(text, 16).empty()) {
      Problem("technician reply has no text: nothing relayed to the client");
    } else {
      int relayed_before = out_.outbox_rows;
      DESKD_TRY_ASSIGN(TemplateValues values, BaseValues(incident));
      values["client_text"] = text;
      values["technician_name"] = SanitizeHeaderText(technician.DisplayName(), 200);
      DESKD_TRY(MailClients(incident, "technician_reply", values, sender.address));
      if (out_.outbox_rows > relayed_before) {  // the answer reached the client
        DESKD_TRY(SlaTracker(store_, config_).OnTechnicianAnswer(incident.number, now_));
      }
      if (incident.status == "new" && status_before == "new") {
        DESKD_TRY(store_.SetIncidentStatus(incident.number, "open", std::nullopt, now_));
        DESKD_TRY(AddEvent(incident.number, technician.name, "status",
                           {{"from", "new"}, {"to", "open"}, {"reason", "first answer"}}));
        incident.status = "open";
      }
    }
  }
  DESKD_TRY(store_.TouchIncident(incident.number, now_));

  out_.action = internal ? IntakeOutcome::Action::kInternalNote
                         : IntakeOutcome::Action::kThreaded;
  out_.ticket = incident.number;
  Log(spdlog::level::info, std::string(internal ? "internal note " : "technician reply ") +
                               Where() + " ticket=" + std::to_string(incident.number) +
                               " technician=" + LogValue(technician.name) + " via=" + via +
                               " relayed=" + std::to_string(out_.outbox_rows) +
                               " commands=" + std::to_string(mail_.commands.size()) +
                               (plan.ok() ? "" : " command_errors=" +
                                                     std::to_string(plan.errors.size())));
  return out_;
}

// The commands of an authenticated technician's reply, all or none
// (design.md, "Technician commands"); the clients are told of a status
// change, the manager of an #escalate.
Status IntakeRun::ApplyCommands(IncidentRow* incident, const TechnicianSection& technician,
                                const ParticipantRow& sender, const CommandPlan& plan) {
  if (!plan.ok()) return CommandErrors(*incident, technician, sender, plan);
  const std::string& actor = technician.name;
  const int64_t number = incident->number;
  SlaTracker sla(store_, config_);
  if (plan.language && *plan.language != incident->language) {
    DESKD_TRY(store_.SetIncidentLanguage(number, *plan.language, now_));
    DESKD_TRY(AddEvent(number, actor, "language",
                       {{"from", incident->language}, {"to", *plan.language}}));
    incident->language = *plan.language;
  }
  if (plan.priority && *plan.priority != incident->priority) {
    DESKD_TRY(sla.SetPriority(number, *plan.priority, now_));
    DESKD_TRY(AddEvent(number, actor, "priority",
                       {{"from", incident->priority}, {"to", *plan.priority}}));
    incident->priority = *plan.priority;
  }
  if (plan.category && plan.category != incident->category) {
    DESKD_TRY(store_.SetIncidentCategory(number, plan.category, now_));
    DESKD_TRY(AddEvent(number, actor, "category",
                       {{"from", incident->category.value_or("")}, {"to", *plan.category}}));
    incident->category = plan.category;
  }
  if (plan.owner && plan.owner != incident->owner) {
    DESKD_TRY(store_.SetIncidentOwner(number, plan.owner, now_));
    DESKD_TRY(AddEvent(number, actor, "owner",
                       {{"from", incident->owner.value_or("")}, {"to", *plan.owner}}));
    DESKD_TRY(sla.OnDelegated(number, now_));
    incident->owner = plan.owner;
  }
  for (int64_t other : plan.related) {
    DESKD_TRY(store_.AddLink(number, "related", other, now_));
    DESKD_TRY(store_.AddLink(other, "related", number, now_));
    DESKD_TRY(AddEvent(number, actor, "link", {{"type", "related"}, {"number", other}}));
    DESKD_TRY(AddEvent(other, actor, "link", {{"type", "related"}, {"number", number}}));
  }
  if (plan.merge_into) {
    const int64_t into = *plan.merge_into;
    DESKD_TRY(store_.MergeIncident(number, into, now_));
    DESKD_TRY(store_.AddLink(number, "merged_into", into, now_));
    DESKD_TRY(AddEvent(number, actor, "merged", {{"into", into}, {"from", incident->status}}));
    DESKD_TRY(AddEvent(into, actor, "merged_from", {{"number", number}}));
    DESKD_TRY(sla.OnStatusChange(number, incident->status, "merged", std::nullopt, true, now_));
    incident->status = "merged";
    incident->merged_into = into;
  }
  if (plan.status) DESKD_TRY(ChangeStatus(incident, technician, plan));
  if (plan.escalation) {
    Notifier notifier(store_, config_, templates_);
    EscalationRequest request;
    request.key = ManualEscalationKey(number, now_);
    request.actor = actor;
    request.reason = *plan.escalation;
    DESKD_TRY(QueueEscalation(store_, notifier, config_, sla.calendar(), *incident, request, now_));
    out_.outbox_rows += notifier.last_outbox_rows();
  }
  return Status::Ok();
}

Status IntakeRun::ChangeStatus(IncidentRow* incident, const TechnicianSection& technician,
                               const CommandPlan& plan) {
  const std::string from = incident->status;
  const std::string& to = *plan.status;
  if (to == from && plan.hold_reason == incident->hold_reason) return Status::Ok();
  DESKD_TRY(store_.SetIncidentStatus(incident->number, to, plan.hold_reason, now_));
  nlohmann::json detail = {{"from", from}, {"to", to}};
  if (plan.hold_reason) detail["reason"] = *plan.hold_reason;
  DESKD_TRY(AddEvent(incident->number, technician.name, "status", detail));
  DESKD_TRY(SlaTracker(store_, config_)
                .OnStatusChange(incident->number, from, to, plan.hold_reason, true, now_));
  incident->status = to;
  incident->hold_reason = plan.hold_reason;

  // What the client hears of it (closed: nothing more after "resolved").
  std::string template_name;
  if (to == "open") template_name = "client_in_work";
  if (to == "on_hold") template_name = "client_on_hold";
  if (to == "resolved") template_name = "client_resolved";
  if (template_name.empty()) return Status::Ok();
  DESKD_TRY_ASSIGN(TemplateValues values, BaseValues(*incident));
  values["technician_name"] = SanitizeHeaderText(technician.DisplayName(), 200);
  values["hold_reason"] = SanitizeBodyText(plan.hold_reason.value_or(""));
  values["reopen_days"] = std::to_string(config_.desk.reopen_window_days);
  return MailClients(*incident, template_name, values, technician.address);
}

Status IntakeRun::CommandErrors(const IncidentRow& incident, const TechnicianSection& technician,
                                const ParticipantRow& sender, const CommandPlan& plan) {
  std::string commands;
  std::string errors;
  for (const CommandError& e : plan.errors) {
    DESKD_TRY(AddEvent(incident.number, technician.name, "command_error",
                       {{"command", e.command}, {"error", e.message}}));
    Problem("command error: " + e.command + ": " + e.message);
    if (!e.command.empty()) commands += (commands.empty() ? "" : ", ") + e.command;
    errors += (errors.empty() ? "" : "\n") + (e.command.empty() ? "" : e.command + ": ") + e.message;
  }
  DESKD_TRY_ASSIGN(TemplateValues values, BaseValues(incident));
  values["command"] = SanitizeHeaderText(commands, 200);
  values["error"] = SanitizeBodyText(errors);
  const std::string language =
      technician.languages.empty() ? config_.desk.default_language : technician.languages[0];
  return QueueMail(incident, "command_error", language, values,
                   Recipient{sender.address, sender.name, sender.id}, "auto-replied");
}

Status IntakeRun::MailClients(const IncidentRow& incident, const std::string& template_name,
                              const TemplateValues& values, const std::string& exclude) {
  DESKD_TRY_ASSIGN(auto people, store_.Participants(incident.number));
  for (const ParticipantRow& p : people) {
    if (p.role != "requester" && p.role != "cc") continue;
    if (p.address == exclude || IsTechnicianAddress(p.address)) continue;
    DESKD_TRY(QueueMail(incident, template_name, incident.language, values,
                        Recipient{p.address, p.name, p.id}, "auto-generated"));
  }
  return Status::Ok();
}

Result<IntakeOutcome> IntakeRun::OutsiderMail(const IncidentRow& incident,
                                              const std::string& via) {
  DESKD_TRY(StoreMessage(incident.number, std::nullopt, true, true));
  nlohmann::json detail = {{"via", via}, {"outside_sender", true}};
  if (mail_.classification != Classification::kHuman) {
    detail["classification"] = ClassificationName(mail_.classification);
  }
  std::string actor = mail_.from.address.empty() ? "unknown" : mail_.from.address;
  DESKD_TRY(AddEvent(incident.number, actor, "note", detail));
  if (too_large_) DESKD_TRY(TooLargeEvent(incident.number));
  if (mail_.classification == Classification::kHuman) {
    DESKD_TRY_ASSIGN(TemplateValues values, BaseValues(incident));
    values["sender"] = SenderText();
    DESKD_TRY(NotifyTechnicians(incident, Responsible(incident), "outside_sender_note", values));
  }
  DESKD_TRY(store_.TouchIncident(incident.number, now_));

  out_.action = IntakeOutcome::Action::kInternalNote;
  out_.ticket = incident.number;
  Log(spdlog::level::info, "internal note " + Where() + " ticket=" +
                               std::to_string(incident.number) + " via=" + via +
                               " outside_sender=1 from=" + LogValue(mail_.from.address) +
                               " class=" + ClassificationName(mail_.classification));
  return out_;
}

Result<IntakeOutcome> IntakeRun::Bounce(const Thread& thread) {
  std::string recipient = mail_.bounce ? SanitizeHeaderText(mail_.bounce->recipient, 254) : "";
  std::string status = mail_.bounce ? SanitizeHeaderText(mail_.bounce->status, 32) : "";
  out_.action = IntakeOutcome::Action::kBounceRecorded;
  if (!thread.incident) {
    DESKD_TRY(StoreMessage(std::nullopt, std::nullopt, true, false));
    Log(spdlog::level::warn, "bounce for no known incident " + Where() + " recipient=" +
                                 LogValue(recipient) + " status=" + LogValue(status));
    return out_;
  }
  const IncidentRow& incident = *thread.incident;
  DESKD_TRY(StoreMessage(incident.number, std::nullopt, true, false));
  nlohmann::json detail = {{"recipient", recipient}, {"status", status}, {"via", thread.via}};
  if (mail_.bounce && mail_.bounce->original_message_id) {
    detail["original_message_id"] = SanitizeHeaderText(*mail_.bounce->original_message_id);
  }
  DESKD_TRY(AddEvent(incident.number, mail_.from.address.empty() ? "mailer-daemon"
                                                                 : mail_.from.address,
                     "bounce", detail));
  // The owner (else the queue's technicians) is told with the update
  // template; never the address that failed (a bouncing technician mailbox
  // would otherwise loop), and never the sender of the bounce.
  DESKD_TRY_ASSIGN(TemplateValues values, BaseValues(incident));
  values["sender"] = SenderText();
  values["client_text"] = "Delivery failed" +
                          (recipient.empty() ? std::string() : " to " + recipient) +
                          (status.empty() ? std::string() : " (status " + status + ")") + ".";
  DESKD_TRY(NotifyTechnicians(incident, Responsible(incident), "technician_update", values,
                              text::AsciiLower(recipient)));
  DESKD_TRY(store_.TouchIncident(incident.number, now_));
  out_.ticket = incident.number;
  Log(spdlog::level::warn, "bounce recorded " + Where() + " ticket=" +
                               std::to_string(incident.number) + " recipient=" +
                               LogValue(recipient) + " status=" + LogValue(status));
  return out_;
}

Result<IntakeOutcome> IntakeRun::StoreUnattached(const std::string& reason) {
  DESKD_TRY_ASSIGN(auto message, StoreMessage(std::nullopt, std::nullopt, true, false));
  Problem("kept raw, attached to no incident: " + reason);
  out_.action = IntakeOutcome::Action::kStored;
  Log(spdlog::level::err, "mail kept raw, not acted on " + Where() + " reason=" +
                              LogValue(reason) + " message_row=" + std::to_string(message));
  return out_;
}

// --- building blocks ---

Result<int64_t> IntakeRun::StoreMessage(std::optional<int64_t> incident,
                                        std::optional<int64_t> participant_id, bool internal,
                                        bool outside_sender) {
  MessageRow m;
  m.incident = incident;
  m.direction = "in";
  if (mail_.message_id && !mail_.message_id->empty()) m.message_id = mail_.message_id;
  m.raw = std::string(raw_);
  m.sha256 = sha256_;
  if (!origin_.mailbox.empty()) m.mailbox = origin_.mailbox;
  if (origin_.uid > 0) {
    m.uid = origin_.uid;
    m.uidvalidity = origin_.uidvalidity;
  }
  if (!mail_.from.address.empty()) m.from_address = mail_.from.address;
  m.from_name = mail_.from.name;
  m.subject = mail_.subject;
  m.text = mail_.text;
  m.new_text = mail_.new_text;
  m.classification = ClassificationName(mail_.classification);
  m.language = mail_.language;
  m.is_internal = internal;
  m.outside_sender = outside_sender;
  m.participant_id = participant_id;
  m.received_at = now_;
  m.problems_json = JsonText(nlohmann::json(out_.problems));
  DESKD_TRY_ASSIGN(auto id, store_.InsertMessage(m));
  message_row_ = id;
  return id;
}

Status IntakeRun::AddEvent(int64_t incident, const std::string& actor, const std::string& kind,
                           const nlohmann::json& detail) {
  EventRow e;
  e.incident = incident;
  e.at = now_;
  e.actor = actor;
  e.kind = kind;
  e.detail_json = JsonText(detail);
  e.message = message_row_;
  DESKD_TRY(store_.AddEvent(e));
  return Status::Ok();
}

Status IntakeRun::TooLargeEvent(int64_t incident) {
  return AddEvent(incident, "deskd", "too_large",
                  {{"size", raw_.size()}, {"limit", config_.limits.max_mail_bytes}});
}

Status IntakeRun::Reopen(IncidentRow* incident, const std::string& actor) {
  std::string from = incident->status;
  DESKD_TRY(store_.SetIncidentStatus(incident->number, "open", std::nullopt, now_));
  DESKD_TRY(SlaTracker(store_, config_).OnStatusChange(incident->number, from, "open",
                                                       std::nullopt, false, now_));
  DESKD_TRY(AddEvent(incident->number, actor, "status",
                     {{"from", from}, {"to", "open"}, {"reason", "client follow-up"}}));
  incident->status = "open";
  Log(spdlog::level::info, "incident reopened ticket=" + std::to_string(incident->number) +
                               " from=" + from);
  return Status::Ok();
}

Status IntakeRun::AddCcParticipants(int64_t incident, const std::string& exclude,
                                    bool record_events) {
  std::vector<const MailAddress*> all;
  for (const auto& a : mail_.to) all.push_back(&a);
  for (const auto& a : mail_.cc) all.push_back(&a);
  for (const MailAddress* a : all) {
    std::string address = text::AsciiLower(a->address);
    if (address == exclude || !IsPlainAddress(address) ||
        IsDeskAddress(address, config_.desk.address) || IsTechnicianAddress(address)) {
      continue;
    }
    if (record_events) {
      DESKD_TRY_ASSIGN(auto existing, store_.FindParticipantByAddress(incident, address));
      if (existing) continue;
    }
    std::optional<std::string> name;
    if (a->name) name = SanitizeHeaderText(*a->name, 200);
    DESKD_TRY(store_.AddParticipant(incident, address, name, "cc", now_));
    if (record_events) {
      DESKD_TRY(AddEvent(incident, mail_.from.address, "participant_added",
                         {{"address", address}, {"role", "cc"}}));
    }
  }
  return Status::Ok();
}

Status IntakeRun::Acknowledge(const IncidentRow& incident) {
  DESKD_TRY_ASSIGN(auto requester, Requester(incident));
  if (!requester) return Status::Ok();
  const ParticipantRow& p = *requester;
  if (!IsPlainAddress(p.address)) {
    Problem("requester address is not a plain mailbox: no acknowledgement");
    return Status::Ok();
  }
  DESKD_TRY_ASSIGN(auto count, store_.CountOutboxTo(p.address, now_ - kDay));
  if (count >= config_.limits.max_auto_mails_per_address_per_day) {
    DESKD_TRY(AddEvent(incident.number, "deskd", "auto_reply_suppressed",
                       {{"address", p.address}, {"reason", "daily_limit"}, {"count", count}}));
    Log(spdlog::level::warn, "acknowledgement suppressed ticket=" +
                                 std::to_string(incident.number) + " to=" + LogValue(p.address) +
                                 " reason=daily_limit count=" + std::to_string(count));
    return Status::Ok();
  }
  DESKD_TRY_ASSIGN(TemplateValues values, BaseValues(incident));
  return QueueMail(incident, "acknowledgement", incident.language, values,
                   Recipient{p.address, p.name, p.id}, "auto-replied");
}

Status IntakeRun::NotifyTechnicians(const IncidentRow& incident,
                                    const std::vector<const TechnicianSection*>& technicians,
                                    const std::string& template_name, TemplateValues values,
                                    const std::string& exclude_address) {
  if (technicians.empty()) {
    Log(spdlog::level::warn, "no technician to tell ticket=" + std::to_string(incident.number) +
                                 " queue=" + LogValue(incident.queue) +
                                 " template=" + template_name);
  }
  for (const TechnicianSection* tech : technicians) {
    std::string address = text::AsciiLower(tech->address);
    if (address.empty() || address == exclude_address) continue;
    std::string name = SanitizeHeaderText(tech->DisplayName(), 200);
    DESKD_TRY_ASSIGN(auto pid,
                     store_.AddParticipant(incident.number, address, name, "technician", now_));
    std::string language =
        tech->languages.empty() ? config_.desk.default_language : tech->languages[0];
    DESKD_TRY(QueueMail(incident, template_name, language, values,
                        Recipient{address, name, pid}, "auto-generated"));
  }
  return Status::Ok();
}

Status IntakeRun::QueueMail(const IncidentRow& incident, const std::string& template_name,
                            const std::string& language, TemplateValues values,
                            const Recipient& recipient, const std::string& auto_submitted) {
  const std::string& desk = config_.desk.address;
  auto skip = [&](const std::string& why) {
    Problem(template_name + " to " + recipient.address + " not written: " + why);
    Log(spdlog::level::err, "outgoing mail not written ticket=" +
                                std::to_string(incident.number) + " template=" + template_name +
                                " to=" + LogValue(recipient.address) + " error=" + LogValue(why));
    return Status::Ok();
  };
  if (!IsPlainAddress(recipient.address)) return skip("not a plain mailbox");
  if (IsDeskAddress(recipient.address, desk)) return skip("the desk's own address");

  auto rendered = templates_.Render(template_name, language, values);
  if (!rendered.ok()) return skip(rendered.error().message);
  const std::string tag = TicketTag(config_.desk.prefix, incident.number);
  std::string subject = SanitizeHeaderText(rendered->subject, 900);
  if (subject.find(tag) == std::string::npos) subject = tag + " " + subject;

  OutgoingSpec spec;
  spec.from = MailAddress{desk, SanitizeHeaderText(config_.desk.name, 200)};
  spec.to.push_back(MailAddress{recipient.address, recipient.name});
  size_t at = desk.rfind('@');
  if (at != std::string::npos && at > 0) {
    std::string token = MakeReplyToken(config_.secret, incident.number, recipient.participant_id,
                                       recipient.address);
    spec.reply_to = MailAddress{desk.substr(0, at) + "+" + token + desk.substr(at), spec.from.name};
  }
  spec.subject = subject;
  spec.text_body = rendered->body;
  spec.message_id = MakeMessageId(config_.MessageIdDomain(), incident.number, template_name);
  // Thread it: In-Reply-To the mail that caused it, References its thread.
  // Only ids of the plain "<...>" shape go out (no CR/LF, no spaces).
  std::string incoming = mail_.message_id.value_or("");
  if (IsValidMessageId(incoming)) spec.in_reply_to = incoming;
  std::vector<std::string> refs;
  for (const std::string& r : mail_.references) {
    if (IsValidMessageId(r)) refs.push_back(r);
  }
  if (refs.size() > kMaxReferences) {
    // Keep the first (the thread's root) and the newest.
    refs.erase(refs.begin() + 1, refs.end() - static_cast<long>(kMaxReferences - 1));
  }
  if (!spec.in_reply_to.empty() && std::find(refs.begin(), refs.end(), incoming) == refs.end()) {
    refs.push_back(incoming);
  }
  spec.references = refs;
  spec.auto_submitted = auto_submitted;
  spec.date = FormatRfc5322Date(now_);
  spec.language = rendered->language;
  spec.extra_headers.push_back({"X-Loop", desk});
  spec.extra_headers.push_back({"X-Deskd-Ticket", std::to_string(incident.number)});
  auto raw = ComposeMail(spec);
  if (!raw.ok()) return skip(raw.error().message);

  OutboxRow row;
  row.incident = incident.number;
  row.kind = template_name;
  row.message_id = spec.message_id;
  row.envelope_from = desk;
  row.recipients = {recipient.address};
  row.raw = std::move(*raw);
  row.created_at = now_;
  row.next_attempt_at = now_;
  row.cause_message = message_row_;
  DESKD_TRY(store_.EnqueueOutbox(row));
  ++out_.outbox_rows;
  return Status::Ok();
}

Result<std::optional<ParticipantRow>> IntakeRun::Requester(const IncidentRow& incident) {
  if (!incident.requester_id) return std::optional<ParticipantRow>();
  return store_.FindParticipant(*incident.requester_id);
}

std::vector<const TechnicianSection*> IntakeRun::Responsible(const IncidentRow& incident) const {
  if (incident.owner) {
    if (const TechnicianSection* owner = config_.TechnicianByName(*incident.owner)) {
      return {owner};
    }
  }
  return config_.TechniciansOf(incident.queue);
}

Result<TemplateValues> IntakeRun::BaseValues(const IncidentRow& incident) const {
  DESKD_TRY_ASSIGN(TemplateValues v,
                   IncidentValues(store_, config_, incident, incident.language, nullptr));
  v["client_text"] = ClientText();
  v["sender"] = SenderText();
  return v;
}

std::string IntakeRun::ClientText() const {
  if (too_large_) {
    return "(A mail of " + std::to_string(raw_.size()) +
           " bytes, over the size limit: kept raw, not shown here.)";
  }
  std::string text = SanitizeBodyText(mail_.new_text);
  if (SanitizeHeaderText(text, 16).empty()) text = SanitizeBodyText(mail_.text);
  return text;
}

std::string IntakeRun::SenderText() const {
  std::string address = SanitizeHeaderText(mail_.from.address, 254);
  std::string name = SanitizeHeaderText(mail_.from.name.value_or(""), 200);
  if (address.empty()) return name.empty() ? "(unknown sender)" : name;
  return name.empty() ? address : name + " <" + address + ">";
}

std::string IntakeRun::Where() const {
  return "mailbox=" + LogValue(origin_.mailbox) + " uid=" + std::to_string(origin_.uid) +
         " msgid=" + LogValue(out_.message_id);
}

void IntakeRun::EmitLogs() const {
  for (const auto& [level, line] : logs_) spdlog::log(level, "{}", line);
  if (!out_.problems.empty()) {
    spdlog::warn("mail problems {} count={} first={}", Where(), out_.problems.size(),
                 LogValue(out_.problems.front()));
  }
}

// --- Intake ---

Intake::Intake(Store& store, const Config& config, const TemplateSet& templates,
               const Clock& clock)
    : store_(store), config_(config), templates_(templates), clock_(clock) {}

Result<IntakeOutcome> Intake::Process(std::string_view raw, const MailOrigin& origin) {
  const int64_t now = ToUnix(clock_.Now());
  DESKD_TRY_ASSIGN(auto tx, store_.BeginTransaction());
  IntakeRun run(*this, raw, origin, now);
  // On failure the transaction rolls back with `tx`.
  DESKD_TRY_ASSIGN(IntakeOutcome outcome, run.Execute());
  if (origin.uid > 0) {
    DESKD_TRY(store_.AdvanceCheckpoint(origin.mailbox, origin.uidvalidity, origin.uid, now));
  }
  DESKD_TRY(tx->Commit());
  run.EmitLogs();
  return outcome;
}

}  // namespace deskd
