#!/usr/bin/env python3
"""The layering rule, checked. Every #include in parsers/ and daemon/<layer>/
names a header of its own layer, of a layer its CMake library lists in
DEPENDS, or of a third-party library it links. And no header leaks a
layer's private library: the third-party headers a file reaches through
other layers' headers must be public libraries (PUBLIC_LIBS) of those
layers, so that <sqlite3.h> stays inside daemon/store/ and <curl/curl.h>
inside daemon/wire/. The lists come from the build (BUILD/layers.txt,
written by CMakeLists.txt), so CMake's target graph and this check cannot
disagree.

Usage: check_layers.py SOURCE_DIR LAYERS_FILE
Exit 0 when every include is allowed; 1 with one line per offending include.
"""

import re
import sys
from pathlib import Path

# Third-party header (prefix of the path in <...>) -> the CMake library
# a layer must link to include it.
THIRD_PARTY = {
    "sqlite3.h": "PkgConfig::SQLITE",
    "curl/": "PkgConfig::CURL",
    "boost/": "Boost::boost",
    "spdlog/": "spdlog::spdlog",
    "nlohmann/": "nlohmann_json::nlohmann_json",
    "toml++/": "tomlplusplus::tomlplusplus",
    "mstch/": "mstch::mstch",
    "date/": "date::date-tz",
    "openssl/": "OpenSSL::Crypto",
    "systemd/": "PkgConfig::SYSTEMD",
    "CLI/": "CLI11::CLI11",
    "gumbo.h": "PkgConfig::GUMBO",
    "uchardet": "PkgConfig::UCHARDET",
    "mimetic/": "mimetic",
}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def read_layers(path):
    """name -> (depends, public libs, private libs)."""
    layers = {}
    for line in Path(path).read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, rest = line.split(":", 1)
        depends, public_libs, libs = rest.split("|", 2)
        layers[name.strip()] = (set(depends.split()), set(public_libs.split()), set(libs.split()))
    return layers


def layer_of_header(path):
    """'daemon/store/store.h' -> 'store'; 'parsers/mail.h' -> 'parsers'."""
    parts = path.split("/")
    if parts[0] == "parsers":
        return "parsers"
    if parts[0] == "daemon" and len(parts) >= 3:
        return parts[1]
    return None


def library_of(target):
    for prefix, lib in THIRD_PARTY.items():
        if target.startswith(prefix):
            return lib
    return None


class Tree:
    def __init__(self, root):
        self.root = root
        self.includes = {}  # rel path -> [(line number, kind, target)]
        self.reach_cache = {}

    def includes_of(self, rel):
        if rel not in self.includes:
            found = []
            path = self.root / rel
            if path.exists():
                for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
                    m = INCLUDE.match(line)
                    if m:
                        found.append((number, m.group(1), m.group(2)))
            self.includes[rel] = found
        return self.includes[rel]

    def reached_libs(self, rel, seen=None):
        """Third-party library -> the include chain that brings it into `rel`."""
        if rel in self.reach_cache:
            return self.reach_cache[rel]
        seen = seen or set()
        seen.add(rel)
        out = {}
        for _, kind, target in self.includes_of(rel):
            if kind == "<":
                lib = library_of(target)
                if lib and lib not in out:
                    out[lib] = [f"<{target}>"]
            elif layer_of_header(target) and target not in seen:
                for lib, chain in self.reached_libs(target, seen).items():
                    out.setdefault(lib, [target] + chain)
        self.reach_cache[rel] = out
        return out


def public_closure(layer, layers, memo):
    if layer not in memo:
        memo[layer] = set()
        depends, public_libs, _ = layers[layer]
        result = set(public_libs)
        for d in depends:
            if d in layers:
                result |= public_closure(d, layers, memo)
        memo[layer] = result
    return memo[layer]


def check_file(tree, rel, layer, layers, memo):
    depends, public_libs, libs = layers[layer]
    allowed_libs = public_libs | libs | set().union(
        *(public_closure(d, layers, memo) for d in depends if d in layers))
    problems = []
    for number, kind, target in tree.includes_of(rel):
        if kind == '"':
            other = layer_of_header(target)
            if other is None:
                if not target.startswith("generated/"):
                    problems.append(f"{rel}:{number}: \"{target}\" is not a header of a layer")
                continue
            if other != layer and other not in depends:
                problems.append(f"{rel}:{number}: layer {layer} may not include {target} "
                                f"(layer {other} is not in its DEPENDS)")
                continue
            if other == layer:
                continue
            for lib, chain in tree.reached_libs(target).items():
                if lib not in public_closure(other, layers, memo) and lib not in allowed_libs:
                    problems.append(f"{rel}:{number}: {target} leaks {chain[-1]} of layer "
                                    f"{other} ({' -> '.join([target] + chain[:-1])}); "
                                    f"{lib} is not a public library of {other}")
        else:
            lib = library_of(target)
            if lib and lib not in allowed_libs:
                problems.append(f"{rel}:{number}: layer {layer} may not include <{target}> "
                                f"(it does not link {lib})")
    return problems


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 64
    root = Path(sys.argv[1])
    layers = read_layers(sys.argv[2])
    tree = Tree(root)
    memo = {}
    problems = []
    checked = 0
    for source in sorted(list(root.glob("parsers/**/*")) + list(root.glob("daemon/*/*"))):
        if source.suffix not in (".h", ".cc"):
            continue
        rel = source.relative_to(root).as_posix()
        layer = layer_of_header(rel)
        if layer not in layers:
            problems.append(f"{rel}: folder {layer} is no library in CMakeLists.txt")
            continue
        problems += check_file(tree, rel, layer, layers, memo)
        checked += 1
    for p in problems:
        print(p)
    print(f"check_layers: {checked} files, {len(layers)} layers, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
