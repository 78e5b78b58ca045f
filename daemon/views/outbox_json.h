// Outbox view for deskctl: the outgoing mails of `deskctl outbox [--json]`.
//
// Each mail: {id, ticket | null, kind (template), status queued | sent |
// failed, retrying (queued after at least one failed attempt), to
// [addresses], subject, message_id, attempts, next_attempt_at, created_at,
// sent_at | null (RFC 3339, UTC), last_error | null}. "status" is the
// outbox row's own status, so a mail still waiting for its next attempt
// reads "queued" however often it failed; "retrying" says that it did.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "daemon/store/store.h"
#include "parsers/result.h"

namespace deskd {

// `status`: "" = every mail not sent (queued and failed), "queued",
// "retry" (queued with attempts > 0), "sent" or "failed". Newest first, at
// most `limit` mails (0 = all). Error kInvalid for another status.
Result<nlohmann::json> ListOutboxJson(Store& store, const std::string& status, int limit = 0);

// One aligned line per mail (id, status, attempts, next attempt, ticket,
// to, subject), with the last error on a line below a failed or retrying
// mail; "outbox empty\n" for an empty array.
std::string FormatOutboxList(const nlohmann::json& mails);

}  // namespace deskd
