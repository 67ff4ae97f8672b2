#pragma once

#include <QJsonObject>
#include <QString>

class BoxClient;

// The scenarios of box-app-users-bench, each run in its own process (so the peak RSS is the
// scenario's own). Each returns the figures as JSON; on failure "error" is set.

// Loads every app user through AppUsersModel, calling fetchMore as a view scrolled to the end
// would (after each page). Figures: rows, pages, seconds, rowsPerSecond, peakRssKb.
QJsonObject runListScenario(BoxClient *client);

// Creates `count` app users through BulkImporter from a generated Box CLI style CSV
// ("name,app-user,external-id", external IDs "<prefix>-<n>") parsed by AppUserCsv::parse.
// concurrency 0 keeps the importer's default. Figures: rows, created, skipped, failed, invalid,
// seconds, rowsPerSecond, peakRssKb, the first few failure messages.
QJsonObject runBulkScenario(BoxClient *client, int count, const QString &prefix, int concurrency);

// Authenticates (GET /users/me) so the token grant is not part of a scenario's figures, and
// waits until the sandbox has saved the grant to its --state file (another GET /users/me
// SettleMs later). The Node side does the same. Returns an error text, empty on success.
constexpr int SettleMs = 1100;
QString warmUp(BoxClient *client);
