#!/bin/sh
# The path of a new user on a machine where keytar's native module cannot be built, checked end to
# end:  sh scripts/fresh-machine-check.sh   (npm run check:fresh-machine)
#
# 1. A fresh clone of this repository's HEAD in a temporary folder (what is committed, nothing else).
# 2. `npm install` there with keytar's build made impossible, as on a fresh Debian/Ubuntu without
#    libsecret-1-dev or a compiler: no C/C++ compiler or make on PATH, pkg-config finds no
#    libsecret, and prebuilt-binary downloads are skipped. keytar is an optional dependency, so the
#    install must still succeed.
# 3. The work tree must be clean afterwards (`npm install` must not rewrite package-lock.json).
# 4. The desk core (scripts/sandbox-smoke.ts) must start the Sandbox workspace, sync it, and answer
#    the credentials status with the "keychain unavailable" message and its fix.
#
# Prints one line per step and ends with `fresh-machine-check: PASS` or `fresh-machine-check: FAIL`;
# the exit status says the same. Needs git and npm (the registry, or npm's cache). Set
# FRESH_MACHINE_KEEP=1 to keep the temporary folder for a look.

set -u

say() {
  echo "fresh-machine-check: $*"
}
fail() {
  say "FAIL $*"
  exit 1
}

repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel) || fail 'not inside a git work tree'
tmp=$(mktemp -d "${TMPDIR:-/tmp}/desk-fresh.XXXXXX") || fail 'mktemp failed'
cleanup() {
  if [ "${FRESH_MACHINE_KEEP:-}" = 1 ]; then
    say "kept $tmp"
  else
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "cloning $(git -C "$repo" rev-parse --short HEAD) into $tmp/desk"
git clone --quiet --no-local "$repo" "$tmp/desk" || fail 'git clone failed'
cd "$tmp/desk" || fail 'cannot enter the clone'

# Compilers and make that refuse to run: node-gyp's build of keytar fails the way it does on a
# machine without build-essential.
mkdir "$tmp/no-toolchain"
for tool in cc gcc g++ c++ clang clang++ make; do
  printf '#!/bin/sh\necho "fresh-machine-check: no %s on this machine" >&2\nexit 127\n' "$tool" \
    >"$tmp/no-toolchain/$tool"
  chmod +x "$tmp/no-toolchain/$tool"
done

say 'npm install (keytar cannot be built: no compiler, no libsecret, no prebuilt download)'
started=$(date +%s)
if ! PATH="$tmp/no-toolchain:$PATH" CC="$tmp/no-toolchain/cc" CXX="$tmp/no-toolchain/c++" \
  PKG_CONFIG_PATH='' PKG_CONFIG_LIBDIR="$tmp/no-pkg-config" \
  npm_config_build_from_source=true npm_config_audit=false npm_config_fund=false \
  npm install >"$tmp/npm-install.log" 2>&1; then
  tail -n 30 "$tmp/npm-install.log"
  fail 'npm install failed (log above)'
fi
say "ok   npm install succeeded in $(($(date +%s) - started)) s"

if [ -e node_modules/keytar/build/Release/keytar.node ]; then
  fail 'keytar was built after all, so this run proves nothing about a machine without libsecret'
fi
say 'ok   keytar is not built (as on a machine without libsecret-1-dev)'

changes=$(git status --porcelain)
if [ -n "$changes" ]; then
  echo "$changes"
  git --no-pager diff --stat
  fail 'npm install left the work tree modified (above)'
fi
say 'ok   the work tree is clean after npm install'

# No keychain at all for the desk, as on a fresh machine before its setup: no session bus to find.
if ! env -u DBUS_SESSION_BUS_ADDRESS XDG_RUNTIME_DIR="$tmp/no-runtime-dir" \
  npx tsx scripts/sandbox-smoke.ts --expect-keychain=unavailable; then
  fail 'the desk core did not start the Sandbox workspace or did not explain the keychain'
fi
say 'PASS'
