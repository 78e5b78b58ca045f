// MailSource: one mailbox folder deskd takes mail from (IMAP in production).
// The intake loop only talks to this interface, so tests can fake a server
// that drops the connection or refuses a login.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "parsers/result.h"

namespace deskd {

// What SELECT reports about a folder.
struct FolderState {
  uint32_t uidvalidity = 0;
  uint32_t uidnext = 0;
  uint32_t exists = 0;
};

class MailSource {
 public:
  virtual ~MailSource() = default;
  // Opens (selects) the folder. Errors: kTemporary for network trouble,
  // kInvalid for a refused login or a folder that does not exist.
  virtual Result<FolderState> Open() = 0;
  // UIDs >= first_uid present in the folder, ascending.
  virtual Result<std::vector<uint32_t>> UidsFrom(uint32_t first_uid) = 0;
  // The raw bytes of one message (BODY.PEEK[]: does not set \Seen).
  virtual Result<std::string> Fetch(uint32_t uid) = 0;
  // Called only after the message's transaction committed: sets \Seen, or
  // moves the message to the configured folder.
  virtual Status MarkProcessed(uint32_t uid) = 0;
  // UIDs <= last_uid still waiting to be marked processed: left over when
  // deskd stopped between a commit and the flag. (Default: none.)
  virtual Result<std::vector<uint32_t>> PendingUpTo(uint32_t last_uid) {
    (void)last_uid;
    return std::vector<uint32_t>{};
  }
};

}  // namespace deskd
