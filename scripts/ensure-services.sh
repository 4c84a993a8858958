#!/usr/bin/env bash
# Starts the local PostgreSQL and Redis that the store and scale-out tests use, when they are not running, and
# installs what the tests need from Debian when it is missing: promtool (the prometheus package, whose server
# is not started) for the alert-rule tests, and chromium for the dashboard's browser tests.
set -u
if command -v pg_isready >/dev/null && ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
fi
if command -v redis-cli >/dev/null && ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no || true
fi
if ! command -v promtool >/dev/null && command -v apt-get >/dev/null; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo="sudo"
  # A policy-rc.d that answers 101 keeps the package's install script from starting its server; one the
  # machine already has is left as it is.
  policy=/usr/sbin/policy-rc.d
  placed=""
  if [ ! -e "$policy" ]; then
    $sudo sh -c "printf '#!/bin/sh\\nexit 101\\n' > $policy && chmod +x $policy" && placed="yes"
  fi
  $sudo apt-get -o DPkg::Lock::Timeout=600 update && DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends prometheus || true
  [ -n "$placed" ] && $sudo rm -f "$policy"
fi
if ! command -v chromium >/dev/null && command -v apt-get >/dev/null; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo="sudo"
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >/dev/null || true
fi
exit 0
