#include "daemon/wire/imap_source.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>

#include "daemon/wire/curl_util.h"
#include "daemon/core/logging.h"
#include "parsers/text_util.h"

namespace deskd {

namespace {

Result<std::string> FolderArgument(const std::string& utf8) {
  DESKD_TRY_ASSIGN(auto encoded, EncodeModifiedUtf7(utf8));
  return ImapQuote(encoded);
}

std::string ServerSaid(const ImapStatus& st) {
  std::string s = st.condition;
  if (!st.code.empty()) s += " [" + st.code + (st.code_args.empty() ? "" : " " + st.code_args) + "]";
  if (!st.text.empty()) s += " " + st.text;
  return s;
}

bool IsFetch(const ImapResponse& r) {
  if (r.tag != "*") return false;
  size_t sp = r.text.find(' ');
  if (sp == std::string::npos) return false;
  return text::AsciiLower(std::string_view(r.text).substr(sp + 1, 5)) == "fetch";
}

}  // namespace

ImapSource::ImapSource(MailboxSection config, std::string password)
    : ImapSource(std::move(config), std::move(password), Options{}) {}

ImapSource::ImapSource(MailboxSection config, std::string password, Options options)
    : config_(std::move(config)), options_(options) {
  connection_options_.url = config_.url;
  connection_options_.user = config_.user;
  connection_options_.password = std::move(password);
  connection_options_.tls_verify = config_.tls_verify;
  connection_options_.ca_file = config_.ca_file;
  connection_options_.connect_timeout_seconds = options_.connect_timeout_seconds;
  connection_options_.login_timeout_seconds = options_.login_timeout_seconds;
  connection_options_.io_timeout_seconds = options_.io_timeout_seconds;
  where_ = "folder " + config_.folder + " at " + UrlForMessages(config_.url);

  auto folder = FolderArgument(config_.folder);
  if (!folder) {
    folder_error_ = Error::Invalid("folder name `" + config_.folder + "`: " + folder.error().message);
  } else {
    folder_ = *folder;
  }
  if (config_.after_processing == "move") {
    auto move_to = FolderArgument(config_.move_to);
    if (!move_to) {
      folder_error_ =
          Error::Invalid("move_to folder `" + config_.move_to + "`: " + move_to.error().message);
    } else {
      move_to_ = *move_to;
    }
  } else if (config_.after_processing != "seen") {
    folder_error_ = Error::Invalid("after_processing must be \"seen\" or \"move\", not \"" +
                                   config_.after_processing + "\"");
  }
}

ImapSource::~ImapSource() = default;

template <typename T, typename Op>
T ImapSource::WithConnection(bool opening, Op op) {
  DESKD_TRY(folder_error_);
  for (int attempt = 0;; ++attempt) {
    if (!conn_ || conn_->broken()) {
      conn_.reset();
      DESKD_TRY(Connect());
    }
    if (!opening && uidvalidity_changed_) {
      return Error::Temporary(where_ + ": UIDVALIDITY changed, the UIDs held are void; Open() again");
    }
    T result = op();
    fresh_select_ = false;
    if (result.ok() || !conn_ || !conn_->broken() || attempt > 0) return result;
    spdlog::warn("IMAP connection lost, reconnecting mailbox={} error={}",
                 LogValue(config_.name.empty() ? config_.queue : config_.name),
                 LogValue(result.error().message));
  }
}

Status ImapSource::Connect() {
  DESKD_TRY_ASSIGN(conn_, ImapConnection::Open(connection_options_));
  ++connects_;
  auto state = Select();
  if (!state) {
    conn_.reset();
    return state.error();
  }
  if (uidvalidity_ != 0 && state->uidvalidity != uidvalidity_) uidvalidity_changed_ = true;
  fresh_state_ = *state;
  fresh_select_ = true;
  return Status::Ok();
}

Result<ImapConnection::Reply> ImapSource::Run(const std::string& command) {
  return conn_->Command(command);
}

Result<FolderState> ImapSource::Select() {
  DESKD_TRY_ASSIGN(auto reply, Run("SELECT " + folder_));
  if (!reply.status.ok()) {
    return Error::Invalid("cannot select " + where_ + ": " + ServerSaid(reply.status));
  }
  FolderState state = ParseSelectResponses(reply.untagged);
  if (state.uidvalidity == 0) {
    return Error::Invalid("server gave no UIDVALIDITY for " + where_);
  }
  return state;
}

namespace {

// A NO or BAD answer to `what`: BAD means deskd sent something the server
// does not understand (kInvalid); NO is a server-side refusal that may pass.
Error Failed(const std::string& where, const std::string& what, const ImapStatus& st) {
  std::string message = where + ": " + what + " failed: " + ServerSaid(st);
  if (st.condition == "BAD") return Error::Invalid(message);
  return Error::Temporary(message);
}

}  // namespace

Result<FolderState> ImapSource::Open() {
  return WithConnection<Result<FolderState>>(true, [&]() -> Result<FolderState> {
    Result<FolderState> state = fresh_select_ ? Result<FolderState>(fresh_state_) : Select();
    if (state) {
      uidvalidity_ = state->uidvalidity;
      uidvalidity_changed_ = false;
    }
    return state;
  });
}

Result<std::vector<uint32_t>> ImapSource::UidsFrom(uint32_t first_uid) {
  uint32_t first = std::max<uint32_t>(first_uid, 1);
  using R = Result<std::vector<uint32_t>>;
  return WithConnection<R>(false, [&]() -> R {
    // A server announces new mail at the end of a command, and may not list
    // in SEARCH what it has not announced yet: NOOP lets it catch up first.
    DESKD_TRY(Run("NOOP"));
    DESKD_TRY_ASSIGN(auto reply, Run("UID SEARCH UID " + std::to_string(first) + ":*"));
    if (!reply.status.ok()) return Failed(where_, "UID SEARCH", reply.status);
    std::vector<uint32_t> uids = ParseSearchResponses(reply.untagged);
    // "n:*" with n above the highest UID still matches the highest one.
    uids.erase(std::remove_if(uids.begin(), uids.end(), [&](uint32_t u) { return u < first; }),
               uids.end());
    return uids;
  });
}

Result<std::vector<uint32_t>> ImapSource::PendingUpTo(uint32_t last_uid) {
  if (last_uid == 0) return std::vector<uint32_t>{};
  using R = Result<std::vector<uint32_t>>;
  return WithConnection<R>(false, [&]() -> R {
    // "seen": committed but not flagged means still UNSEEN. "move": every
    // message still in the folder was not moved yet.
    std::string command = "UID SEARCH UID 1:" + std::to_string(last_uid);
    if (config_.after_processing != "move") command += " UNSEEN";
    DESKD_TRY_ASSIGN(auto reply, Run(command));
    if (!reply.status.ok()) return Failed(where_, "UID SEARCH", reply.status);
    std::vector<uint32_t> uids = ParseSearchResponses(reply.untagged);
    uids.erase(std::remove_if(uids.begin(), uids.end(), [&](uint32_t u) { return u > last_uid; }),
               uids.end());
    return uids;
  });
}

Result<std::string> ImapSource::Fetch(uint32_t uid) {
  const std::string n = std::to_string(uid);
  using R = Result<std::string>;
  return WithConnection<R>(false, [&]() -> R {
    DESKD_TRY_ASSIGN(auto reply, Run("UID FETCH " + n + " BODY.PEEK[]"));
    if (!reply.status.ok()) return Failed(where_, "UID FETCH " + n, reply.status);
    std::string problem;
    for (ImapResponse& r : reply.untagged) {
      if (!IsFetch(r)) continue;
      auto fetch = ParseImapFetch(std::move(r));
      if (!fetch) {
        problem = fetch.error().message;
        continue;
      }
      if (fetch->uid == uid && fetch->body) return std::move(*fetch->body);
    }
    if (!problem.empty()) {
      return Error::Invalid(where_ + ": malformed FETCH response for UID " + n + ": " + problem);
    }
    return Error::NotFound(where_ + ": no message with UID " + n);
  });
}

Result<std::vector<std::string>> ImapSource::Flags(uint32_t uid) {
  const std::string n = std::to_string(uid);
  using R = Result<std::vector<std::string>>;
  return WithConnection<R>(false, [&]() -> R {
    DESKD_TRY_ASSIGN(auto reply, Run("UID FETCH " + n + " (FLAGS)"));
    if (!reply.status.ok()) return Failed(where_, "UID FETCH " + n, reply.status);
    for (ImapResponse& r : reply.untagged) {
      if (!IsFetch(r)) continue;
      auto fetch = ParseImapFetch(std::move(r));
      if (fetch && fetch->uid == uid && fetch->flags) return std::move(*fetch->flags);
    }
    return Error::NotFound(where_ + ": no message with UID " + n);
  });
}

Status ImapSource::CreateFolder() {
  DESKD_TRY_ASSIGN(auto reply, Run("CREATE " + move_to_));
  if (reply.status.ok() || reply.status.code == "ALREADYEXISTS") return Status::Ok();
  return Failed(where_, "CREATE " + config_.move_to, reply.status);
}

Status ImapSource::MoveWithCopy(const std::string& n) {
  DESKD_TRY_ASSIGN(auto copy, Run("UID COPY " + n + " " + move_to_));
  if (!copy.status.ok() && copy.status.code == "TRYCREATE") {
    DESKD_TRY(CreateFolder());
    DESKD_TRY_ASSIGN(copy, Run("UID COPY " + n + " " + move_to_));
  }
  if (!copy.status.ok()) return Failed(where_, "UID COPY " + n, copy.status);
  DESKD_TRY_ASSIGN(auto store, Run("UID STORE " + n + " +FLAGS.SILENT (\\Deleted)"));
  if (!store.status.ok()) return Failed(where_, "UID STORE " + n, store.status);
  if (conn_->capabilities().count("UIDPLUS") == 0) {
    // A plain EXPUNGE would also remove what others flagged \Deleted.
    spdlog::warn("IMAP server has no UIDPLUS: moved message left flagged \\Deleted mailbox={} uid={}",
                 LogValue(config_.name.empty() ? config_.queue : config_.name), n);
    return Status::Ok();
  }
  DESKD_TRY_ASSIGN(auto expunge, Run("UID EXPUNGE " + n));
  if (!expunge.status.ok()) return Failed(where_, "UID EXPUNGE " + n, expunge.status);
  return Status::Ok();
}

Status ImapSource::MarkProcessed(uint32_t uid) {
  const std::string n = std::to_string(uid);
  return WithConnection<Status>(false, [&]() -> Status {
    if (config_.after_processing == "seen") {
      DESKD_TRY_ASSIGN(auto reply, Run("UID STORE " + n + " +FLAGS.SILENT (\\Seen)"));
      if (!reply.status.ok()) return Failed(where_, "UID STORE " + n, reply.status);
      return Status::Ok();
    }
    if (!options_.use_move || conn_->capabilities().count("MOVE") == 0) return MoveWithCopy(n);
    DESKD_TRY_ASSIGN(auto reply, Run("UID MOVE " + n + " " + move_to_));
    if (!reply.status.ok() && reply.status.code == "TRYCREATE") {
      DESKD_TRY(CreateFolder());
      DESKD_TRY_ASSIGN(reply, Run("UID MOVE " + n + " " + move_to_));
    }
    if (!reply.status.ok()) return Failed(where_, "UID MOVE " + n, reply.status);
    return Status::Ok();
  });
}

void ImapSource::Disconnect() { conn_.reset(); }

}  // namespace deskd
