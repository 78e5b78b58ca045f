// Intake: where a mail becomes an incident. Takes one raw mail (from IMAP or
// `deskctl ingest`) and, in ONE store transaction: deduplicates it, parses
// it, stores it raw, threads it onto an incident (reply token, then
// In-Reply-To/References, then the subject tag, else a new incident),
// records the history, writes the outgoing mails it causes into the outbox
// and advances the mailbox checkpoint. Nothing is sent here: the outbox
// sender does that after the commit. A crash at any point leaves either all
// of it or none of it, so a re-fetch neither loses the mail nor makes a
// second incident.
//
// Who may do what (design.md, "Threading", "Mail safety"):
//  - a client (requester or CC of the incident, by From or by a reply token
//    issued to them): the mail is added, the technicians are told, a
//    resolved incident (or a closed one within desk.reopen_window_days) is
//    reopened; after the window a new incident linked "related" is made;
//  - a technician authenticated by a reply token issued to that technician:
//    the text is relayed to the client(s) unless #internal; new -> open.
//    The reply's leading commands (#status, #hold, #assign, #priority,
//    #category, #merge, #link, #escalate, #internal, #lang; planned by
//    technician_commands.h) are applied all or none: a wrong one changes
//    nothing and the technician gets one command_error mail; the client is
//    told when the incident is taken into work, put on hold or resolved;
//  - anyone else, including a technician's address without a token (a From
//    can be forged): an internal note flagged outside_sender; technicians
//    are told, the client is not mailed;
//  - only kHuman mail is ever answered automatically, at most
//    limits.max_auto_mails_per_address_per_day times per address;
//  - bounces are recorded on the incident of the mail that bounced.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/core/clock.h"
#include "daemon/config/config.h"
#include "daemon/store/store.h"
#include "daemon/compose/templates.h"
#include "parsers/result.h"

namespace deskd {

// Where a raw mail came from. uid 0: not from IMAP (deskctl ingest): no
// checkpoint is kept.
struct MailOrigin {
  std::string mailbox;
  std::string queue;  // "" = the first mailbox's queue, else "support"
  uint32_t uidvalidity = 0;
  uint32_t uid = 0;
};

struct IntakeOutcome {
  enum class Action {
    kCreated,         // a new incident
    kThreaded,        // added to an existing incident
    kInternalNote,    // added as an internal note (outside sender, #internal)
    kDuplicate,       // already stored (same bytes or same incoming Message-ID)
    kBounceRecorded,  // a delivery failure, recorded (ticket 0: no incident found)
    kTooLarge,        // over limits.max_mail_bytes: kept raw, not parsed
    kStored,          // kept raw, attached to no incident (nothing to act on)
  };
  Action action = Action::kStored;
  int64_t ticket = 0;
  std::string message_id;  // of the incoming mail, "" if none
  int outbox_rows = 0;
  std::vector<std::string> problems;
};

const char* IntakeActionName(IntakeOutcome::Action action);

class Intake {
 public:
  // REQUIRES: all references outlive the intake; used from the store's thread.
  Intake(Store& store, const Config& config, const TemplateSet& templates, const Clock& clock);

  // Takes one mail in. Errors are the store's (kTemporary: busy, disk full:
  // try again later; nothing was written). A malformed mail is not an
  // error: it is kept raw and its problems are listed.
  Result<IntakeOutcome> Process(std::string_view raw, const MailOrigin& origin);

  // The templates Process renders; deskd checks them at start.
  static const std::vector<std::string>& TemplateNames();

 private:
  friend class IntakeRun;
  Store& store_;
  const Config& config_;
  const TemplateSet& templates_;
  const Clock& clock_;
};

}  // namespace deskd
