// OutboxSender: delivers the outbox rows the intake wrote, through a
// MailSink (SMTP), with retries and a deterministic exponential backoff.
//
// Delivery is at-least-once: a row is marked sent only after Send returned
// OK, so a crash (or a database error) between the server's acceptance and
// MarkOutboxSent sends the same bytes again on the next round. The copies
// carry the same Message-ID (chosen when the row was written), so mail
// clients and the receiving deskd (deduplication by Message-ID) see one mail.
// SMTP has no way to make this exactly-once.
#pragma once

#include <optional>

#include "daemon/core/clock.h"
#include "daemon/config/config.h"
#include "daemon/core/mail_sink.h"
#include "daemon/store/store.h"

namespace deskd {

struct OutboxRound {
  int sent = 0;     // accepted by the server
  int retried = 0;  // temporary failure: scheduled again
  int failed = 0;   // refused for good, or out of attempts: marked failed
  bool store_error = false;  // the round stopped on a database error
};

class OutboxSender {
 public:
  // REQUIRES: all references outlive the sender; used from the store's thread.
  OutboxSender(Store& store, MailSink& sink, const Config& config, const Clock& clock);

  // Sends up to `max_mails` due rows, oldest first. For each: OK -> sent;
  // kTemporary -> retried at now + min(retry_initial * 2^(attempts-1),
  // retry_max) while attempts < smtp.max_attempts; otherwise (kInvalid, or
  // attempts used up) -> failed, logged at error level.
  OutboxRound RunOnce(int max_mails = 100);

  // When the next queued row is due (may be in the past); nullopt when the
  // outbox holds nothing to send.
  std::optional<TimePoint> NextDue();

  // The delay before attempt `attempts` + 1, after `attempts` failures
  // (attempts >= 1): retry_initial * 2^(attempts-1), capped at retry_max.
  static int64_t BackoffSeconds(const SmtpSection& smtp, int attempts);

 private:
  Store& store_;
  MailSink& sink_;
  const Config& config_;
  const Clock& clock_;
};

}  // namespace deskd
