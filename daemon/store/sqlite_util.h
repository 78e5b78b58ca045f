// SQLite helpers of the store (private to daemon/store/): a prepared
// statement that owns its sqlite3_stmt, a cache of them per connection, and
// a transaction that rolls back unless committed.
// SQLite result codes become Error values: BUSY, LOCKED and FULL are
// kTemporary (the caller may retry later; deskctl ingest exits 75), a
// constraint violation is kInvalid, I/O trouble kIo, the rest kInternal.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <unordered_map>

#include <sqlite3.h>

#include "daemon/store/store.h"
#include "parsers/result.h"

namespace deskd {

// An Error for SQLite result code `rc` on `db` (may be null), prefixed by `what`.
Error SqliteError(sqlite3* db, int rc, std::string_view what);

// One prepared statement. Bind* record the first failure; Step/Run report it.
// Columns and parameters are 0- and 1-based as in SQLite.
class Statement {
 public:
  static Result<Statement> Prepare(sqlite3* db, std::string_view sql);
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, const std::string& text) { return Bind(index, std::string_view(text)); }
  Statement& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
  Statement& Bind(int index, const std::optional<std::string>& text);
  Statement& Bind(int index, const std::optional<int64_t>& value);
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& BindNull(int index);

  // Advances: true when a row is available, false when done.
  Result<bool> Step();
  // Runs to completion; rows, if any, are skipped.
  Status Run();
  // Clears the bindings and rewinds, so the statement can be used again.
  void Reset();

  bool IsNull(int col) const;
  int64_t Int(int col) const;
  std::string Text(int col) const;
  std::optional<std::string> OptText(int col) const;
  std::optional<int64_t> OptInt(int col) const;
  std::string Blob(int col) const;

 private:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  void NoteBind(int rc, int index);

  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  std::optional<Error> bind_error_;
};

// A use of a cached statement; resets it when it goes out of scope, so no
// read transaction is left open by a half-read result.
class StatementRef {
 public:
  explicit StatementRef(Statement* s) : s_(s) {}
  StatementRef(StatementRef&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
  StatementRef(const StatementRef&) = delete;
  StatementRef& operator=(const StatementRef&) = delete;
  ~StatementRef() {
    if (s_ != nullptr) s_->Reset();
  }
  Statement* operator->() const { return s_; }
  Statement& operator*() const { return *s_; }

 private:
  Statement* s_;
};

// Prepared statements of one connection, prepared once by their SQL text.
class StatementCache {
 public:
  explicit StatementCache(sqlite3* db) : db_(db) {}
  Result<StatementRef> Get(std::string_view sql);
  void Clear() { cache_.clear(); }

 private:
  sqlite3* db_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

// The Store's Transaction on SQLite: BEGIN IMMEDIATE ... COMMIT. Rolls back
// in the destructor unless Commit() succeeded. IMMEDIATE takes the write
// lock at once, so a busy database shows up here (kTemporary after
// busy_timeout) and not halfway through.
class SqliteTransaction final : public Transaction {
 public:
  static Result<std::unique_ptr<SqliteTransaction>> Begin(sqlite3* db);
  ~SqliteTransaction() override;
  Status Commit() override;
  void Rollback() override;

 private:
  explicit SqliteTransaction(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  bool open_ = true;
};

// Collects every row of a statement through `read`.
template <typename T, typename F>
Result<std::vector<T>> CollectRows(Statement& s, F read) {
  std::vector<T> rows;
  for (;;) {
    DESKD_TRY_ASSIGN(bool more, s.Step());
    if (!more) return rows;
    rows.push_back(read(s));
  }
}

// At most one row.
template <typename T, typename F>
Result<std::optional<T>> OptionalRow(Statement& s, F read) {
  DESKD_TRY_ASSIGN(bool found, s.Step());
  if (!found) return std::optional<T>();
  return std::optional<T>(read(s));
}

// Runs SQL text without results (PRAGMAs, migration scripts).
Status ExecSql(sqlite3* db, const std::string& sql, std::string_view what);

}  // namespace deskd
