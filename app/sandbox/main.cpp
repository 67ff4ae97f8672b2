// box-sandbox: the Box API emulator as a standalone server on 127.0.0.1.
#include "sandbox/boxsandbox.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const ssize_t n = ::write(signalPipe[1], &c, 1);
}

// SIGINT/SIGTERM quit the event loop, so the state file is compacted on the way out.
void quitOnSignals(QCoreApplication *app)
{
    if (::pipe(signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, app);
    QObject::connect(notifier, &QSocketNotifier::activated, app, &QCoreApplication::quit);
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}

int fail(const QString &message)
{
    std::fprintf(stderr, "box-sandbox: %s\n", qPrintable(message));
    return 2;
}

bool parseInt(const QCommandLineParser &parser, const QString &name, qint64 min, qint64 max,
              qint64 *out, QString *error)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const qint64 v = parser.value(name).toLongLong(&ok);
    if (!ok || v < min || v > max) {
        *error = u"--%1 must be a whole number from %2 to %3, not \"%4\""_s.arg(
            name, QString::number(min), QString::number(max), parser.value(name));
        return false;
    }
    *out = v;
    return true;
}

// The startup listing's note on an app Box would refuse or run with other settings than the
// Developer Console shows.
QString appNote(const SandboxApp &a)
{
    if (!a.authorized)
        return u"  (not authorized by the admin)"_s;
    if (a.needsReauthorization())
        return u"  (console settings changed: awaiting the admin's re-authorization)"_s;
    return {};
}

int exportConfig(const BoxSandbox &sandbox, const QString &appName, const QString &dirPath)
{
    SandboxApp app = sandbox.app(appName);
    if (app.name.isEmpty()) {
        for (const SandboxApp &a : sandbox.apps()) {
            if (a.clientId == appName)
                app = a;
        }
    }
    const QByteArray json = sandbox.exportConfigJson(app.name);
    if (json.isEmpty()) {
        QStringList names;
        for (const SandboxApp &a : sandbox.apps()) {
            if (a.authMethod == u"jwt"_s || a.authMethod == u"ccg"_s)
                names << u"\"%1\""_s.arg(a.name);
        }
        return fail(u"no JWT or Client Credentials app called \"%1\"; choose one of %2"_s.arg(
            appName, names.join(u", "_s)));
    }
    const QString fileName =
        app.authMethod == u"jwt"_s
            ? u"%1_%2_config.json"_s.arg(sandbox.enterpriseId(), app.publicKeyId)
            : u"%1_ccg_config.json"_s.arg(sandbox.enterpriseId());
    const QDir dir(dirPath);
    if (!dir.exists() && !QDir().mkpath(dirPath))
        return fail(u"cannot create the directory %1"_s.arg(dirPath));
    QSaveFile file(dir.filePath(fileName));
    if (!file.open(QIODevice::WriteOnly) ||
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        file.write(json) != json.size() || !file.commit()) {
        return fail(u"cannot write %1: %2"_s.arg(file.fileName(), file.errorString()));
    }
    std::printf("%s\n", qPrintable(QDir::toNativeSeparators(file.fileName())));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"box-sandbox"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(BOX_COMPANION_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"A local emulator of the Box API on 127.0.0.1, for offline work and tests."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {u"port"_s, u"Listen on this port (default: a free one)."_s, u"PORT"_s},
        {u"state"_s,
         u"Keep the world in FILE across restarts (mode 0600): each change is appended to "
         "FILE.journal as it happens; FILE is rewritten atomically at start and exit."_s,
         u"FILE"_s},
        {u"seed"_s, u"Start from the demo world or an empty one: demo (default) or empty."_s,
         u"demo|empty"_s},
        {u"users"_s, u"Number of app users of the JWT app (demo default: 25)."_s, u"N"_s},
        {u"rate-limit"_s, u"Requests per minute per user before 429 (Box: 1000; default off)."_s,
         u"PER_MINUTE"_s},
        {u"faults"_s,
         u"Fault injection, e.g. \"seed=7;POST /2.0/users=drop-after@0.1;*=latency:20\"."_s,
         u"SPEC"_s},
        {u"clock-skew"_s, u"Shift the sandbox's clock by this many seconds."_s, u"SECONDS"_s},
        {u"export-config"_s,
         u"Write APP's config.json (Box's format) into DIR and exit. APP is the app's name or "
         "client ID; give DIR as the positional argument."_s,
         u"APP"_s},
    });
    parser.addPositionalArgument(u"DIR"_s, u"Directory for --export-config."_s, u"[DIR]"_s);
    parser.process(app);

    SandboxOptions options;
    QString error;
    qint64 port = 0, users = -1, rate = 0, skew = 0;
    if (!parseInt(parser, u"port"_s, 0, 65535, &port, &error) ||
        !parseInt(parser, u"users"_s, 0, 1000000, &users, &error) ||
        !parseInt(parser, u"rate-limit"_s, 0, 1000000, &rate, &error) ||
        !parseInt(parser, u"clock-skew"_s, -86400 * 365, 86400 * 365, &skew, &error)) {
        return fail(error);
    }
    options.users = int(users);
    options.rateLimitPerMinute = int(rate);
    options.clockSkewSeconds = skew;
    options.statePath = parser.value(u"state"_s);
    options.faults = parser.value(u"faults"_s);
    if (parser.isSet(u"seed"_s))
        options.seed = parser.value(u"seed"_s);

    const bool exporting = parser.isSet(u"export-config"_s);
    if (exporting && parser.positionalArguments().size() != 1)
        return fail(u"--export-config APP needs one directory argument"_s);
    if (!exporting && !parser.positionalArguments().isEmpty())
        return fail(u"unexpected argument \"%1\""_s.arg(parser.positionalArguments().first()));

    BoxSandbox sandbox(options);
    if (!sandbox.start(quint16(port), &error))
        return fail(error);
    if (exporting) {
        const int rc = exportConfig(sandbox, parser.value(u"export-config"_s),
                                    parser.positionalArguments().first());
        sandbox.stop();
        return rc;
    }

    std::printf("Box sandbox listening on %s\n", qPrintable(sandbox.baseUrl().toString()));
    std::printf("  enterprise %s\n", qPrintable(sandbox.enterpriseId()));
    for (const SandboxApp &a : sandbox.apps()) {
        std::printf("  %-30s %-10s client_id %s%s\n", qPrintable(a.name), qPrintable(a.authMethod),
                    qPrintable(a.clientId), qPrintable(appNote(a)));
    }
    std::printf("Credentials: GET %s/_sandbox/apps/<client_id>/credentials, or (JWT/CCG apps) "
                "box-sandbox --state FILE --export-config APP DIR\n",
                qPrintable(sandbox.baseUrl().toString()));
    std::fflush(stdout);

    quitOnSignals(&app);
    const int rc = app.exec();
    sandbox.stop();
    return rc;
}
