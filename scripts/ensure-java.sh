#!/bin/sh
# Install Java (17 or newer) for the Nu Html Checker (npm vnu-jar, tests/test_html_validity.py) when it
# is missing and we may (root, or passwordless sudo), as ensure-chromium.sh does for the browser.
# Never fails the build here: the test decides whether a missing Java is fatal (CI=true).
command -v java >/dev/null 2>&1 && exit 0
as_root=""
[ "$(id -u)" = "0" ] || { sudo -n true 2>/dev/null && as_root="sudo -n"; }
if { [ "$(id -u)" = "0" ] || [ -n "$as_root" ]; } && command -v apt-get >/dev/null 2>&1; then
    echo "Installing for the HTML checker: default-jre-headless"
    $as_root apt-get update -qq && $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null \
        || echo "Could not install default-jre-headless; the HTML checker's test will say what is missing."
else
    echo "Missing for the HTML checker: java. Its test will be skipped (under CI=true it fails)."
    echo "Install with: sudo apt-get install default-jre-headless   (or run 'make browser-deps' as root)"
fi
exit 0
