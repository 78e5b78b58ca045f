#include "daemon/programs/service.h"

#include <systemd/sd-daemon.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio.hpp>
#include <spdlog/spdlog.h>

#include "daemon/calendar/calendar.h"
#include "daemon/core/clock.h"
#include "daemon/core/exit_codes.h"
#include "daemon/wire/imap_source.h"
#include "daemon/intake/intake.h"
#include "daemon/intake/mailbox_poller.h"
#include "daemon/wire/outbox_sender.h"
#include "daemon/notify/scheduler.h"
#include "daemon/wire/smtp_sink.h"
#include "daemon/store/store.h"
#include "daemon/compose/templates.h"

namespace deskd {
namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;
using std::chrono::seconds;

// How often the outbox is looked at even when nothing is due: rows may be
// written by another process (`deskctl ingest` from an MTA pipe).
constexpr seconds kOutboxIdleCheck{5};
// Everything built from one Config; replaced whole on SIGHUP.
struct Pipeline {
  Config config;
  TemplateSet templates;
  std::unique_ptr<Intake> intake;
  std::unique_ptr<SmtpSink> sink;
  std::unique_ptr<OutboxSender> outbox;
  struct Mailbox {
    std::unique_ptr<ImapSource> source;
    std::unique_ptr<MailboxPoller> poller;
    int failures = 0;
  };
  std::vector<Mailbox> mailboxes;
  std::unique_ptr<BusinessCalendar> calendar;
  std::unique_ptr<Scheduler> scheduler;
};

Result<std::unique_ptr<Pipeline>> BuildPipeline(Config config, Store& store, const Clock& clock,
                                                const ProgramEnv& env) {
  DESKD_TRY_ASSIGN(TemplateSet templates,
                   TemplateSet::Load(config.desk.templates_dir, config.desk.default_language));
  // Every mail deskd writes must have a template in some language.
  std::vector<std::string> names = Intake::TemplateNames();
  names.insert(names.end(), Scheduler::TemplateNames().begin(), Scheduler::TemplateNames().end());
  for (const std::string& name : names) {
    if (!templates.Has(name, config.desk.default_language) && !templates.Has(name, "en")) {
      return Error::Config("template \"" + name + "\" missing in languages " +
                           config.desk.default_language + " and en");
    }
  }
  DESKD_TRY_ASSIGN(BusinessCalendar calendar, BusinessCalendar::Create(config.calendar));
  auto p = std::make_unique<Pipeline>(
      Pipeline{std::move(config), std::move(templates), {}, {}, {}, {}, {}, {}});
  p->calendar = std::make_unique<BusinessCalendar>(std::move(calendar));
  p->scheduler = std::make_unique<Scheduler>(store, p->config, p->templates, *p->calendar);
  p->intake = std::make_unique<Intake>(store, p->config, p->templates, clock);
  p->sink = std::make_unique<SmtpSink>(p->config.smtp, p->config.smtp_password);
  p->outbox = std::make_unique<OutboxSender>(store, *p->sink, p->config, clock);
  for (size_t i = 0; i < p->config.mailboxes.size(); ++i) {
    Pipeline::Mailbox m;
    m.source = std::make_unique<ImapSource>(p->config.mailboxes[i], p->config.mailbox_passwords[i]);
    m.poller = std::make_unique<MailboxPoller>(p->config.mailboxes[i], *m.source, store, *p->intake,
                                               env.after_intake_commit);
    p->mailboxes.push_back(std::move(m));
  }
  return p;
}

class ServiceImpl final : public Service {
 public:
  ServiceImpl(std::unique_ptr<Store> store, ProgramEnv env)
      : env_(std::move(env)),
        clock_(env_.make_clock()),
        store_(std::move(store)),
        outbox_timer_(work_),
        scheduler_timer_(work_) {}

  Status Init(Config config) {
    DESKD_TRY_ASSIGN(pipeline_, BuildPipeline(std::move(config), *store_, *clock_, env_));
    return Status::Ok();
  }

  int Run() override {
    auto guard = asio::make_work_guard(work_);
    ArmAll();
    std::thread worker([this] { work_.run(); });

    asio::io_context signals_ctx;
    asio::signal_set signals(signals_ctx, SIGINT, SIGTERM, SIGHUP);
    std::function<void(const boost::system::error_code&, int)> on_signal =
        [&](const boost::system::error_code& ec, int sig) {
          if (ec) return;
          if (sig == SIGHUP) {
            spdlog::info("SIGHUP: reloading config file={}", pipeline_->config.file);
            sd_notify(0, "RELOADING=1");
            asio::post(work_, [this] { Reload(); });
            signals.async_wait(on_signal);
            return;
          }
          spdlog::info("signal {}: finishing the mail in flight, then stopping", sig);
          sd_notify(0, "STOPPING=1");
          stop_ = true;
          asio::post(work_, [this, &guard] {
            CancelTimers();
            guard.reset();
          });
        };
    signals.async_wait(on_signal);

    sd_notify(0, "READY=1");
    spdlog::info("deskd started mailboxes={} database={}", pipeline_->mailboxes.size(),
                 pipeline_->config.database.path);
    while (!stop_) signals_ctx.run_one();
    worker.join();
    spdlog::info("deskd stopped");
    return kExitOk;
  }

 private:
  void ArmAll() {
    poll_timers_.clear();
    for (size_t i = 0; i < pipeline_->mailboxes.size(); ++i) {
      poll_timers_.push_back(std::make_unique<asio::steady_timer>(work_));
      SchedulePoll(i, seconds(0));
    }
    ScheduleOutbox(milliseconds(0));
    ScheduleScheduler(milliseconds(0));
  }

  void CancelTimers() {
    for (auto& t : poll_timers_) t->cancel();
    outbox_timer_.cancel();
    scheduler_timer_.cancel();
  }

  void SchedulePoll(size_t i, std::chrono::steady_clock::duration delay) {
    auto& timer = *poll_timers_[i];
    timer.expires_after(delay);
    timer.async_wait([this, i, generation = generation_](const boost::system::error_code& ec) {
      if (ec || stop_ || generation != generation_) return;
      PollMailbox(i);
    });
  }

  void PollMailbox(size_t i) {
    auto& m = pipeline_->mailboxes[i];
    const auto& section = pipeline_->config.mailboxes[i];
    auto report = m.poller->PollOnce(stop_);
    seconds next(section.poll_interval_seconds);
    if (!report) {
      ++m.failures;
      // Back off on a failing server, at most ten minutes between tries.
      next = std::min<seconds>(next * (1 << std::min(m.failures, 5)), seconds(600));
      spdlog::warn("mailbox poll failed mailbox={} attempt={} retry_in={}s error=\"{}\"",
                   m.poller->name(), m.failures, next.count(), report.error().message);
    } else {
      m.failures = 0;
      if (report->outbox_rows > 0) ScheduleOutbox(milliseconds(0));
      // A new incident or a change may move the next due time earlier.
      if (report->created > 0 || report->threaded > 0) ScheduleScheduler(milliseconds(0));
    }
    if (!stop_) SchedulePoll(i, next);
  }

  void ScheduleOutbox(std::chrono::steady_clock::duration delay) {
    outbox_timer_.expires_after(delay);
    outbox_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec || stop_) return;
      RunOutbox();
    });
  }

  void RunOutbox() {
    pipeline_->outbox->RunOnce();
    std::chrono::steady_clock::duration wait = kOutboxIdleCheck;
    if (auto due = pipeline_->outbox->NextDue()) {
      auto until = *due - clock_->Now();
      if (until < wait) wait = std::max<std::chrono::steady_clock::duration>(until, milliseconds(0));
    }
    if (!stop_) ScheduleOutbox(wait);
  }

  void ScheduleScheduler(std::chrono::steady_clock::duration delay) {
    scheduler_timer_.expires_after(delay);
    scheduler_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec || stop_) return;
      RunScheduler();
    });
  }

  // Sends what is due, then sleeps until the next due time (at most
  // env_.scheduler_idle_check; at once when a batch limit was hit).
  void RunScheduler() {
    const int64_t now = ToUnix(clock_->Now());
    std::chrono::steady_clock::duration wait = env_.scheduler_idle_check;
    auto tick = pipeline_->scheduler->RunDue(now);
    if (!tick) {
      spdlog::warn("scheduler tick failed retry_in=5s error=\"{}\"", tick.error().message);
      wait = seconds(5);
    } else {
      const int written = tick->reminders + tick->escalations;
      if (written > 0 && env_.after_notification_commit) env_.after_notification_commit(written);
      if (tick->outbox_rows > 0) ScheduleOutbox(milliseconds(0));
      if (tick->more) wait = milliseconds(0);
    }
    if (tick) {
      auto next = pipeline_->scheduler->NextDue(ToUnix(clock_->Now()));
      if (!next) {
        spdlog::warn("scheduler next due failed error=\"{}\"", next.error().message);
      } else if (*next) {
        auto until = FromUnix(**next) - clock_->Now();
        if (until < wait) wait = std::max<std::chrono::steady_clock::duration>(until, milliseconds(0));
      }
    }
    if (!stop_) ScheduleScheduler(wait);
  }

  void Reload() {
    auto config = LoadConfig(pipeline_->config.file);
    if (!config) {
      spdlog::error("reload failed, keeping the old config: {}", config.error().message);
      sd_notify(0, "READY=1");
      return;
    }
    if (config->database.path != pipeline_->config.database.path) {
      spdlog::warn("database.path changed: takes effect at the next restart");
      config->database.path = pipeline_->config.database.path;
    }
    auto pipeline = BuildPipeline(std::move(*config), *store_, *clock_, env_);
    if (!pipeline) {
      spdlog::error("reload failed, keeping the old config: {}", pipeline.error().message);
      sd_notify(0, "READY=1");
      return;
    }
    CancelTimers();
    ++generation_;
    pipeline_ = std::move(*pipeline);
    ArmAll();
    spdlog::info("config reloaded mailboxes={}", pipeline_->mailboxes.size());
    sd_notify(0, "READY=1");
  }

  ProgramEnv env_;
  std::unique_ptr<Clock> clock_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Pipeline> pipeline_;
  asio::io_context work_;
  asio::steady_timer outbox_timer_;
  asio::steady_timer scheduler_timer_;
  std::vector<std::unique_ptr<asio::steady_timer>> poll_timers_;
  std::atomic<bool> stop_{false};
  int generation_ = 0;
};

}  // namespace

Result<std::unique_ptr<Service>> Service::Create(Config config, ProgramEnv env) {
  DESKD_TRY(EnsureSecret(config));
  DESKD_TRY_ASSIGN(auto store, Store::Open(config.database.path));
  auto service = std::make_unique<ServiceImpl>(std::move(store), std::move(env));
  DESKD_TRY(service->Init(std::move(config)));
  return std::unique_ptr<Service>(std::move(service));
}

}  // namespace deskd
