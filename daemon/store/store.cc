// Store::Open: which implementation serves a database. SQLite today; a later
// PostgreSQL store will be chosen here by the form of `path` (a URL).
#include "daemon/store/store.h"

#include "daemon/store/sqlite_store.h"

namespace deskd {

Result<std::unique_ptr<Store>> Store::Open(const std::string& path) {
  DESKD_TRY_ASSIGN(auto store, SqliteStore::Open(path));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace deskd
