#include "daemon/wire/imap_connection.h"

#include <poll.h>

#include <cerrno>
#include <cstdio>
#include <utility>

#include "daemon/wire/curl_util.h"

namespace deskd {

namespace {

constexpr size_t kReadChunk = 256 * 1024;
constexpr int kLogoutTimeoutSeconds = 2;

}  // namespace

// Kept out of the header, so that the layers using ImapConnection do not
// see <curl/curl.h>.
struct ImapConnection::CurlHandle {
  CURL* easy = nullptr;
};

Result<std::unique_ptr<ImapConnection>> ImapConnection::Open(const Options& options) {
  EnsureCurlInitialized();
  const std::string where = UrlForMessages(options.url);
  if (options.url.rfind("imap://", 0) != 0 && options.url.rfind("imaps://", 0) != 0) {
    return Error::Invalid("not an IMAP URL (imap:// or imaps://): " + where);
  }
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return Error::Temporary("curl_easy_init failed");
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, options.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "imap,imaps");
  curl_easy_setopt(curl, CURLOPT_USERNAME, options.user.c_str());
  curl_easy_setopt(curl, CURLOPT_PASSWORD, options.password.c_str());
  curl_easy_setopt(curl, CURLOPT_CONNECT_ONLY, 1L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(options.connect_timeout_seconds));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(options.login_timeout_seconds));
  curl_easy_setopt(curl, CURLOPT_SERVER_RESPONSE_TIMEOUT,
                   static_cast<long>(options.login_timeout_seconds));
  curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  SetTlsOptions(curl, options.tls_verify, options.ca_file);

  CURLcode rc = curl_easy_perform(curl);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  if (rc != CURLE_OK) {
    std::string detail = errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc);
    curl_easy_cleanup(curl);
    if (rc == CURLE_LOGIN_DENIED) {
      return Error::Invalid("login refused for " + options.user + " at " + where);
    }
    if (IsTlsTrustError(rc)) {
      return Error::Invalid("TLS with " + where + " failed: " + detail +
                            " (check ca_file / tls_verify)");
    }
    if (rc == CURLE_UNSUPPORTED_PROTOCOL || rc == CURLE_URL_MALFORMAT) {
      return Error::Invalid("bad IMAP URL " + where + ": " + detail);
    }
    return Error::Temporary("cannot reach " + where + ": " + detail);
  }

  auto handle = std::make_unique<CurlHandle>();
  handle->easy = curl;
  std::unique_ptr<ImapConnection> conn(new ImapConnection(std::move(handle), options));
  DESKD_TRY_ASSIGN(auto caps, conn->Command("CAPABILITY"));
  if (!caps.status.ok()) {
    return Error::Temporary(where + ": CAPABILITY failed: " + caps.status.text);
  }
  conn->capabilities_ = ParseCapabilities(caps.untagged);
  return conn;
}

ImapConnection::ImapConnection(std::unique_ptr<CurlHandle> curl, Options options)
    : curl_(std::move(curl)), options_(std::move(options)), where_(UrlForMessages(options_.url)) {
  options_.password.clear();  // libcurl has it; nothing here needs it again
}

ImapConnection::~ImapConnection() {
  if (!broken_) {
    options_.io_timeout_seconds = kLogoutTimeoutSeconds;
    (void)Command("LOGOUT");
  }
  // libcurl still thinks it owns an IMAP session and would send its own
  // LOGOUT and wait for it; after ours the server has closed, so that fails
  // at once.
  curl_easy_cleanup(curl_->easy);
}

Error ImapConnection::Break(const std::string& why) {
  broken_ = true;
  std::string message = where_ + ": " + why;
  if (!bye_.empty()) message += " (server said: BYE " + bye_ + ")";
  return Error::Temporary(message);
}

Status ImapConnection::Wait(short events) {
  curl_socket_t sock = CURL_SOCKET_BAD;
  if (curl_easy_getinfo(curl_->easy, CURLINFO_ACTIVESOCKET, &sock) != CURLE_OK ||
      sock == CURL_SOCKET_BAD) {
    return Break("connection closed");
  }
  pollfd pfd{};
  pfd.fd = sock;
  pfd.events = events;
  for (;;) {
    int n = poll(&pfd, 1, options_.io_timeout_seconds * 1000);
    if (n > 0) return Status::Ok();  // readable, writable, or an error to read
    if (n == 0) {
      return Break("no answer within " + std::to_string(options_.io_timeout_seconds) + " s");
    }
    if (errno != EINTR) return Break("poll failed");
  }
}

Status ImapConnection::SendAll(std::string_view data) {
  size_t off = 0;
  while (off < data.size()) {
    size_t sent = 0;
    CURLcode rc = curl_easy_send(curl_->easy, data.data() + off, data.size() - off, &sent);
    if (rc == CURLE_AGAIN) {
      DESKD_TRY(Wait(POLLOUT));
      continue;
    }
    if (rc != CURLE_OK) return Break(std::string("send failed: ") + curl_easy_strerror(rc));
    off += sent;
  }
  return Status::Ok();
}

Status ImapConnection::Fill() {
  // Drop what was consumed before the buffer grows.
  if (start_ > 0 && (start_ == buf_.size() || start_ >= kReadChunk)) {
    buf_.erase(0, start_);  // need_ counts from start_, so it stays
    start_ = 0;
  }
  for (;;) {
    size_t old = buf_.size();
    buf_.resize(old + kReadChunk);
    size_t got = 0;
    CURLcode rc = curl_easy_recv(curl_->easy, buf_.data() + old, kReadChunk, &got);
    buf_.resize(old + (rc == CURLE_OK ? got : 0));
    if (rc == CURLE_OK) {
      if (got == 0) return Break("connection closed by the server");
      return Status::Ok();
    }
    if (rc == CURLE_AGAIN) {
      DESKD_TRY(Wait(POLLIN));
      continue;
    }
    return Break(std::string("receive failed: ") + curl_easy_strerror(rc));
  }
}

Result<ImapResponse> ImapConnection::ReadResponse() {
  for (;;) {
    if (buf_.size() - start_ >= need_) {
      std::string_view avail(buf_.data() + start_, buf_.size() - start_);
      ImapFrame frame = FrameImapResponse(avail, options_.limits);
      if (frame.state == ImapFrame::State::kComplete) {
        ImapResponse r = ParseImapResponse(avail.substr(0, frame.length));
        start_ += frame.length;
        need_ = 0;
        return r;
      }
      if (frame.state == ImapFrame::State::kMalformed) return Break(frame.problem);
      need_ = frame.length;
    }
    DESKD_TRY(Fill());
  }
}

Result<ImapConnection::Reply> ImapConnection::Command(std::string_view command) {
  if (command.find_first_of("\r\n") != std::string_view::npos) {
    return Error::Invalid("IMAP command with a line break");
  }
  if (broken_) return Error::Temporary(where_ + ": connection already closed");
  char tag[16];
  std::snprintf(tag, sizeof(tag), "D%04u", next_tag_++);
  std::string line = std::string(tag) + " " + std::string(command) + "\r\n";
  DESKD_TRY(SendAll(line));
  Reply reply;
  for (;;) {
    DESKD_TRY_ASSIGN(auto r, ReadResponse());
    if (r.tag == tag) {
      reply.status = ParseImapStatus(r.text);
      if (!bye_.empty()) broken_ = true;  // the server closes after BYE
      return reply;
    }
    if (r.tag == "*") {
      ImapStatus st = ParseImapStatus(r.text);
      if (st.condition == "BYE") bye_ = st.text.empty() ? "(no text)" : st.text;
      reply.untagged.push_back(std::move(r));
      continue;
    }
    if (r.tag == "+") return Break("unexpected continuation request");
    return Break("response with an unknown tag " + r.tag);
  }
}

}  // namespace deskd
