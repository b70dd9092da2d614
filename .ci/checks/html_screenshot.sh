#!/usr/bin/env bash
# Opens an HTML page in headless Chromium, takes a screenshot, and fails on console errors.
#
# Usage: html_screenshot.sh FILE.html OUT.png [WIDTHxHEIGHT] [--full-page]
#
#   WIDTHxHEIGHT  the window (default 1600x1000); --full-page captures the whole page height.
#
# It drives Chromium (Debian's `chromium` package: apt-get install -y chromium) through the
# DevTools protocol, with a small client in Python's standard library, and fails (status 1)
# on any uncaught exception, any console.error or console.warn, any error the browser logs
# (a resource that failed to load, a blocked request) and any request that is not for the page
# itself (a self-contained page loads nothing else). Status 0: rendered cleanly; 2: bad usage
# or no browser.
set -euo pipefail

usage() { echo "usage: html_screenshot.sh FILE.html OUT.png [WIDTHxHEIGHT] [--full-page]" >&2; exit 2; }
[[ $# -ge 2 ]] || usage
page=$1 out=$2 size=1600x1000 full=0
shift 2
for a in "$@"; do
  case $a in
    --full-page) full=1 ;;
    *x*) size=$a ;;
    *) usage ;;
  esac
done
[[ -f $page ]] || { echo "html_screenshot: no such file: $page" >&2; exit 2; }
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[[ -n $browser ]] || { echo "html_screenshot: chromium is not installed (apt-get install -y chromium)" >&2; exit 2; }

profile=$(mktemp -d)
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-extensions \
  --remote-debugging-port=0 --user-data-dir="$profile" --window-size="${size/x/,}" about:blank \
  >"$profile/browser.log" 2>&1 &
pid=$!
# Chromium's helper processes can still be writing to the profile for a moment after the
# browser exits: removing it is retried, and never fails the check.
cleanup() {
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  for _ in 1 2 3 4 5 6 7 8 9 10; do rm -rf "$profile" 2>/dev/null && break; sleep 0.3; done
  true
}
trap cleanup EXIT

status=0
python3 - "$profile" "$(realpath "$page")" "$out" "$size" "$full" <<'PY' || status=$?
import base64, json, os, socket, struct, sys, time, urllib.request

profile, page, out, size, full = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5] == "1"
width, height = (int(v) for v in size.split("x"))
url = "file://" + page

deadline = time.time() + 30
port_file = os.path.join(profile, "DevToolsActivePort")
while not os.path.exists(port_file) or not open(port_file).read().strip():
    if time.time() > deadline:
        sys.exit("html_screenshot: the browser did not start:\n" + open(os.path.join(profile, "browser.log")).read())
    time.sleep(0.1)
port = int(open(port_file).read().split()[0])
targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
ws_url = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
path = ws_url.split(str(port), 1)[1]

# A minimal WebSocket client (RFC 6455): text frames out (masked), frames in (any length).
sock = socket.create_connection(("127.0.0.1", port), timeout=30)
key = base64.b64encode(os.urandom(16)).decode()
sock.sendall((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
              f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
buf = b""
while b"\r\n\r\n" not in buf:
    buf += sock.recv(4096)
head, buf = buf.split(b"\r\n\r\n", 1)
if b" 101 " not in head.split(b"\r\n")[0]:
    sys.exit("html_screenshot: DevTools refused the connection: " + head.decode(errors="replace"))

def recv_exact(n):
    global buf
    while len(buf) < n:
        chunk = sock.recv(1 << 16)
        if not chunk:
            raise EOFError("DevTools closed the connection")
        buf += chunk
    data, buf = buf[:n], buf[n:]
    return data

def recv_message():
    message = b""
    while True:
        b0, b1 = recv_exact(2)
        n = b1 & 0x7F
        if n == 126: n = struct.unpack(">H", recv_exact(2))[0]
        elif n == 127: n = struct.unpack(">Q", recv_exact(8))[0]
        mask = recv_exact(4) if b1 & 0x80 else None
        data = recv_exact(n)
        if mask: data = bytes(c ^ mask[i % 4] for i, c in enumerate(data))
        message += data
        if b0 & 0x80:
            return json.loads(message)

next_id = 0
def send(method, **params):
    global next_id
    next_id += 1
    payload = json.dumps({"id": next_id, "method": method, "params": params}).encode()
    header = bytes([0x81])
    n = len(payload)
    header += bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + struct.pack(">H", n) if n < 65536 else bytes([0x80 | 127]) + struct.pack(">Q", n)
    mask = os.urandom(4)
    sock.sendall(header + mask + bytes(c ^ mask[i % 4] for i, c in enumerate(payload)))
    return next_id

errors, events = [], []
def handle(msg):
    m, p = msg.get("method"), msg.get("params", {})
    if m == "Runtime.exceptionThrown":
        d = p["exceptionDetails"]
        errors.append("uncaught exception: " + d.get("exception", {}).get("description", d.get("text", "?")))
    elif m == "Runtime.consoleAPICalled" and p["type"] in ("error", "warning", "assert"):
        errors.append(f"console.{p['type']}: " + " ".join(str(a.get("value", a.get("description", ""))) for a in p["args"]))
    elif m == "Log.entryAdded" and p["entry"]["level"] in ("error", "warning"):
        errors.append(f"browser {p['entry']['level']}: {p['entry']['text']} {p['entry'].get('url', '')}".strip())
    elif m == "Network.requestWillBeSent" and p["request"]["url"] != url and not p["request"]["url"].startswith("data:"):
        errors.append("the page loads another resource: " + p["request"]["url"])
    events.append(m)

def call(method, **params):
    i = send(method, **params)
    while True:
        msg = recv_message()
        if msg.get("id") == i:
            if "error" in msg:
                sys.exit(f"html_screenshot: {method} failed: {msg['error']}")
            return msg.get("result", {})
        handle(msg)

for domain in ("Page", "Runtime", "Log", "Network"):
    call(domain + ".enable")
call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
call("Page.navigate", url=url)
while "Page.loadEventFired" not in events:
    handle(recv_message())
time.sleep(0.3)  # let layout settle and late console messages arrive
call("Runtime.evaluate", expression="document.fonts ? document.fonts.ready.then(() => 1) : 1", awaitPromise=True)
info = call("Runtime.evaluate", returnByValue=True, expression=
            "({h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth,"
            " title: document.title, text: document.body ? document.body.innerText.length : 0})")["result"]["value"]
shot_height = max(height, info["h"]) if full else height
if full:
    call("Emulation.setDeviceMetricsOverride", width=width, height=shot_height, deviceScaleFactor=1, mobile=False)
    time.sleep(0.2)
shot = call("Page.captureScreenshot", format="png", clip={"x": 0, "y": 0, "width": width, "height": shot_height, "scale": 1})
with open(out, "wb") as f:
    f.write(base64.b64decode(shot["data"]))
if info["text"] == 0:
    errors.append("the page shows no text")
if info["w"] > width + 1:
    print(f"html_screenshot: note: the page is {info['w']} px wide, wider than the window ({width} px)")
print(f"html_screenshot: {page}: \"{info['title']}\", {info['w']}x{info['h']} px; screenshot {width}x{shot_height} -> {out}")
for e in errors:
    print(f"html_screenshot: error: {e}")
sys.exit(1 if errors else 0)
PY
exit $status
