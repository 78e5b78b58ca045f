#include "daemon/wire/smtp_sink.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include "daemon/wire/curl_util.h"
#include "daemon/core/logging.h"

namespace deskd {

namespace {

struct Upload {
  const std::string* data;
  size_t pos = 0;
};

size_t ReadMessage(char* buffer, size_t size, size_t nitems, void* userp) {
  auto* up = static_cast<Upload*>(userp);
  size_t n = std::min(size * nitems, up->data->size() - up->pos);
  std::memcpy(buffer, up->data->data() + up->pos, n);
  up->pos += n;
  return n;
}

// The server's replies as libcurl hands them to the header callback, one
// line at a time; a reply ends with a line "NNN text" (not "NNN-text").
struct Replies {
  std::string current;
  std::string last;     // the last complete reply, lines joined with " / "
  std::string refusal;  // the first complete 4xx/5xx reply (before QUIT's 221)
};

size_t ReadReplyLine(char* buffer, size_t size, size_t nitems, void* userp) {
  auto* replies = static_cast<Replies*>(userp);
  size_t n = size * nitems;
  std::string line(buffer, n);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (!replies->current.empty()) replies->current += " / ";
  replies->current += line;
  if (line.size() == 3 || (line.size() > 3 && line[3] == ' ')) {
    if (replies->refusal.empty() && (line[0] == '4' || line[0] == '5')) {
      replies->refusal = replies->current;
    }
    replies->last = std::move(replies->current);
    replies->current.clear();
  }
  return n;
}

// An envelope address libcurl may put between < and > as is.
bool SendableAddress(const std::string& address) {
  if (address.empty() || address.size() > 512) return false;
  for (char c : address) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '<' || c == '>') return false;
  }
  return true;
}

}  // namespace

// Kept out of the header, so that the layers using SmtpSink do not see
// <curl/curl.h>.
struct SmtpSink::CurlHandle {
  CURL* easy = nullptr;
};

SmtpSink::SmtpSink(SmtpSection config, std::string password)
    : config_(std::move(config)), password_(std::move(password)),
      where_(UrlForMessages(config_.url)), curl_(std::make_unique<CurlHandle>()) {
  EnsureCurlInitialized();
  curl_->easy = curl_easy_init();
  if (curl_->easy == nullptr) return;
  long timeout = std::max(config_.timeout_seconds, 1);
  curl_easy_setopt(curl_->easy, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(curl_->easy, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(curl_->easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl_->easy, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl_->easy, CURLOPT_SERVER_RESPONSE_TIMEOUT, timeout);
  curl_easy_setopt(curl_->easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(curl_->easy, CURLOPT_LOW_SPEED_TIME, timeout);
  curl_easy_setopt(curl_->easy, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(curl_->easy, CURLOPT_FORBID_REUSE, 0L);
  SetTlsOptions(curl_->easy, config_.tls_verify, config_.ca_file);
  if (!config_.user.empty()) {
    curl_easy_setopt(curl_->easy, CURLOPT_USERNAME, config_.user.c_str());
    curl_easy_setopt(curl_->easy, CURLOPT_PASSWORD, password_.c_str());
  }
  curl_easy_setopt(curl_->easy, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl_->easy, CURLOPT_READFUNCTION, ReadMessage);
  curl_easy_setopt(curl_->easy, CURLOPT_HEADERFUNCTION, ReadReplyLine);
}

SmtpSink::~SmtpSink() {
  if (curl_->easy != nullptr) curl_easy_cleanup(curl_->easy);  // sends QUIT on a live connection
}

Status SmtpSink::Send(const std::string& envelope_from, const std::vector<std::string>& recipients,
                      const std::string& raw_message) {
  if (curl_->easy == nullptr) return Error::Temporary("curl_easy_init failed");
  if (!envelope_from.empty() && !SendableAddress(envelope_from)) {
    return Error::Invalid("envelope sender cannot be sent: " + LogValue(envelope_from));
  }
  if (recipients.empty()) return Error::Invalid("no recipients");
  for (const std::string& r : recipients) {
    if (!SendableAddress(r)) return Error::Invalid("recipient cannot be sent: " + LogValue(r));
  }
  bool reused_failed = false;
  Status st = SendOnce(envelope_from, recipients, raw_message, false, &reused_failed);
  if (!st.ok() && reused_failed) {
    spdlog::warn("SMTP connection lost before the server answered, retrying on a new one to={} error={}",
                 LogValue(recipients.front()), LogValue(st.error().message));
    st = SendOnce(envelope_from, recipients, raw_message, true, &reused_failed);
  }
  return st;
}

Status SmtpSink::SendOnce(const std::string& envelope_from,
                          const std::vector<std::string>& recipients,
                          const std::string& raw_message, bool fresh_connection,
                          bool* reused_failed) {
  *reused_failed = false;
  Upload upload{&raw_message};
  Replies replies;
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_slist* rcpt = nullptr;
  for (const std::string& r : recipients) rcpt = curl_slist_append(rcpt, ("<" + r + ">").c_str());
  const std::string from = "<" + envelope_from + ">";  // "<>" for the null sender
  curl_easy_setopt(curl_->easy, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl_->easy, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl_->easy, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl_->easy, CURLOPT_HEADERDATA, &replies);
  curl_easy_setopt(curl_->easy, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(raw_message.size()));
  curl_easy_setopt(curl_->easy, CURLOPT_FRESH_CONNECT, fresh_connection ? 1L : 0L);
  curl_easy_setopt(curl_->easy, CURLOPT_ERRORBUFFER, errbuf);

  CURLcode rc = curl_easy_perform(curl_->easy);

  long code = 0;
  long new_connections = 0;
  curl_easy_getinfo(curl_->easy, CURLINFO_RESPONSE_CODE, &code);
  curl_easy_getinfo(curl_->easy, CURLINFO_NUM_CONNECTS, &new_connections);
  connects_ += new_connections;
  curl_easy_setopt(curl_->easy, CURLOPT_MAIL_RCPT, nullptr);
  curl_easy_setopt(curl_->easy, CURLOPT_READDATA, nullptr);
  curl_easy_setopt(curl_->easy, CURLOPT_HEADERDATA, nullptr);
  curl_easy_setopt(curl_->easy, CURLOPT_ERRORBUFFER, nullptr);
  curl_slist_free_all(rcpt);

  if (rc == CURLE_OK) return Status::Ok();
  std::string detail = errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc);
  std::string said = !replies.refusal.empty() ? replies.refusal
                     : !replies.last.empty()  ? replies.last
                                              : replies.current;
  if (rc == CURLE_LOGIN_DENIED) {
    return Error::Temporary("login refused for " + config_.user + " at " + where_ +
                            (said.empty() ? "" : ": " + said));
  }
  if (IsTlsTrustError(rc)) {
    return Error::Temporary("TLS with " + where_ + " failed: " + detail +
                            " (check ca_file / tls_verify)");
  }
  if (code >= 500 && code <= 599) {
    return Error::Invalid(where_ + " refused the mail: " + (said.empty() ? detail : said));
  }
  if (code >= 400 && code <= 499) {
    *reused_failed = new_connections == 0 && code == 421;
    return Error::Temporary(where_ + " deferred the mail: " + (said.empty() ? detail : said));
  }
  *reused_failed = new_connections == 0 && code == 0 && rc != CURLE_COULDNT_CONNECT &&
                   rc != CURLE_COULDNT_RESOLVE_HOST && rc != CURLE_COULDNT_RESOLVE_PROXY;
  return Error::Temporary("cannot send via " + where_ + ": " + detail);
}

}  // namespace deskd
