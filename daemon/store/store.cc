// Store::Open: which implementation serves a database. SQLite today; a later
// PostgreSQL store will be chosen here by the form of `path` (a URL).
#include "daemon/store/store.h"

#include "daemon/store/sqlite_store.h"

namespace deskd {

Result<std::unique_ptr<Store>> Store::Open(const std::string& path) {
  auto store = SqliteStore::Open(path);
  if (!store.ok()) return store.error();
  return std::unique_ptr<Store>(std::move(*store));
}

}  // namespace deskd
