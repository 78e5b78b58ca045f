// Test helpers for the store, intake and outbox tests: a temporary
// directory, a MailSink that records or fails on demand, a fixed start time.
#pragma once

#include <cstdlib>
#include <deque>
#include <filesystem>
#include <string>
#include <vector>

#include "daemon/core/clock.h"
#include "daemon/core/mail_sink.h"

namespace deskd::testing {

// A fresh directory under $TMPDIR, removed with everything in it at the end.
class TempDir {
 public:
  TempDir() {
    std::string templ = (std::filesystem::temp_directory_path() / "deskd-test-XXXXXX").string();
    char* made = mkdtemp(templ.data());
    path_ = made != nullptr ? made : "";
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Records every mail; answers each Send with the next queued status, or OK.
class FakeSink final : public MailSink {
 public:
  struct Sent {
    std::string envelope_from;
    std::vector<std::string> recipients;
    std::string raw;
  };
  Status Send(const std::string& envelope_from, const std::vector<std::string>& recipients,
              const std::string& raw_message) override {
    attempts.push_back({envelope_from, recipients, raw_message});
    Status st = Status::Ok();
    if (!answers.empty()) {
      st = answers.front();
      answers.pop_front();
    }
    if (st.ok()) sent.push_back(attempts.back());
    return st;
  }
  std::deque<Status> answers;  // consumed front first
  std::vector<Sent> attempts;  // every call
  std::vector<Sent> sent;      // calls answered OK
};

// 2026-11-23 10:00:00 UTC.
inline TimePoint TestStart() { return FromUnix(1795428000); }

}  // namespace deskd::testing
