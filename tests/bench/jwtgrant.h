#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

// Gets a Service Account access token with Box's JWT grant: reads a config.json exported by
// `box-sandbox --export-config`, signs an RS256 assertion and POSTs it to tokenUrl.
// Returns the access token; on failure an empty array and *error (never a secret).
QByteArray fetchJwtAccessToken(const QUrl &tokenUrl, const QString &configPath, QString *error);
