"""The manager digest's HTML part renders in a real browser engine.

Renders the HTML (from the shipped templates, tests/integration/
digest_html_sample.cc) in headless Chromium: the text Chromium sees
(--dump-dom) holds every KPI number, and a screenshot is a real, non-blank
image. Exit 77 (skipped) when chromium is not installed.
"""

import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

BUILD = Path(os.environ.get("DESKD_BUILD_DIR", Path(__file__).resolve().parents[2] / "build"))
SAMPLE = BUILD / "tests" / "integration" / "digest_html_sample"

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars"]


def chromium(args, workdir):
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    profile = tempfile.mkdtemp(prefix="profile-", dir=workdir)
    return subprocess.run([exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, timeout=120)


def png_pixels(data):
    """Decodes an 8-bit RGB/RGBA PNG: (width, height, channels, rows of bytes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), (depth, colour)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 0xFF
            elif f == 2:
                line[i] = (line[i] + b) & 0xFF
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


def main():
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        print("SKIP: chromium is not installed (scripts/deps.sh --test installs it)")
        return 77
    failures = []
    work = tempfile.mkdtemp(prefix="deskd-digest-")
    try:
        for lang in ("en", "et", "ru", "ro"):
            html = Path(work) / f"digest_{lang}.html"
            r = subprocess.run([str(SAMPLE), str(html), lang], capture_output=True, check=True)
            expected = [s for s in r.stdout.decode().splitlines() if s]
            dom = chromium(["--dump-dom", html.as_uri()], work)
            text = dom.stdout.decode(errors="replace")
            # The DOM is HTML again: the sample's "<" comes back escaped.
            for s in expected:
                want = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                if want not in text:
                    failures.append(f"{lang}: {s!r} not in the DOM Chromium rendered")
            png = Path(work) / f"digest_{lang}.png"
            shot = chromium([f"--screenshot={png}", "--window-size=700,1000", html.as_uri()], work)
            if not png.exists() or png.stat().st_size == 0:
                failures.append(f"{lang}: no screenshot ({shot.stderr.decode(errors='replace')[-300:]})")
                continue
            w, h, ch, rows = png_pixels(png.read_bytes())
            colours, dark, bars = set(), 0, 0
            for row in rows[::4]:
                for x in range(0, w * ch, ch * 4):
                    px = row[x:x + 3]
                    colours.add(px)
                    if sum(px) < 200:
                        dark += 1
                    if px == bytes((0x2f, 0x85, 0x5a)):
                        bars += 1
            print(f"{lang}: screenshot {w}x{h}, {png.stat().st_size} bytes, {len(colours)} colours, "
                  f"{dark} dark samples, {bars} samples of the green bar")
            if w != 700 or h != 1000:
                failures.append(f"{lang}: screenshot is {w}x{h}")
            if len(colours) < 8 or dark < 50:
                failures.append(f"{lang}: the screenshot looks blank")
            if bars < 10:
                failures.append(f"{lang}: the all-deadlines-met bar is not drawn")
            if lang == "en":
                keep = os.environ.get("DESKD_DIGEST_PNG")
                if keep:
                    shutil.copy(png, keep)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for f in failures:
        print("FAIL:", f)
    print("OK" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
