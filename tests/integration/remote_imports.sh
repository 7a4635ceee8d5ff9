#!/usr/bin/env bash
# The polar-helm program fetches remote imports over HTTP. It loads libcurl
# only on its first fetch (tools/polar-helm/lazy_libcurl.cpp), so this checks
# the binary itself, against a loopback server: libcurl is not among the
# libraries it starts with, a fetch works, an HTTP error names its status,
# and a render without remote imports never loads libcurl.
#
#   remote_imports.sh <polar-helm>
source "$(dirname "$0")/lib.sh"
[ $# -ge 1 ] || fail "usage: remote_imports.sh <polar-helm>"
polar_helm=$1
command -v node >/dev/null || skip "node not found (the test's HTTP server)"

make_scratch
export XDG_CACHE_HOME=$scratch/cache HOME=$scratch/home
mkdir -p "$scratch/served" "$HOME"
echo '{ greeting = "hello from loopback" }' >"$scratch/served/greeting.dhall"

step "the program does not start with libcurl"
if command -v readelf >/dev/null; then
  readelf -d "$polar_helm" >"$scratch/dynamic.txt"
  assert_not_contains "$scratch/dynamic.txt" 'NEEDED.*libcurl'
fi

step "a loopback HTTP server"
node -e '
  const http = require("http"), fs = require("fs"), path = require("path");
  const root = process.argv[1];
  const server = http.createServer((request, response) => {
    const file = path.join(root, path.normalize(request.url));
    fs.readFile(file, (error, data) => {
      if (error) { response.writeHead(404); response.end("missing"); return; }
      response.writeHead(200, { "Content-Type": "text/plain" });
      response.end(data);
    });
  });
  server.listen(0, "127.0.0.1", () => console.log(server.address().port));
' "$scratch/served" >"$scratch/port" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$scratch"' EXIT
for _ in $(seq 50); do
  [ -s "$scratch/port" ] && break
  sleep 0.1
done
port=$(cat "$scratch/port")
[ -n "$port" ] || fail "the HTTP server did not start"

step "a remote import renders"
echo "(http://127.0.0.1:$port/greeting.dhall).greeting" >"$scratch/fetch.dhall"
"$polar_helm" render --json --file "$scratch/fetch.dhall" >"$scratch/out.json"
assert_contains "$scratch/out.json" '"hello from loopback"'

step "an HTTP error names the URL and its status"
echo "http://127.0.0.1:$port/absent.dhall" >"$scratch/absent.dhall"
status=0
"$polar_helm" render --json --file "$scratch/absent.dhall" >"$scratch/out.json" 2>"$scratch/err.txt" || status=$?
[ "$status" -ne 0 ] || fail "a missing remote import rendered"
assert_contains "$scratch/err.txt" "127.0.0.1:$port/absent.dhall"
assert_contains "$scratch/err.txt" '404'

step "a render without remote imports does not load libcurl"
echo '{ local = True }' >"$scratch/local.dhall"
if command -v strace >/dev/null; then
  strace -f -e trace=openat -o "$scratch/trace.txt" "$polar_helm" render --json \
    --file "$scratch/local.dhall" >/dev/null
  assert_not_contains "$scratch/trace.txt" 'libcurl'
fi
echo "remote imports: ok"
