#!/bin/sh
# Install what the browser tests need when it is missing and we may (root, or passwordless sudo):
# Debian's chromium, poppler-utils for pdftotext (the print test reads the PDF's text), and npm
# (with Node.js), which installs the pinned axe-core for the accessibility tests (`make browser-deps`).
# Never fails the build here: the test suite decides whether a missing browser is fatal (CI=true).
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium fonts-dejavu-core"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
[ -z "$missing" ] && exit 0
as_root=""
[ "$(id -u)" = "0" ] || { sudo -n true 2>/dev/null && as_root="sudo -n"; }
if { [ "$(id -u)" = "0" ] || [ -n "$as_root" ]; } && command -v apt-get >/dev/null 2>&1; then
    echo "Installing for the browser tests:$missing"
    $as_root apt-get update -qq && $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null \
        || echo "Could not install$missing; the browser tests will say what is missing."
else
    echo "Missing for the browser tests:$missing. The browser tests will be skipped (under CI=true they fail)."
    echo "Install with: sudo apt-get install$missing   (or run 'make browser-deps' as root)"
fi
exit 0
