#pragma once

#include <QString>

// Copies secrets (tokens, client secrets) to the system clipboard the careful way.
//
// The text goes with the `x-kde-passwordManagerHint` = "secret" MIME entry, which Klipper,
// GNOME's and other Linux clipboard managers honour by not keeping the entry in their
// history. Windows ("ExcludeClipboardContentFromMonitorProcessing") and macOS
// ("org.nspasteboard.ConcealedType") have their own equivalents; this app targets Linux, so
// they are not set here.
//
// The clipboard is cleared after `clearAfterMs` and when the application quits
// (QCoreApplication::aboutToQuit), but only if it still holds that exact secret: whatever the
// user copied afterwards is left alone. Only a SHA-256 digest of the secret is kept to compare
// with; the secret itself is never logged.
namespace SecretClipboard {
void copy(const QString &secret, int clearAfterMs = 30000);
// Whether the clipboard currently holds the most recently copied secret.
bool holdsCopiedSecret();
} // namespace SecretClipboard
