#include "commands/commandrunner.h"

#include "core/api/boxerror.h"
#include "core/network/networkconfigurator.h"
#include "core/profilesettings.h"
#include "core/session/localsandbox.h"
#include "core/session/profilesession.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QSettings>
#include <QTcpSocket>
#include <QTimer>

#include <cerrno>
#include <cstdio>
#include <cstring>

using namespace Qt::Literals::StringLiterals;

namespace Commands {

namespace {
constexpr int BoxTimeoutMs = 180000; // the client's own timeouts and retries come first

QString tr(const char *text)
{
    return QCoreApplication::translate("Commands", text);
}

// True when every byte reached the stream (written and flushed).
bool write(FILE *stream, const QByteArray &bytes)
{
    errno = 0;
    const size_t written = std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    const bool flushed = std::fflush(stream) == 0;
    return written == size_t(bytes.size()) && flushed && !std::ferror(stream);
}

void writeLine(FILE *stream, const QString &text)
{
    write(stream, text.toUtf8() + '\n');
}

// The result on stdout; false (and why on stderr) when it did not get there.
bool writeResult(const QByteArray &bytes)
{
    if (write(stdout, bytes))
        return true;
    const int error = errno;
    err(tr("cannot write to standard output: %1")
            .arg(error ? QString::fromLocal8Bit(std::strerror(error)) : tr("unknown error")));
    return false;
}

void toStderr(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    writeLine(stderr, qFormatLogMessage(type, context, message));
}

QString commandName(const QStringList &arguments)
{
    return arguments.isEmpty() ? QString() : arguments.constFirst();
}
} // namespace

void routeLoggingToStderr()
{
    // QT_LOGGING_RULES (applied after these) can still turn categories on for a bug report.
    QLoggingCategory::setFilterRules(u"*.debug=false\n*.info=false"_s);
    qInstallMessageHandler(toStderr);
}

bool parse(QCommandLineParser &parser, const QStringList &arguments, int *exitCode)
{
    const QString command = commandName(arguments);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help = parser.addHelpOption();
    // QCommandLineParser skips the first argument (the program's name): the command's.
    const QStringList &all = arguments;
    if (!parser.parse(all)) {
        *exitCode = usageError(command, parser.errorText());
        return false;
    }
    if (parser.isSet(help) || parser.isSet(u"help-all"_s)) {
        // Qt's usage line names the program only: put the command in.
        QString text = parser.helpText();
        const qsizetype firstLineEnd = text.indexOf(u'\n');
        const QString usage = tr("Usage: box-companion %1 "
                                 "[options]")
                                  .arg(command);
        QString positional;
        const QString firstLine = text.left(firstLineEnd);
        const qsizetype options = firstLine.indexOf(u"[options]"_s);
        if (options >= 0)
            positional = firstLine.mid(options + 9);
        text = usage + positional + text.mid(firstLineEnd);
        *exitCode = writeResult(text.toUtf8()) ? Ok : Failed;
        return false;
    }
    return true;
}

int usageError(const QString &command, const QString &problem)
{
    err(u"%1: %2"_s.arg(command, problem));
    err(tr("Run \"box-companion %1 --help\" for its options.").arg(command));
    return UsageError;
}

bool out(const QString &text)
{
    return writeResult(text.toUtf8() + '\n');
}

void err(const QString &text)
{
    writeLine(stderr, u"box-companion: "_s + text);
}

void err(const Guidance &g)
{
    err(g.title);
    if (!g.explanation.isEmpty())
        writeLine(stderr, g.explanation);
    if (!g.fix.isEmpty())
        writeLine(stderr, g.fix);
    if (!g.requestId.isEmpty())
        writeLine(stderr, tr("Box request ID: %1").arg(g.requestId));
}

Guidance guidance(const QString &title, const QString &explanation, const QString &fix)
{
    Guidance g;
    g.title = title;
    g.explanation = explanation;
    g.fix = fix;
    return g;
}

Guidance keychainTimedOut()
{
    return guidance(tr("The keychain did not answer"), {},
                    tr("Unlock the system keychain (or start it), then try again."));
}

bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QElapsedTimer elapsed;
    elapsed.start();
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(10);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done() || elapsed.hasExpired(timeoutMs))
            loop.quit();
    });
    poll.start();
    loop.exec();
    return done();
}

Environment::Environment() : m_profiles(&m_secrets, ProfileSettings())
{
    // First, so every keychain operation waits for the probe's answer (keychain or memory).
    m_secrets.probe();
    m_profiles.load();
    // The proxy and extra trusted CA the app uses (a read; the password from the keychain).
    NetworkConfigurator::instance()->load(QSettings(), &m_secrets, nullptr, {});
}

bool Environment::keychainAvailable()
{
    // The probe gives up on a keychain that does not answer by itself (memory only then).
    waitFor([this] { return m_secrets.backend() != SecretStore::Backend::Unknown; }, 120000);
    if (m_secrets.backend() == SecretStore::Backend::Keychain)
        return true;
    err(guidance(tr("No system keychain answers"), m_secrets.unavailableReason(),
                 tr("Box Companion keeps the apps' secrets in the system keychain (Secret "
                    "Service). Start or unlock it (e.g. GNOME Keyring), then try again.")));
    return false;
}

QString Environment::resolveProfile(const QString &nameOrId) const
{
    const QList<AppProfile> &all = m_profiles.profiles();
    for (const AppProfile &p : all) {
        if (p.name == nameOrId)
            return p.id;
    }
    for (const AppProfile &p : all) {
        if (p.id == nameOrId)
            return p.id;
    }
    QStringList matches;
    QString id;
    for (const AppProfile &p : all) {
        if (p.name.compare(nameOrId, Qt::CaseInsensitive) == 0) {
            matches << p.name;
            id = p.id;
        }
    }
    if (matches.size() == 1)
        return id;
    if (matches.isEmpty()) {
        err(tr("There is no profile named \"%1\".").arg(nameOrId));
        writeLine(stderr, tr("\"box-companion profiles\" lists the profiles."));
    } else {
        err(tr("\"%1\" matches more than one profile: %2.").arg(nameOrId, matches.join(u", "_s)));
        writeLine(stderr, tr("Give the exact name or the profile's ID."));
    }
    return {};
}

std::unique_ptr<ProfileSession> Environment::openSession(const QString &nameOrId, int *exitCode)
{
    *exitCode = Failed;
    const QString profileId = resolveProfile(nameOrId);
    if (profileId.isEmpty()) {
        *exitCode = UsageError;
        return nullptr;
    }
    // A Custom Skill needs neither: it has no secret to read nor token to get (the command
    // says so).
    const bool skill = m_profiles.profile(profileId).method == AuthMethod::CustomSkill;
    if (!skill && (!localOriginAnswers(m_profiles.profile(profileId)) || !keychainAvailable()))
        return nullptr;
    auto session = std::make_unique<ProfileSession>(&m_profiles, profileId, nullptr);
    if (!waitFor([&] { return session->state() != ProfileSession::State::Loading; },
                 KeychainTimeoutMs)) {
        err(keychainTimedOut());
        return nullptr;
    }
    *exitCode = Ok;
    return session;
}

bool Environment::finishTokenGrants(const ProfileSession &session)
{
    if (waitFor([&] { return !session.tokenGrantInFlight(); }, BoxTimeoutMs))
        return true;
    err(guidance(tr("The token grant did not end in time"), {},
                 tr("Run the command again; if it keeps failing, sign in again in Box "
                    "Companion.")));
    return false;
}

bool Environment::localOriginAnswers(const AppProfile &profile)
{
    if (!LocalSandbox::isLoopbackOrigin(profile.apiBaseUrl))
        return true;
    QTcpSocket socket;
    bool answered = false, connected = false;
    QObject::connect(&socket, &QTcpSocket::connected, &socket,
                     [&] { answered = connected = true; });
    QString socketError = tr("no answer");
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &socket, [&] {
        socketError = socket.errorString();
        answered = true;
    });
    socket.connectToHost(profile.apiBaseUrl.host(), quint16(profile.apiBaseUrl.port()));
    waitFor([&] { return answered; }, 5000);
    socket.abort();
    LocalSandbox *sandbox = LocalSandbox::instance();
    const bool sandboxProfile = sandbox->isSandboxProfile(profile);
    const QUrl origin = LocalSandbox::originOf(profile.apiBaseUrl);
    if (!connected && sandboxProfile) {
        err(LocalSandbox::notRunningGuidance(origin));
        return false;
    }
    if (!connected) {
        // Another local server (a standalone box-sandbox, a proxy): the app's words for it.
        BoxError error;
        error.kind = BoxError::Kind::Network;
        error.networkError = QNetworkReply::ConnectionRefusedError;
        error.detail = tr("Nothing answers at %1 (%2).").arg(origin.toString(), socketError);
        err(guidanceFor(error, {profile.method, profile.clientId}));
        return false;
    }
    // The app's sandbox runs in another Box Companion process: its profiles work here too.
    if (sandboxProfile)
        sandbox->setRunning(true);
    return true;
}

} // namespace Commands
