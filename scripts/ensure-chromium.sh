#!/bin/sh
# Install Debian's chromium for the browser tests when it is missing and we may (root).
# Never fails the build here: the test suite decides whether a missing browser is fatal (CI=true).
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null \
        || echo "Could not install chromium; browser tests will report it."
else
    echo "Chromium not found: browser tests will be skipped. Install it with: sudo apt-get install chromium"
fi
exit 0
