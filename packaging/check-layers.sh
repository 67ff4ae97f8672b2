#!/usr/bin/env bash
# Fails when a file includes a layer it must not depend on (docs/architecture.md, "Layers and
# targets"). Linking already refuses most such uses; this also catches a header-only include.
#   app/http     (boxhttp):    Qt Core only; none of ours
#   app/core     (boxcore):    http/; never sandbox/, startup/, ui/ or Qt Gui/Widgets/WebEngine
#   app/sandbox  (boxsandbox): http/; never core/, startup/, ui/
#   ui           (boxui):      core/, ui/; never sandbox/ or startup/
#   app/commands (boxcommands): core/, commands/; never sandbox/, startup/, ui/ or Qt Gui
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
check() { # folder, regex of forbidden includes, what the rule is
    local hits
    hits=$(git ls-files "$1" | grep -E '\.(cpp|h)$' | xargs grep -nE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($2)" || true)
    if [ -n "$hits" ]; then
        echo "check-layers: $3:" >&2
        echo "$hits" | sed 's/^/  /' >&2
        status=1
    fi
}
check app/http '(core|sandbox|startup|ui)/|QtGui|QtWidgets|QWidget|QWebEngine' "app/http includes another layer"
check app/core '(sandbox|startup|ui)/|QtGui|QtWidgets|QWidget|QWebEngine|QApplication|QGuiApplication|QColor|QIcon|QPixmap|QPalette' "app/core (boxcore) includes the sandbox, the UI or Qt Gui"
check app/sandbox '(core|startup|ui)/|QtGui|QtWidgets|QWidget' "app/sandbox includes the core or the UI"
check ui '(sandbox|startup)/' "ui/ includes the sandbox or the startup glue"
check app/commands '(sandbox|startup|ui)/|QtGui|QtWidgets|QWidget|QWebEngine|QApplication|QGuiApplication' "app/commands (boxcommands, headless) includes the sandbox, the UI or Qt Gui"
if [ "$status" -eq 0 ]; then
    echo "check-layers: every include stays on its side of the line"
fi
exit "$status"
