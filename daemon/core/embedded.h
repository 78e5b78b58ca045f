// Files built into the binaries: the SQL migrations (sql/) and the shipped
// mail templates (templates/), so that an installed deskd needs no source tree.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace deskd {

// Path relative to the source tree ("sql/001_initial.sql",
// "templates/en/acknowledgement.mustache") -> contents.
const std::map<std::string, std::string_view>& EmbeddedFiles();

}  // namespace deskd
