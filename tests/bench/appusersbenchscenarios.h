#pragma once

#include <QJsonObject>
#include <QString>

class BoxClient;

// The scenarios of box-app-users-bench, each run in its own process (so the peak RSS is the
// scenario's own). Each returns the figures as JSON; on failure "error" is set.

// The App Users pane's table size for the list scenario's view.
constexpr int ViewWidth = 1000;
constexpr int ViewHeight = 600;

// Loads every app user through AppUsersModel, calling fetchMore as a view scrolled to the end
// would (after each page). withView: a QTableView set up as the App Users pane's table
// (ViewWidth x ViewHeight, shown; needs a QApplication) shows the model meanwhile. Figures:
// rows, pages, seconds, rowsPerSecond, peakRssKb (all of the load), longestStallMs (the
// longest the thread's event loop waited beyond a 4 ms precise timer while loading), sortMs
// (sorting the loaded rows by name afterwards: the view's sortByColumn and the events it
// posts, or the model's sort without a view), peakRssAfterSortKb.
QJsonObject runListScenario(BoxClient *client, bool withView);

// The listing's floor: the same sequential marker page requests as AppUsersModel sends (same
// query, same QNetworkAccessManager and so the same connections, the client's token), without
// any parsing: next_marker is found by a byte scan of each body. Figures: pages, bytes,
// seconds.
QJsonObject runFloorScenario(BoxClient *client);

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

// Sets the sandbox's rate limit to perMinute through its loopback control surface
// (PUT /_sandbox/rate-limit), which also starts every user's one-minute window afresh: the
// bulk scenario's import then meets the limit as a user whose last minute was idle, without
// the warm-up's requests in the window. Returns an error text, empty on success.
QString restartRateLimit(const QString &apiBase, int perMinute);
