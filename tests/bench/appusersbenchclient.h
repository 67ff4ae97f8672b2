#pragma once

#include <QString>

class BoxClient;
class QObject;

// A BoxClient as a user of Box Companion would have it for the sandbox's JWT app: the
// config.json exported by `box-sandbox --export-config` imported (ConfigJson::parse), the base
// URLs pointed at the sandbox, the JWT authenticator installed (authenticatorfactory.h).
//
// pacer: "default" keeps the client's own pacer (Box's 1000 requests per minute), "off"
// turns pacing off (the sandbox's rate limit is off), a number N paces at N per minute
// (RequestPacer::setRate, what a user facing a limit of N would configure).
// Returns null and sets *error (never a secret) on failure.
BoxClient *makeBenchClient(const QString &apiBase, const QString &configPath, const QString &pacer,
                           QObject *parent, QString *error);
