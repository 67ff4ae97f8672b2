// box-app-users-bench: Box Companion's side of the App Users benchmark (a benchmark, not a
// ctest test: it prints figures). packaging/bench-app-users.sh runs it against box-sandbox
// next to the official Box Node SDK (tests/bench/node/appusers-sdk.js).
//
//   box-app-users-bench list --api URL --config FILE [--pacer default|off|N] [--view]
//                            --out FILE
//   box-app-users-bench floor --api URL --config FILE --out FILE
//   box-app-users-bench bulk --api URL --config FILE --count N --prefix P
//                            [--pacer default|off|N] [--concurrency C] [--probe-me MS]
//                            [--restart-rate-limit L] --out FILE
//   box-app-users-bench seed-profile --api URL --config FILE
//
// list --view: the model is shown in a QTableView set up as the App Users pane's (needs a Qt
// platform: QT_QPA_PLATFORM=offscreen); figures include the longest GUI-thread stall while
// loading and the time to sort the loaded rows by name (appusersbenchscenarios.h).
// floor: the listing's page requests without any parsing (runFloorScenario).
//
// --restart-rate-limit L: after the warm-up, set the sandbox's limit to L per minute, which
// starts its one-minute windows afresh (the warm-up's requests are not in the import's minute).
//
// --probe-me MS: while the bulk create runs and ProbeTailMs after it, a second client sends
// GET /users/me every MS ms and the figures get its latency percentiles ("meProbe",
// appusersmeprobe.h).
//
// seed-profile stores one profile for the JWT app (settings file + keychain), the cached
// profile the cold-start measurement starts with.
#include "appusersbenchclient.h"
#include "appusersbenchscenarios.h"
#include "appusersmeprobe.h"

#include "core/api/boxclient.h"
#include "core/configjson.h"
#include "core/profilemanager.h"
#include "core/profilesettings.h"
#include "core/secretstore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTimer>

#include <cstdio>
#include <cstring>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int ProbeTailMs = 2000;

int fail(const QString &message)
{
    std::fprintf(stderr, "box-app-users-bench: %s\n", qPrintable(message));
    return 1;
}

int seedProfile(const QString &apiBase, const QString &configPath)
{
    QFile file(configPath);
    if (!file.open(QIODevice::ReadOnly))
        return fail(u"cannot read %1"_s.arg(configPath));
    const ConfigImport config = ConfigJson::parse(file.readAll(), u"Sandbox JWT App"_s);
    if (!config.ok())
        return fail(config.errors.join(u"; "_s));
    AppProfile profile = config.profile;
    profile.apiBaseUrl = QUrl(apiBase);
    profile.oauthBaseUrl = QUrl(apiBase + u"/api/oauth2"_s);
    profile.uploadBaseUrl = QUrl(apiBase + u"/api"_s);

    SecretStore secrets;
    ProfileManager profiles(&secrets, ProfileSettings());
    profiles.load();
    QEventLoop loop;
    QString error;
    profiles.addProfile(profile, config.secrets, &loop, [&](const QString &, const QString &e) {
        error = e;
        loop.quit();
    });
    loop.exec();
    if (!error.isEmpty())
        return fail(u"cannot store the profile: %1"_s.arg(error));
    return 0;
}

bool writeJson(const QString &path, const QJsonObject &o)
{
    QSaveFile out(path);
    const QByteArray bytes = QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    return out.open(QIODevice::WriteOnly) && out.write(bytes) == bytes.size() && out.commit();
}

} // namespace

int main(int argc, char *argv[])
{
    // A view needs a QApplication (and a platform); everything else runs without one.
    bool withView = false;
    for (int i = 1; i < argc; ++i)
        withView = withView || std::strcmp(argv[i], "--view") == 0;
    std::unique_ptr<QCoreApplication> application;
    if (withView)
        application = std::make_unique<QApplication>(argc, argv);
    else
        application = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication &app = *application;
    QCoreApplication::setOrganizationName(u"BoxCompanion"_s);
    QCoreApplication::setApplicationName(u"box-app-users-bench"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Box Companion's side of the App Users benchmark."_s);
    parser.addHelpOption();
    parser.addOptions({
        {u"api"_s, u"The sandbox's base URL (http://127.0.0.1:PORT)."_s, u"URL"_s},
        {u"config"_s, u"The JWT app's config.json (box-sandbox --export-config)."_s, u"FILE"_s},
        {u"pacer"_s, u"default (1000/min), off, or requests per minute."_s, u"PACER"_s,
         u"default"_s},
        {u"count"_s, u"bulk: rows to create."_s, u"N"_s},
        {u"prefix"_s, u"bulk: external ID prefix."_s, u"P"_s},
        {u"concurrency"_s, u"bulk: BulkImporter concurrency (0: its default)."_s, u"C"_s, u"0"_s},
        {u"probe-me"_s, u"bulk: probe GET /users/me every MS ms meanwhile (0: off)."_s, u"MS"_s,
         u"0"_s},
        {u"view"_s, u"list: show the model in a table view like the App Users pane's."_s},
        {u"restart-rate-limit"_s,
         u"bulk: after the warm-up, set the sandbox's rate limit to L (fresh windows)."_s, u"L"_s,
         u"0"_s},
        {u"out"_s, u"Write the figures as JSON here."_s, u"FILE"_s},
    });
    parser.addPositionalArgument(u"mode"_s, u"list | floor | bulk | seed-profile"_s);
    parser.process(app);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return fail(u"give one mode: list, floor, bulk or seed-profile"_s);
    const QString mode = positional.first();
    const QString api = parser.value(u"api"_s);
    const QString configPath = parser.value(u"config"_s);
    if (api.isEmpty() || configPath.isEmpty())
        return fail(u"--api and --config are required"_s);
    if (mode == u"seed-profile"_s)
        return seedProfile(api, configPath);

    QString error;
    BoxClient *client = makeBenchClient(api, configPath, parser.value(u"pacer"_s), &app, &error);
    if (!client)
        return fail(error);
    error = warmUp(client);
    if (!error.isEmpty())
        return fail(error);

    QJsonObject result;
    if (mode == u"list"_s) {
        result = runListScenario(client, withView);
    } else if (mode == u"floor"_s) {
        result = runFloorScenario(client);
    } else if (mode == u"bulk"_s) {
        const int count = parser.value(u"count"_s).toInt();
        const QString prefix = parser.value(u"prefix"_s);
        if (count <= 0 || prefix.isEmpty())
            return fail(u"bulk needs --count N and --prefix P"_s);
        const int probeMs = parser.value(u"probe-me"_s).toInt();
        std::unique_ptr<MeLatencyProbe> probe;
        if (probeMs > 0) {
            // Its own client: its own connections and token, not queued behind the importer.
            BoxClient *probeClient = makeBenchClient(api, configPath, u"off"_s, &app, &error);
            if (!probeClient)
                return fail(error);
            error = warmUp(probeClient);
            if (!error.isEmpty())
                return fail(error);
            probe = std::make_unique<MeLatencyProbe>(probeClient, probeMs);
            probe->start();
        }
        const int restartLimit = parser.value(u"restart-rate-limit"_s).toInt();
        if (restartLimit > 0) {
            error = restartRateLimit(api, restartLimit);
            if (!error.isEmpty())
                return fail(error);
        }
        result = runBulkScenario(client, count, prefix, parser.value(u"concurrency"_s).toInt());
        if (probe) {
            // The changes are on disk only once the sandbox has saved them: keep probing
            // while it does (an old sandbox re-saved its whole world about a second later).
            QEventLoop tail;
            QTimer::singleShot(ProbeTailMs, &tail, &QEventLoop::quit);
            tail.exec();
            probe->stop();
            result.insert(u"meProbe"_s, probe->figures());
        }
    } else {
        return fail(u"unknown mode \"%1\""_s.arg(mode));
    }
    result.insert(u"client"_s, u"Box Companion"_s);
    result.insert(u"pacer"_s, parser.value(u"pacer"_s));
    const QString out = parser.value(u"out"_s);
    if (!out.isEmpty() && !writeJson(out, result))
        return fail(u"cannot write %1"_s.arg(out));
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return result.contains(u"error"_s) ? 1 : 0;
}
