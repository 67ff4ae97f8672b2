#pragma once

#include <QByteArray>
#include <QString>

// Every secret a test uses contains this marker, so the leak scan (scan-for-secrets.sh) can
// find any of them that escaped into settings, logs, caches or temp files.
inline constexpr char kTestSecretMarker[] = "bctest-secret";

// A distinct test secret value with the marker, e.g. testSecret("client") ->
// "bctest-secret-client-<random hex>".
QString testSecret(const QString &label);
