// SmtpSink: a MailSink over SMTP with libcurl. One easy handle is kept, so
// libcurl reuses the connection (and its TLS session and login) across Send
// calls; a connection the server has meanwhile closed is replaced, and a
// reused connection that fails before the server answered is retried once
// on a fresh one.
//
// TLS: smtps:// from the start; smtp:// upgrades with STARTTLS when the
// server offers it. Authentication only when `user` is set.
// Not thread-safe: one thread uses a sink at a time.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "daemon/config/config.h"
#include "daemon/core/mail_sink.h"

namespace deskd {

class SmtpSink : public MailSink {
 public:
  SmtpSink(SmtpSection config, std::string password);
  ~SmtpSink() override;
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  // Sends `raw_message` as is (libcurl dot-stuffs it and ends the DATA).
  // An empty envelope_from is the null sender "<>".
  // Errors: kTemporary for a refused or lost connection, a timeout, a 4xx
  // reply, a refused login or an untrusted certificate (the mail is not at
  // fault: try again once fixed); kInvalid for a 5xx reply (with the
  // server's text) and for addresses that cannot be sent (CR, LF, <, >,
  // spaces, no recipient).
  Status Send(const std::string& envelope_from, const std::vector<std::string>& recipients,
              const std::string& raw_message) override;

  // How many connections libcurl has opened so far; for tests and figures.
  long connects() const { return connects_; }

 private:
  Status SendOnce(const std::string& envelope_from, const std::vector<std::string>& recipients,
                  const std::string& raw_message, bool fresh_connection, bool* reused_failed);

  SmtpSection config_;
  std::string password_;
  std::string where_;
  struct CurlHandle;  // the libcurl easy handle (smtp_sink.cc)
  std::unique_ptr<CurlHandle> curl_;
  long connects_ = 0;
};

}  // namespace deskd
