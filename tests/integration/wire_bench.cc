// Figures for deskd's network edges against the real mail stack: the cost of
// one poll (connect, login, SELECT, SEARCH, FETCH), fetch throughput, and
// SMTP sends per second over one reused connection. Prints; never fails on
// time. Run under tests/integration/run_with_mailstack.sh.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "daemon/wire/imap_source.h"
#include "daemon/wire/smtp_sink.h"

namespace deskd {
namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

std::map<std::string, std::string> LoadStackEnv() {
  std::map<std::string, std::string> env;
  const char* path = std::getenv("MAILSTACK_ENV");
  if (path == nullptr) return env;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    size_t eq = line.find('=');
    if (eq != std::string::npos) env[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return env;
}

std::string Message(const std::string& to, int i) {
  std::string body;
  for (int k = 0; k < 20; ++k) body += "Line " + std::to_string(k) + " of a small test message.\r\n";
  return "From: bench@itdesk.example\r\nTo: " + to + "\r\nSubject: bench " + std::to_string(i) +
         "\r\nMessage-ID: <bench" + std::to_string(i) + "@wire.bench>\r\n\r\n" + body;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

int Run() {
  auto env = LoadStackEnv();
  if (env.empty()) {
    std::fprintf(stderr, "MAILSTACK_ENV not set: run under run_with_mailstack.sh\n");
    return 2;
  }
  const std::string to = "boss@itdesk.example";
  SmtpSection smtp;
  smtp.url = "smtp://127.0.0.1:" + env["MAILSTACK_SMTP_PORT"];
  smtp.ca_file = env["MAILSTACK_CA"];
  MailboxSection box;
  box.url = "imap://127.0.0.1:" + env["MAILSTACK_IMAP_PORT"];
  box.user = to;
  box.ca_file = env["MAILSTACK_CA"];
  const std::string password = "boss-pw";

  // SMTP: 100 sends over one connection (STARTTLS, then reused).
  SmtpSink sink(smtp, "");
  auto t0 = Clock::now();
  for (int i = 0; i < 100; ++i) {
    Status st = sink.Send("bench@itdesk.example", {to}, Message(to, i));
    if (!st.ok()) {
      std::fprintf(stderr, "send failed: %s\n", st.error().message.c_str());
      return 1;
    }
  }
  double smtp_ms = Ms(Clock::now() - t0);
  std::printf("smtp: 100 sends in %.0f ms = %.0f mails/s, %ld connection(s) (STARTTLS)\n", smtp_ms,
              100000.0 / smtp_ms, sink.connects());
  for (int i = 100; i < 200; ++i) {
    if (!sink.Send("bench@itdesk.example", {to}, Message(to, i)).ok()) return 1;
  }

  // Wait for delivery of all 200.
  ImapSource waiter(box, password);
  auto deadline = Clock::now() + std::chrono::seconds(60);
  std::vector<uint32_t> uids;
  while (Clock::now() < deadline) {
    auto u = waiter.UidsFrom(1);
    if (!u.ok()) {
      std::fprintf(stderr, "search failed: %s\n", u.error().message.c_str());
      return 1;
    }
    uids = *u;
    if (uids.size() >= 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (uids.size() < 200) {
    std::fprintf(stderr, "only %zu of 200 delivered\n", uids.size());
    return 1;
  }
  waiter.Disconnect();

  // One poll from scratch, 20 times: new source, Open, UidsFrom, Fetch one.
  std::vector<double> polls, teardown;
  for (int i = 0; i < 20; ++i) {
    auto start = Clock::now();
    auto source = std::make_unique<ImapSource>(box, password);
    auto st = source->Open();
    auto list = source->UidsFrom(uids.back());
    auto raw = source->Fetch(uids.back());
    polls.push_back(Ms(Clock::now() - start));
    if (!st.ok() || !list.ok() || !raw.ok()) {
      std::fprintf(stderr, "poll failed\n");
      return 1;
    }
    auto before = Clock::now();
    source.reset();  // LOGOUT and close
    teardown.push_back(Ms(Clock::now() - before));
  }
  std::printf("imap: connect+STARTTLS+login+SELECT+SEARCH+FETCH one message: median %.1f ms "
              "(min %.1f, max %.1f); LOGOUT+close median %.1f ms\n",
              Median(polls), *std::min_element(polls.begin(), polls.end()),
              *std::max_element(polls.begin(), polls.end()), Median(teardown));

  // Same on an open connection (what a poll costs once connected).
  ImapSource source(box, password);
  if (!source.Open().ok()) return 1;
  std::vector<double> warm;
  for (int i = 0; i < 20; ++i) {
    auto start = Clock::now();
    auto st = source.Open();
    auto list = source.UidsFrom(uids.back());
    auto raw = source.Fetch(uids.back());
    warm.push_back(Ms(Clock::now() - start));
    if (!st.ok() || !list.ok() || !raw.ok()) return 1;
  }
  std::printf("imap: same on the kept connection (SELECT+SEARCH+FETCH): median %.2f ms\n",
              Median(warm));

  // Fetch throughput: 200 small messages one by one on one connection.
  size_t bytes = 0;
  auto start = Clock::now();
  for (uint32_t uid : uids) {
    auto raw = source.Fetch(uid);
    if (!raw.ok()) return 1;
    bytes += raw->size();
  }
  double fetch_ms = Ms(Clock::now() - start);
  std::printf("imap: fetched %zu messages (%zu bytes) in %.0f ms = %.0f messages/s, %d connection(s)\n",
              uids.size(), bytes, fetch_ms, uids.size() * 1000.0 / fetch_ms, source.connects());

  // One large message (10 MiB of 76-character lines), put in with doveadm.
  std::string big = "From: a@b.example\r\nSubject: big\r\n\r\n";
  while (big.size() < 10 * 1024 * 1024) big += std::string(76, 'Q') + "\r\n";
  const std::string path = env["MAILSTACK_DIR"] + "/wire-bench-big.eml";
  std::ofstream(path, std::ios::binary) << big;
  std::string save = "doveadm -c " + env["MAILSTACK_DOVECOT_CONF"] + " save -u " + to + " < " + path;
  if (std::system(save.c_str()) != 0) {
    std::fprintf(stderr, "doveadm save failed: %s\n", save.c_str());
    return 1;
  }
  auto after = source.UidsFrom(uids.back() + 1);
  if (!after.ok() || after->empty()) {
    std::fprintf(stderr, "the big message is not there: %s\n",
                 after.ok() ? "no new UID" : after.error().message.c_str());
    return 1;
  }
  start = Clock::now();
  auto raw = source.Fetch(after->back());
  double big_ms = Ms(Clock::now() - start);
  if (!raw.ok() || *raw != big) {
    std::fprintf(stderr, "big fetch failed or differs\n");
    return 1;
  }
  std::printf("imap: fetched one %zu-byte message in %.0f ms = %.0f MB/s\n", raw->size(), big_ms,
              raw->size() / 1e3 / big_ms);
  return 0;
}

}  // namespace
}  // namespace deskd

int main() { return deskd::Run(); }
