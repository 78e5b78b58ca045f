"""Tests of scripts/check_layers.py on small made-up trees: it accepts a
tree that keeps the rules and names each kind of break (a layer used
without DEPENDS, a third-party header not linked, a private library leaked
through a header, a folder that is no library).

Usage: python3 check_layers_test.py  (CTest test layering_check_test)
"""

import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

CHECKER = Path(__file__).resolve().parents[2] / "scripts" / "check_layers.py"

LAYERS = """# layer: depends | public libs | private libs
parsers:  |  |
core: parsers | spdlog::spdlog |
store: core parsers |  | PkgConfig::SQLITE
intake: core store parsers |  |
"""


def make_tree(root, files, layers=LAYERS):
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (root / "layers.txt").write_text(layers)


def run(root):
    p = subprocess.run([sys.executable, str(CHECKER), str(root), str(root / "layers.txt")],
                       capture_output=True, text=True)
    return p.returncode, p.stdout


CLEAN = {
    "parsers/mail.h": "#pragma once\n#include <string>\n",
    "daemon/core/model.h": '#include "parsers/mail.h"\n#include <spdlog/spdlog.h>\n',
    "daemon/store/store.h": '#include "daemon/core/model.h"\n',
    "daemon/store/sqlite_util.h": "#include <sqlite3.h>\n",
    "daemon/store/store.cc": '#include "daemon/store/store.h"\n#include "daemon/store/sqlite_util.h"\n',
    "daemon/intake/intake.cc": '#include "daemon/store/store.h"\n#include <spdlog/spdlog.h>\n',
}


class CheckLayersTest(unittest.TestCase):
    def check(self, changes):
        with tempfile.TemporaryDirectory() as d:
            make_tree(Path(d), {**CLEAN, **changes})
            return run(Path(d))

    def test_a_tree_that_keeps_the_rules_passes(self):
        code, out = self.check({})
        self.assertEqual(code, 0, out)
        self.assertIn("0 problems", out)

    def test_a_layer_not_in_depends_is_named(self):
        code, out = self.check({"daemon/store/store.cc": '#include "daemon/intake/intake.h"\n'})
        self.assertEqual(code, 1)
        self.assertIn("daemon/store/store.cc:1: layer store may not include daemon/intake/intake.h", out)

    def test_parsers_may_not_include_daemon(self):
        code, out = self.check({"parsers/mail.h": '#include "daemon/core/model.h"\n'})
        self.assertEqual(code, 1)
        self.assertIn("layer parsers may not include daemon/core/model.h", out)

    def test_a_third_party_header_not_linked_is_named(self):
        code, out = self.check({"daemon/intake/intake.cc": "#include <sqlite3.h>\n"})
        self.assertEqual(code, 1)
        self.assertIn("layer intake may not include <sqlite3.h>", out)

    def test_a_private_library_leaked_through_a_header_is_named(self):
        code, out = self.check({"daemon/store/store.h": '#include "daemon/store/sqlite_util.h"\n'})
        self.assertEqual(code, 1)
        self.assertIn("daemon/intake/intake.cc:1: daemon/store/store.h leaks <sqlite3.h>", out)

    def test_a_public_library_may_reach_users(self):
        code, out = self.check({"daemon/intake/intake.cc": '#include "daemon/core/model.h"\n'})
        self.assertEqual(code, 0, out)

    def test_a_folder_without_a_library_is_named(self):
        code, out = self.check({"daemon/stray/x.cc": "int x;\n"})
        self.assertEqual(code, 1)
        self.assertIn("daemon/stray/x.cc: folder stray is no library", out)


if __name__ == "__main__":
    unittest.main()
