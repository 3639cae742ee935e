#!/bin/sh
# Runs a command with an OS keychain that tests can use:  sh scripts/with-keyring.sh <command...>
#
# On Linux the keychain is the Secret Service on the D-Bus session bus. When none is reachable (a
# server, a container, CI), or when CI=true or DESK_TEST_PRIVATE_KEYRING=1, this starts a private
# D-Bus session with a freshly created, unlocked GNOME Keyring whose files live in a temporary
# directory, so tests never touch the developer's real keyring and never hang on an unlock prompt
# (see ../shared/design/TOOLCHAIN.md, "The OS keychain in tests"). Otherwise, and on macOS and
# Windows, the command runs with the session's own keychain.
#
# The command keeps the caller's environment (npm's PATH with node_modules/.bin first, HOME, ...):
# only the keyring daemon and the private bus see the temporary HOME. The command's exit status is
# this script's exit status. The command learns which keychain it got from DESK_TEST_KEYRING
# (`private` or `session`).

set -u

if [ "$#" -eq 0 ]; then
  echo 'usage: sh scripts/with-keyring.sh <command> [args...]' >&2
  exit 64
fi

say() {
  echo "with-keyring: $*" >&2
}

# Second stage, inside the private D-Bus session (see below): unlock a new keyring, restore the
# caller's environment and become the command.
if [ "$1" = '--inside-private-session' ]; then
  shift
  # --unlock reads the password on stdin; with no keyring yet it creates the "login" collection,
  # unlocked, so no prompt is ever needed.
  if ! printf '%s' 'test-pass' | gnome-keyring-daemon --unlock --components=secrets >/dev/null; then
    say 'gnome-keyring-daemon did not start; keychain tests will fail.'
  fi
  # --unlock returns before the daemon has claimed its bus name. Seen without this wait: a command
  # that ends at once leaves a daemon behind that never exits (it missed the bus going away), and
  # an early keychain call makes the bus start a second daemon.
  if command -v dbus-send >/dev/null 2>&1; then
    tries=0
    until dbus-send --session --print-reply=literal --reply-timeout=1000 \
      --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner \
      string:org.freedesktop.secrets 2>/dev/null | grep -q true; do
      tries=$((tries + 1))
      if [ "$tries" -ge 100 ]; then
        say 'the private keyring did not appear on the bus within 5 s; keychain tests may fail.'
        break
      fi
      sleep 0.05
    done
  fi
  for name in HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_STATE_HOME XDG_RUNTIME_DIR; do
    eval "isset=\${DESK_KEYRING_SAVED_SET_$name:-0}"
    # shellcheck disable=SC2154 # isset is assigned by eval
    if [ "$isset" = 1 ]; then
      eval "export $name=\"\$DESK_KEYRING_SAVED_$name\""
    else
      unset "$name"
    fi
    unset "DESK_KEYRING_SAVED_SET_$name" "DESK_KEYRING_SAVED_$name"
  done
  exec "$@"
fi

secret_service_reachable() {
  command -v dbus-send >/dev/null 2>&1 || return 1
  guard=''
  command -v timeout >/dev/null 2>&1 && guard='timeout 5'
  # Owned now, or startable on demand by the bus (a .service file): either way libsecret gets an
  # answer. --session finds DBUS_SESSION_BUS_ADDRESS or $XDG_RUNTIME_DIR/bus like libsecret does.
  owner=$($guard dbus-send --session --print-reply=literal --reply-timeout=3000 \
    --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner \
    string:org.freedesktop.secrets 2>/dev/null) || return 1
  case "$owner" in *true*) return 0 ;; esac
  activatable=$($guard dbus-send --session --print-reply=literal --reply-timeout=3000 \
    --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.ListActivatableNames 2>/dev/null) || return 1
  case "$activatable" in *org.freedesktop.secrets*) return 0 ;; esac
  return 1
}

case "$(uname -s 2>/dev/null || echo unknown)" in
  Linux) ;;
  *)
    # macOS Keychain and Windows Credential Manager need no setup.
    DESK_TEST_KEYRING=session exec "$@"
    ;;
esac

reason=''
if [ "${DESK_TEST_PRIVATE_KEYRING:-}" = 1 ]; then
  reason='DESK_TEST_PRIVATE_KEYRING=1'
elif [ "${CI:-}" = true ]; then
  reason='CI=true'
elif ! secret_service_reachable; then
  reason='no Secret Service is reachable'
fi

if [ -z "$reason" ]; then
  say 'using the session keyring (DESK_TEST_PRIVATE_KEYRING=1 for a private one)'
  DESK_TEST_KEYRING=session exec "$@"
fi

missing=''
command -v dbus-run-session >/dev/null 2>&1 || missing="$missing dbus-run-session (apt install dbus)"
command -v gnome-keyring-daemon >/dev/null 2>&1 ||
  missing="$missing gnome-keyring-daemon (apt install gnome-keyring)"
if [ -n "$missing" ]; then
  say "cannot start a private test keyring ($reason), missing:$missing." \
    'Install them: sudo apt install --no-install-recommends dbus gnome-keyring libsecret-1-0.' \
    'Running the command anyway; keychain tests will fail.'
  DESK_TEST_KEYRING=none exec "$@"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/desk-keyring.XXXXXX") || exit 70
cleanup() {
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/cache" "$tmp/state" "$tmp/run"
chmod 700 "$tmp/run"

# Saved so that the second stage can give the command the caller's own values back.
for name in HOME XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME XDG_STATE_HOME XDG_RUNTIME_DIR; do
  eval "isset=\${$name+1}"
  if [ "${isset:-}" = 1 ]; then
    eval "export DESK_KEYRING_SAVED_SET_$name=1 DESK_KEYRING_SAVED_$name=\"\$$name\""
  fi
done

say "using a private test keyring ($reason) in $tmp"

# The bus daemon and anything it starts on demand (including a gnome-keyring it might activate)
# see only the temporary directories; a private XDG_RUNTIME_DIR keeps gnome-keyring away from the
# control socket of a keyring that may already run for this user.
HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" \
  XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state" XDG_RUNTIME_DIR="$tmp/run" \
  GNOME_KEYRING_CONTROL='' DESK_TEST_KEYRING=private \
  dbus-run-session -- sh "$0" --inside-private-session "$@"
status=$?
exit "$status"
