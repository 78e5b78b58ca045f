// ImapSource: a MailSource over IMAP, one folder of one [[mailbox]]. Keeps one
// logged-in connection (daemon/wire/imap_connection.h) across calls and reconnects
// transparently once when it was dropped; the commands it sends are all safe
// to repeat. Reads with BODY.PEEK[] so fetching never sets \Seen.
//
// Folder names are UTF-8 in the config and sent in modified UTF-7.
// Not thread-safe: one thread uses an ImapSource at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "daemon/config/config.h"
#include "daemon/wire/imap_connection.h"
#include "daemon/core/mail_source.h"

namespace deskd {

class ImapSource : public MailSource {
 public:
  struct Options {
    int connect_timeout_seconds = 10;
    int login_timeout_seconds = 30;
    int io_timeout_seconds = 60;
    // false: move with COPY + \Deleted + UID EXPUNGE even when the server
    // offers MOVE (the fallback path, for tests).
    bool use_move = true;
  };

  ImapSource(MailboxSection config, std::string password);
  ImapSource(MailboxSection config, std::string password, Options options);
  ~ImapSource() override;

  // SELECTs the folder (connecting first if needed) and reports its state.
  // May be called again at any time to refresh the state; after it the
  // UIDVALIDITY it returned is the one later calls hold the server to.
  // Errors: kInvalid for a refused login, an untrusted certificate, or a
  // folder that cannot be selected; kTemporary for network trouble.
  Result<FolderState> Open() override;
  // NOOP (so that mail delivered since the last command is seen), then
  // "UID SEARCH UID first:*", keeping only UIDs >= first_uid.
  Result<std::vector<uint32_t>> UidsFrom(uint32_t first_uid) override;
  // The message exactly as stored. kNotFound when no message has that UID.
  Result<std::string> Fetch(uint32_t uid) override;
  // after_processing "seen": +FLAGS (\Seen). "move": UID MOVE to move_to
  // (created when missing), or COPY + \Deleted + UID EXPUNGE without MOVE.
  Status MarkProcessed(uint32_t uid) override;

  // UIDs <= last_uid not yet marked processed: UNSEEN ones in "seen" mode,
  // all still in the folder in "move" mode.
  Result<std::vector<uint32_t>> PendingUpTo(uint32_t last_uid) override;
  // The flags of one message ("\\Seen", "\\Deleted", ...); kNotFound when
  // no message has that UID. For tests and diagnostics.
  Result<std::vector<std::string>> Flags(uint32_t uid);
  // Closes the connection; the next call connects again.
  void Disconnect();
  // How many connections (logins) this source has made.
  int connects() const { return connects_; }

 private:
  // Runs `op` on a live, selected connection, connecting first if needed;
  // when the connection breaks under `op`, reconnects and runs it once more.
  template <typename T, typename Op>
  T WithConnection(bool opening, Op op);
  Status Connect();
  Result<FolderState> Select();
  Result<ImapConnection::Reply> Run(const std::string& command);
  Status CreateFolder();
  Status MoveWithCopy(const std::string& uid);

  MailboxSection config_;
  ImapConnection::Options connection_options_;
  Options options_;
  std::string where_;            // "folder INBOX at imap://host:port" for messages
  Status folder_error_;          // a folder name that cannot be sent
  std::string folder_;           // quoted modified UTF-7
  std::string move_to_;          // quoted modified UTF-7
  std::unique_ptr<ImapConnection> conn_;
  bool fresh_select_ = false;    // conn_ was just connected and selected...
  FolderState fresh_state_;      // ...and this is what SELECT said
  uint32_t uidvalidity_ = 0;     // as of the last Open(); 0 = none yet
  bool uidvalidity_changed_ = false;
  int connects_ = 0;
};

}  // namespace deskd
