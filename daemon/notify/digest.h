// Digests: the technician's review of every open incident they own (sorted
// by the nearest deadline, with state, priority and what is overdue), and
// the manager's daily or weekly digest (escalations since the last digest,
// breaches, the team's KPIs, the open backlog by age) as text plus an HTML
// part with a table-based bar chart (no script, no images: Outlook, Gmail
// and Thunderbird render it). The KPI arithmetic and the template values are
// pure; Load* read what they need from the store.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "daemon/calendar/calendar.h"
#include "daemon/config/config.h"
#include "daemon/sla/sla.h"
#include "daemon/store/store.h"
#include "daemon/compose/templates.h"
#include "parsers/result.h"

namespace deskd {

// --- technician review ---

struct ReviewRow {
  int64_t number = 0;
  std::string subject;
  std::string status;
  int priority = 3;
  std::vector<SlaClock> clocks;
  std::optional<SlaClock> nearest;  // the open clock with the earliest deadline
};

// Open incidents (new, open, on_hold) owned by `technician` (name), nearest
// deadline first (incidents without an open clock last, by number).
Result<std::vector<ReviewRow>> LoadReview(Store& store, const std::string& technician);
// Sorts rows by nearest deadline (no deadline last, then by number).
void SortReview(std::vector<ReviewRow>* rows);
// technician_review values: technician_name, count, overdue_count, date, rows.
TemplateValues ReviewValues(const std::vector<ReviewRow>& rows, const Config& config,
                            const BusinessCalendar& calendar, const std::string& language,
                            const std::string& technician_name, int64_t now);

// --- manager digest ---

// One incident received in the period, as the KPIs see it.
struct KpiIncident {
  bool decided = false;      // every clock met, or one breached
  bool all_met = false;      // every clock met in time
  bool resolved = false;     // resolved (or closed) by now
  bool first_line = false;   // resolved, never escalated or delegated
  bool right_queue = true;   // never moved to another queue
  std::optional<int64_t> first_response_seconds;  // when the first response was met
  std::optional<int> satisfaction;                // 1..5 when a survey was answered
};

struct Kpis {
  int incidents = 0;
  std::optional<double> all_met;      // shares 0..1; nullopt when nothing to count
  std::optional<double> first_line;
  std::optional<double> right_queue;
  std::optional<double> satisfaction;  // mean 1..5
  std::optional<int64_t> first_response_median;  // seconds
  std::optional<int64_t> first_response_p90;
  std::array<int, 4> backlog{};  // open incidents aged <1 d, 1-3 d, 3-7 d, >7 d
  int backlog_total = 0;
};

// `open_received`: receipt times of the incidents open now.
Kpis ComputeKpis(const std::vector<KpiIncident>& incidents,
                 const std::vector<int64_t>& open_received, int64_t now);

// Nearest-rank percentile (p in 0..100) of `values` (sorted here).
std::optional<int64_t> Percentile(std::vector<int64_t> values, int p);

struct DigestItem {
  int64_t number = 0;
  int64_t at = 0;
  std::string what;  // escalation: reason / "deadline missed"; breach: clock name
  std::string subject;
  int64_t due = 0;   // breach: the missed deadline
};

struct ManagerDigest {
  int64_t from = 0;
  int64_t to = 0;
  bool weekly = false;
  Kpis kpis;
  std::vector<DigestItem> escalations;  // since the last digest
  std::vector<DigestItem> breaches;     // in the period
};

// Reads the period [from, to) from the store.
Result<ManagerDigest> LoadManagerDigest(Store& store, int64_t from, int64_t to, bool weekly);
// manager_digest / manager_digest_html values (HTML-escaped *_html values
// and bar charts for the HTML part).
TemplateValues ManagerDigestValues(const ManagerDigest& digest, const Config& config,
                                   const BusinessCalendar& calendar, const std::string& language);

// "&", "<", ">", '"' and "'" escaped for HTML text and attributes.
std::string HtmlEscape(const std::string& text);
// A one-row table of `width` pixels, `filled` of them coloured: a bar that
// renders in mail clients without CSS support.
std::string HtmlBar(int filled, int width, const std::string& colour);

}  // namespace deskd
