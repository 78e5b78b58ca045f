#include "daemon/wire/outbox_sender.h"

#include <algorithm>
#include <string>

#include <spdlog/spdlog.h>

#include "daemon/core/logging.h"

namespace deskd {

namespace {

std::string JoinRecipients(const std::vector<std::string>& recipients) {
  std::string out;
  for (const auto& r : recipients) {
    if (!out.empty()) out += ',';
    out += r;
  }
  return out;
}

std::string TicketText(const OutboxRow& row) {
  return row.incident ? std::to_string(*row.incident) : "-";
}

}  // namespace

OutboxSender::OutboxSender(Store& store, MailSink& sink, const Config& config, const Clock& clock)
    : store_(store), sink_(sink), config_(config), clock_(clock) {}

int64_t OutboxSender::BackoffSeconds(const SmtpSection& smtp, int attempts) {
  int64_t initial = std::max(1, smtp.retry_initial_seconds);
  int64_t cap = std::max<int64_t>(initial, smtp.retry_max_seconds);
  int64_t delay = initial;
  for (int i = 1; i < attempts && delay < cap; ++i) delay *= 2;  // no overflow: stops at cap
  return std::min(delay, cap);
}

OutboxRound OutboxSender::RunOnce(int max_mails) {
  OutboxRound round;
  int64_t now = ToUnix(clock_.Now());
  auto due = store_.DueOutbox(now, max_mails);
  if (!due.ok()) {
    spdlog::error("outbox read failed error={}", LogValue(due.error().message));
    round.store_error = true;
    return round;
  }
  const int max_attempts = std::max(1, config_.smtp.max_attempts);
  for (const OutboxRow& row : *due) {
    const int attempt = row.attempts + 1;
    const std::string to = LogValue(JoinRecipients(row.recipients));
    Status sent = row.recipients.empty()
                      ? Status(Error::Invalid("no recipients"))
                      : sink_.Send(row.envelope_from, row.recipients, row.raw);
    int64_t after = ToUnix(clock_.Now());
    Status marked;
    if (sent.ok()) {
      marked = store_.MarkOutboxSent(row.id, attempt, after);
      ++round.sent;
      spdlog::info("mail sent to={} msgid={} ticket={} kind={} attempt={}", to,
                   LogValue(row.message_id), TicketText(row), row.kind, attempt);
    } else if (sent.error().kind == Error::Kind::kTemporary && attempt < max_attempts) {
      int64_t next = after + BackoffSeconds(config_.smtp, attempt);
      marked = store_.MarkOutboxRetry(row.id, attempt, next, sent.error().message);
      ++round.retried;
      spdlog::warn("mail send will be retried to={} msgid={} ticket={} attempt={} in={}s error={}",
                   to, LogValue(row.message_id), TicketText(row), attempt, next - after,
                   LogValue(sent.error().message));
    } else {
      marked = store_.MarkOutboxFailed(row.id, attempt, sent.error().message);
      ++round.failed;
      spdlog::error("mail send failed to={} msgid={} ticket={} attempt={} error={}", to,
                    LogValue(row.message_id), TicketText(row), attempt,
                    LogValue(sent.error().message));
    }
    if (!marked.ok()) {
      // The mail may have left already; it stays queued and goes again
      // (at-least-once, same Message-ID). Stop: the database needs a moment.
      spdlog::error("outbox update failed id={} msgid={} error={}", row.id,
                    LogValue(row.message_id), LogValue(marked.error().message));
      round.store_error = true;
      break;
    }
  }
  return round;
}

std::optional<TimePoint> OutboxSender::NextDue() {
  auto next = store_.NextOutboxDue();
  if (!next.ok()) {
    spdlog::warn("outbox read failed error={}", LogValue(next.error().message));
    // Look again soon rather than never.
    return clock_.Now() + std::chrono::seconds(std::max(1, config_.smtp.retry_initial_seconds));
  }
  if (!next->has_value()) return std::nullopt;
  return FromUnix(**next);
}

}  // namespace deskd
