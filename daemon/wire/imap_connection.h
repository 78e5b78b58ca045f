// ImapConnection: one logged-in IMAP session. libcurl (CURLOPT_CONNECT_ONLY)
// connects, does TLS or STARTTLS, checks the certificate and logs in; deskd
// then sends its own tagged commands over curl_easy_send/curl_easy_recv and
// frames the responses itself (daemon/wire/imap_response.h).
//
// Why not libcurl's IMAP URLs and CURLOPT_CUSTOMREQUEST: libcurl fetches with
// BODY[] (which sets \Seen), has no UID MOVE, and hands the lines of a custom
// command's literal to the header callback line by line, cutting lines longer
// than half its buffer and taking a literal line that starts with its tag for
// the end of the command. Here a literal is read as exactly {N} bytes.
//
// Not thread-safe: one thread uses a connection at a time.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/wire/imap_response.h"
#include "parsers/result.h"

namespace deskd {

class ImapConnection {
 public:
  struct Options {
    std::string url;        // imap://host:port or imaps://host:port
    std::string user;
    std::string password;   // never logged, never in an error message
    bool tls_verify = true;
    std::string ca_file;    // "" = the system trust store
    int connect_timeout_seconds = 10;  // the TCP connect
    int login_timeout_seconds = 30;    // connect, TLS and login together
    int io_timeout_seconds = 60;       // a command that moves no byte this long fails
    ImapFrameLimits limits;
  };

  // What the server answered to one command.
  struct Reply {
    std::vector<ImapResponse> untagged;  // in the order received
    ImapStatus status;                   // of the tagged completion
  };

  // Connects and logs in. Errors: kInvalid for a refused login, a TLS
  // certificate that is not trusted, or a URL that is not IMAP; kTemporary
  // for everything else (refused connection, timeout, server gone).
  static Result<std::unique_ptr<ImapConnection>> Open(const Options& options);

  // Logs out (briefly waiting for the server) and closes.
  ~ImapConnection();
  ImapConnection(const ImapConnection&) = delete;
  ImapConnection& operator=(const ImapConnection&) = delete;

  // Sends "<tag> <command>\r\n" and reads responses up to the tagged one.
  // A NO or BAD is a Reply whose status is not ok(). An Error (kTemporary)
  // means the connection is no longer usable and broken() is true from then
  // on. REQUIRES: `command` holds no CR or LF (else kInvalid, nothing sent).
  Result<Reply> Command(std::string_view command);

  // True once an I/O error, a timeout, a framing error or a BYE ended the
  // session; every later Command fails.
  bool broken() const { return broken_; }

  // What the server announced after login (upper-case: "MOVE", "UIDPLUS"...).
  const std::set<std::string>& capabilities() const { return capabilities_; }

 private:
  struct CurlHandle;  // the libcurl easy handle (imap_connection.cc)

  ImapConnection(std::unique_ptr<CurlHandle> curl, Options options);
  Error Break(const std::string& why);
  Status SendAll(std::string_view data);
  Status Fill();
  Status Wait(short events);
  Result<ImapResponse> ReadResponse();

  std::unique_ptr<CurlHandle> curl_;
  Options options_;
  std::string where_;          // URL without credentials, for messages
  std::string buf_;            // bytes received and not yet consumed...
  size_t start_ = 0;           // ...from here on
  size_t need_ = 0;            // buffer size below which no response can be complete
  unsigned next_tag_ = 1;
  bool broken_ = false;
  std::string bye_;            // text of an untagged BYE, if one came
  std::set<std::string> capabilities_;
};

}  // namespace deskd
