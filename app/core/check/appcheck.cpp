#include "core/check/appcheck.h"

#include "core/api/apireply.h"
#include "core/api/authenticator.h"
#include "core/api/boxclient.h"
#include "core/api/errorguidance.h"
#include "core/api/jwtauth.h"
#include "core/api/limitedaccess.h"
#include "core/check/capabilityrules.h"
#include "core/check/checkevidence.h"
#include "core/check/checklogging.h"
#include "core/check/clockskew.h"
#include "core/check/probeauthenticator.h"
#include "core/format/serviceaccountformat.h"
#include "core/privatekeycheck.h"
#include "core/profilemanager.h"
#include "core/session/profilesession.h"

#include <QCoreApplication>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int ProbeTimeoutMs = 30000;

int indexOf(CheckStep::Id id)
{
    return int(id);
}

QString firstSentence(const QString &text)
{
    const qsizetype dot = text.indexOf(u". "_s);
    return dot < 0 ? text : text.left(dot + 1);
}
} // namespace

AppCheck::AppCheck(ProfileSession *session, QObject *parent) : QObject(parent), m_session(session)
{
    if (m_session) {
        m_profile = m_session->profile();
        // A reset drops the client the check is using: the check ends as cancelled.
        connect(m_session, &ProfileSession::aboutToReset, this, [this] {
            if (m_running) {
                qCInfo(lcCheck) << "the session was reset; cancelling the check";
                cancel();
            }
        });
        connect(m_session, &QObject::destroyed, this, [this] {
            if (m_running)
                cancel();
        });
    }
    resetResults();
}

AppCheck::~AppCheck()
{
    if (m_session)
        m_session->releaseContext(this);
}

void AppCheck::resetResults()
{
    m_steps.clear();
    const struct
    {
        CheckStep::Id id;
        QString title;
    } steps[] = {{CheckStep::Id::Profile, tr("Profile")},
                 {CheckStep::Id::Clock, tr("Clock")},
                 {CheckStep::Id::Token, tr("Token grant")},
                 {CheckStep::Id::Identity, tr("Who the token is")},
                 {CheckStep::Id::Capabilities, tr("What Box lets the app do")}};
    for (const auto &s : steps) {
        CheckStep step;
        step.id = s.id;
        step.title = s.title;
        m_steps.append(step);
    }
    m_capabilities = CapabilityRules::initial(m_profile);
    m_findings = {};
    m_appTokenEvidence = {};
    m_clockOffset.reset();
    m_appUserId.clear();
    m_appUserName.clear();
    m_managedUserId.clear();
    m_managedUserName.clear();
    m_selfId.clear();
    m_selfName.clear();
    m_selfAdminLike = true;
    m_serviceId.clear();
    m_usersListed = false;
    m_userScan = {};
}

CheckStep &AppCheck::step(CheckStep::Id id)
{
    return m_steps[indexOf(id)];
}

void AppCheck::setStep(CheckStep::Id id, CheckStep::Status status, const QString &result,
                       const QString &fix)
{
    CheckStep &s = step(id);
    s.status = status;
    s.result = result;
    s.fix = fix;
    Q_EMIT stepChanged(indexOf(id));
}

void AppCheck::addEvidence(CheckStep::Id id, const CheckEvidence &evidence)
{
    step(id).evidence.append(evidence);
    Q_EMIT stepChanged(indexOf(id));
}

void AppCheck::setCapability(int index, const Capability &capability)
{
    m_capabilities[index] = capability;
    Q_EMIT capabilityChanged(index);
}

void AppCheck::skipFrom(CheckStep::Id first, const QString &why)
{
    for (int i = indexOf(first); i < m_steps.size(); ++i) {
        if (m_steps[i].status == CheckStep::Status::Pending ||
            m_steps[i].status == CheckStep::Status::Running)
            setStep(m_steps[i].id, CheckStep::Status::Skipped, why);
    }
}

QObject *AppCheck::callbackContext()
{
    return m_session->context(this);
}

BoxClient *AppCheck::workClient() const
{
    if (m_profile.method == AuthMethod::AppToken)
        return m_probeClient;
    return m_session ? m_session->client() : nullptr;
}

BoxClient *AppCheck::ensureProbeClient(bool withToken)
{
    if (!m_probeClient) {
        auto *client = new BoxClient(m_profile, nullptr, this);
        // Before the authenticator, so it registers the token with the shared log.
        if (m_session && m_session->requestLog())
            client->setRequestLog(m_session->requestLog());
        m_probeClient = client;
    }
    if (withToken && !m_probeClient->authenticator() && !m_secrets.appToken.isEmpty()) {
        m_probeClient->setAuthenticator(
            new RestrictionProbeAuthenticator(m_probeClient, m_secrets.appToken));
    }
    return m_probeClient;
}

void AppCheck::send(BoxClient *client, const QByteArray &method, const QString &path,
                    const QList<QPair<QString, QString>> &queryItems, const QString &asUser,
                    std::function<void(const QString &, const ApiResult &)> done, bool authenticate)
{
    QUrlQuery query;
    for (const auto &item : queryItems)
        query.addQueryItem(item.first, item.second);
    ApiRequest request;
    request.method = method;
    request.url = client->apiUrl(path, query);
    request.asUser = asUser;
    request.authenticate = authenticate;
    request.expectJson = authenticate;
    request.timeoutMs = ProbeTimeoutMs;
    QString line = CheckEvidences::requestLine(method, request.url);
    if (!asUser.isEmpty())
        line += tr(" (As-User %1)").arg(asUser);
    if (!authenticate)
        line += tr(" (without a token)");
    ApiReply *reply = client->send(request);
    reply->onFinished(callbackContext(),
                      [line, done](const ApiResult &result) { done(line, result); });
}

void AppCheck::start()
{
    if (m_running)
        return;
    m_cancelled = false;
    m_startedAt = QDateTime::currentDateTimeUtc();
    if (m_session)
        m_profile = m_session->profile();
    resetResults();
    m_running = true;
    for (int i = 0; i < m_steps.size(); ++i)
        Q_EMIT stepChanged(i);
    for (int i = 0; i < m_capabilities.size(); ++i)
        Q_EMIT capabilityChanged(i);
    if (!m_session || m_session->state() == ProfileSession::State::NoProfile) {
        setStep(CheckStep::Id::Profile, CheckStep::Status::Failed,
                tr("There is no such profile (it was removed)."),
                tr("Choose a profile in the Apps pane."));
        skipFrom(CheckStep::Id::Clock, tr("Skipped: there is no profile to check."));
        finishRun();
        return;
    }
    qCInfo(lcCheck) << "checking profile" << m_profile.id;
    if (m_profile.method == AuthMethod::CustomSkill) {
        runSkillProfile();
        return;
    }
    if (m_session->state() == ProfileSession::State::Loading) {
        // The session is reading its secrets: its client comes with the next state.
        setStep(CheckStep::Id::Profile, CheckStep::Status::Running, tr("Loading the profile…"));
        auto once = std::make_shared<QMetaObject::Connection>();
        *once = connect(m_session, &ProfileSession::stateChanged, callbackContext(),
                        [this, once](ProfileSession::State state) {
                            if (state == ProfileSession::State::Loading)
                                return;
                            disconnect(*once);
                            runProfile();
                        });
        return;
    }
    runProfile();
}

void AppCheck::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    m_running = false;
    if (m_session)
        m_session->releaseContext(this); // drops every pending callback
    if (m_keyCheck)
        m_keyCheck->deleteLater();
    m_keyCheck = nullptr;
    dropClients();
    m_secrets = {};
    for (const CheckStep &s : std::as_const(m_steps)) {
        if (s.status == CheckStep::Status::Pending || s.status == CheckStep::Status::Running)
            setStep(s.id, CheckStep::Status::Skipped, tr("Cancelled."));
    }
    qCInfo(lcCheck) << "check cancelled";
    Q_EMIT finished();
}

void AppCheck::failWithGuidance(CheckStep::Id id, const BoxError &error, BoxClient *client,
                                const QString &skipWhy)
{
    const Guidance g = guidanceFor(error, guidanceContextOf(client));
    setStep(id, CheckStep::Status::Failed, g.title + u": "_s + g.explanation, g.fix);
    skipFrom(CheckStep::Id(indexOf(id) + 1), skipWhy);
    finishRun();
}

void AppCheck::dropClients()
{
    // deleteLater() leaves the pointers set until the event loop runs: a start() from a slot
    // connected to finished() would otherwise reuse a client about to be deleted.
    if (m_userClient)
        m_userClient->deleteLater();
    m_userClient = nullptr;
    if (m_probeClient)
        m_probeClient->deleteLater();
    m_probeClient = nullptr;
}

void AppCheck::finishRun()
{
    m_running = false;
    m_secrets = {};
    dropClients();
    if (m_session)
        m_session->releaseContext(this);
    qCInfo(lcCheck) << "check finished:" << verdict();
    Q_EMIT finished();
}

// 1. The profile ------------------------------------------------------------------------------

// A Custom Skill has no token of its own: only its profile can be checked here.
void AppCheck::runSkillProfile()
{
    QStringList problems;
    for (const FieldProblem &problem : validateProfile(m_profile))
        problems.append(problem.message);
    if (problems.isEmpty())
        setStep(CheckStep::Id::Profile, CheckStep::Status::Passed,
                tr("Custom Skill with client ID %1; Box sends its events to %2.")
                    .arg(m_profile.clientId, m_profile.invocationUrl.toString()));
    else
        setStep(CheckStep::Id::Profile, CheckStep::Status::Failed, problems.join(u' '),
                tr("Edit the profile (Apps > Edit…)."));
    skipFrom(CheckStep::Id::Clock, skillSkipReason());
    finishRun();
}

QString AppCheck::skillSkipReason()
{
    return tr("Does not apply to a Custom Skill: it has no token of its own. Box sends it a read "
              "and a write token with each Skills event; try them on its Skill page.");
}

void AppCheck::runProfile()
{
    setStep(CheckStep::Id::Profile, CheckStep::Status::Running, tr("Reading the profile…"));
    m_session->manager()->readSecrets(
        m_profile.id, callbackContext(),
        [this](const ProfileSecrets &secrets, const QString &error) { onSecrets(secrets, error); });
}

void AppCheck::onSecrets(const ProfileSecrets &secrets, const QString &error)
{
    if (!error.isEmpty()) {
        setStep(CheckStep::Id::Profile, CheckStep::Status::Failed,
                tr("The app's secrets could not be read from the keychain: %1").arg(error),
                tr("Unlock the system keychain (or start it), then check again."));
        skipFrom(CheckStep::Id::Clock, tr("Skipped: the profile's secrets could not be read."));
        finishRun();
        return;
    }
    m_secrets = secrets;
    m_findings = checkProfile(m_profile, secrets, QDateTime::currentDateTimeUtc());
    if (m_profile.method != AuthMethod::Jwt || secrets.privateKey.trimmed().isEmpty()) {
        completeProfile({});
        return;
    }
    // Decrypting may take a second or more: on a worker thread.
    auto *check = new PrivateKeyCheck(this);
    m_keyCheck = check;
    check->setDebounceInterval(0);
    connect(check, &PrivateKeyCheck::finished, callbackContext(), [this, check] {
        const QString problem =
            check->error() == PrivateKey::Error::None ? QString() : check->message();
        check->deleteLater();
        completeProfile(problem);
    });
    check->setInput(secrets.privateKey.toUtf8(), secrets.passphrase.toUtf8());
}

void AppCheck::completeProfile(const QString &keyProblem)
{
    QStringList problems;
    QString fix;
    if (m_session->state() == ProfileSession::State::Failed) {
        const Guidance &g = m_session->failure();
        problems.append(g.title + u": "_s + g.explanation);
        fix = g.fix;
    }
    if (!keyProblem.isEmpty()) {
        problems.append(
            tr("The private key does not decrypt with the stored passphrase: %1").arg(keyProblem));
        if (fix.isEmpty())
            fix = tr("Import the app's config.json again, or enter the key's passphrase in the "
                     "profile.");
    } else if (m_profile.method == AuthMethod::Jwt && m_findings.problems.isEmpty()) {
        m_findings.passed.prepend(tr("the private key decrypts with the stored passphrase"));
    }
    problems += m_findings.problems;
    if (fix.isEmpty())
        fix = m_findings.fix;
    const QString method = AuthMethods::displayName(m_profile.method);
    if (!problems.isEmpty()) {
        setStep(CheckStep::Id::Profile, CheckStep::Status::Failed, problems.join(u' '), fix);
    } else if (!m_findings.warnings.isEmpty()) {
        setStep(CheckStep::Id::Profile, CheckStep::Status::Warning, m_findings.warnings.join(u' '),
                m_findings.fix);
    } else {
        setStep(CheckStep::Id::Profile, CheckStep::Status::Passed,
                tr("%1 profile: %2.").arg(method, m_findings.passed.join(u", "_s)));
    }
    runClock();
}

// 2. The clock --------------------------------------------------------------------------------

void AppCheck::runClock()
{
    QString why;
    if (!isAllowedBaseUrl(m_profile.apiBaseUrl, &why)) {
        setStep(CheckStep::Id::Clock, CheckStep::Status::Skipped,
                tr("Skipped: the API base URL cannot be used (%1).").arg(why));
        runToken();
        return;
    }
    setStep(CheckStep::Id::Clock, CheckStep::Status::Running, tr("Asking Box for its time…"));
    BoxClient *client = m_session->client();
    if (!client)
        client = ensureProbeClient(false);
    const QDateTime sentAt = QDateTime::currentDateTimeUtc();
    // Unauthenticated and harmless: Box answers 401 with its Date header.
    send(
        client, "GET", u"/users/me"_s, {}, {},
        [this, sentAt](const QString &request, const ApiResult &result) {
            const QDateTime receivedAt = QDateTime::currentDateTimeUtc();
            CheckEvidence e = CheckEvidences::fromResult(request, result);
            if (!result.serverDate) {
                e.boxWords = CheckEvidences::boxWords(result.error);
                addEvidence(CheckStep::Id::Clock, e);
                if (result.status == 0) {
                    const Guidance g = guidanceFor(
                        result.error, GuidanceContext{m_profile.method, m_profile.clientId});
                    setStep(CheckStep::Id::Clock, CheckStep::Status::Failed,
                            tr("Box did not answer: %1: %2").arg(g.title, g.explanation), g.fix);
                } else {
                    setStep(CheckStep::Id::Clock, CheckStep::Status::Warning,
                            tr("Box's answer had no Date header; the clock was not measured."));
                }
                runToken();
                return;
            }
            e.boxWords = u"Date: "_s + QString::fromLatin1(result.header("date"));
            addEvidence(CheckStep::Id::Clock, e);
            const qint64 offset = ClockSkew::offsetSeconds(*result.serverDate, sentAt, receivedAt);
            m_clockOffset = offset;
            const qint64 size = offset < 0 ? -offset : offset;
            if (size <= ClockSkew::WarnSeconds) {
                setStep(CheckStep::Id::Clock, CheckStep::Status::Passed,
                        tr("This computer's clock matches Box's (within %1 seconds).")
                            .arg(ClockSkew::WarnSeconds));
                runToken();
                return;
            }
            QString result2 = ClockSkew::describe(offset);
            auto status = CheckStep::Status::Warning;
            if (m_profile.method == AuthMethod::Jwt) {
                const bool retry = m_session->jwtServerTimeRetry();
                if (ClockSkew::refusesJwtAssertions(offset)) {
                    result2 +=
                        u' ' + tr("Box accepts a JWT assertion only when its expiry (exp) lies "
                                  "within the next %1 seconds of Box's own time, so assertions "
                                  "made with this computer's time (valid for %2 seconds) are "
                                  "refused.")
                                   .arg(ClockSkew::JwtExpWindowSeconds)
                                   .arg(ClockSkew::JwtAssertionLifetimeSeconds);
                    if (retry) {
                        result2 += u' ' + tr("Box Companion retries a refused assertion once "
                                             "with Box's time from the Date header, so grants "
                                             "still work here; other tools and SDKs will fail.");
                    } else {
                        result2 += u' ' + tr("Retrying with Box's time is turned off, so grants "
                                             "will fail.");
                        status = CheckStep::Status::Failed;
                    }
                } else {
                    result2 += u' ' + tr("Box Companion's JWT assertions (valid for %1 seconds) "
                                         "still expire within the %2 seconds Box accepts, but "
                                         "tools and SDKs that set exp %2 seconds ahead may be "
                                         "refused.")
                                          .arg(ClockSkew::JwtAssertionLifetimeSeconds)
                                          .arg(ClockSkew::JwtExpWindowSeconds);
                }
            }
            setStep(CheckStep::Id::Clock, status, result2,
                    tr("Turn on automatic time synchronisation (NTP): on Linux run "
                       "\"timedatectl set-ntp true\"; on Windows, Settings > Time & language > "
                       "Set time automatically; on macOS, System Settings > General > Date & "
                       "Time > Set time automatically."));
            runToken();
        },
        false);
}

// 3. The token grant --------------------------------------------------------------------------

void AppCheck::runToken()
{
    if (step(CheckStep::Id::Profile).status == CheckStep::Status::Failed) {
        skipFrom(CheckStep::Id::Token, tr("Skipped: fix the profile first (step 1)."));
        finishRun();
        return;
    }
    setStep(CheckStep::Id::Token, CheckStep::Status::Running, tr("Getting a new access token…"));
    if (m_profile.method == AuthMethod::AppToken) {
        // No grant: the token was made in the Developer Console. Box's answer to a call no
        // App Token may make tells a valid token (403) from an invalid one (401).
        BoxClient *client = ensureProbeClient(true);
        send(client, "GET", u"/users/me"_s, {}, {},
             [this](const QString &request, const ApiResult &result) {
                 m_appTokenEvidence = CheckEvidences::fromResult(request, result);
                 addEvidence(CheckStep::Id::Token, m_appTokenEvidence);
                 if (result.status == 403) {
                     setStep(CheckStep::Id::Token, CheckStep::Status::Passed,
                             tr("Box accepts the App Token (an App Token is made in the "
                                "Developer Console, not granted). Box answers 403, not 401, to "
                                "GET /users/me, which no App Token may call."));
                     runIdentity();
                     return;
                 }
                 if (result.ok()) {
                     setStep(CheckStep::Id::Token, CheckStep::Status::Warning,
                             tr("Box answered GET /users/me for this App Token, which Box "
                                "refuses for Limited Access apps: the app may be of another "
                                "type."),
                             tr("Check the app's type in the Developer Console."));
                     runIdentity();
                     return;
                 }
                 failWithGuidance(CheckStep::Id::Token, result.error, m_probeClient,
                                  tr("Skipped: Box does not accept the App Token (step 3)."));
             });
        return;
    }
    BoxClient *client = m_session->client();
    Authenticator *auth = client ? client->authenticator() : nullptr;
    if (!auth) {
        setStep(CheckStep::Id::Token, CheckStep::Status::Failed,
                tr("The profile has no working client."), m_session->failure().fix);
        skipFrom(CheckStep::Id::Identity, tr("Skipped: no access token (step 3)."));
        finishRun();
        return;
    }
    if (m_profile.method == AuthMethod::DeveloperToken) {
        const QDateTime expires = auth->token().expiresAt;
        setStep(CheckStep::Id::Token, CheckStep::Status::Passed,
                tr("A Developer Token is not granted: Box Companion sends it as pasted (valid "
                   "until %1 UTC). Box's answer in the next step shows whether Box accepts it.")
                    .arg(expires.toUTC().toString(u"HH:mm"_s)));
        runIdentity();
        return;
    }
    const auto *jwt = qobject_cast<JwtAuthenticator *>(auth);
    const int retriesBefore = jwt ? jwt->serverTimeRetries() : 0;
    // A fresh grant, not the cached token: the check is about whether Box grants one now.
    auth->clearToken();
    auth->requestToken(callbackContext(),
                       [this, retriesBefore](const QString &, const BoxError &e) {
                           onTokenResult(e, retriesBefore);
                       });
}

void AppCheck::onTokenResult(const BoxError &error, int retriesBefore)
{
    BoxClient *client = m_session->client();
    const QString request =
        client ? u"POST "_s + client->tokenUrl().path() : u"POST /oauth2/token"_s;
    if (error.isError()) {
        addEvidence(CheckStep::Id::Token, CheckEvidences::fromError(request, error));
        const Guidance g = guidanceFor(error, guidanceContextOf(client));
        QString result = g.title + u": "_s + g.explanation;
        if (error.clockOffsetSeconds)
            result += u' ' + ClockSkew::describe(*error.clockOffsetSeconds);
        setStep(CheckStep::Id::Token, CheckStep::Status::Failed, result, g.fix);
        skipFrom(CheckStep::Id::Identity,
                 tr("Skipped: Box did not grant an access token (step 3)."));
        finishRun();
        return;
    }
    CheckEvidence e;
    e.request = request;
    e.httpStatus = 200;
    addEvidence(CheckStep::Id::Token, e);
    const AccessToken token = client ? client->authenticator()->token() : AccessToken{};
    QString result;
    switch (m_profile.method) {
    case AuthMethod::Jwt:
        result = tr("Box granted a new access token for %1 (JWT assertion signed with public "
                    "key ID %2).")
                     .arg(m_profile.subjectDescription(), m_profile.publicKeyId);
        break;
    case AuthMethod::ClientCredentials:
        result = tr("Box granted a new access token for %1 (Client Credentials Grant).")
                     .arg(m_profile.subjectDescription());
        break;
    case AuthMethod::OAuth2:
        result = tr("Box granted a new access token for the refresh token (Box rotated the "
                    "refresh token; the new one is in the keychain).");
        break;
    default:
        result = tr("Box granted a new access token.");
        break;
    }
    if (token.expiresAt.isValid())
        result +=
            u' ' + tr("Valid until %1 UTC.").arg(token.expiresAt.toUTC().toString(u"HH:mm"_s));
    const auto *jwt = client ? qobject_cast<JwtAuthenticator *>(client->authenticator()) : nullptr;
    if (jwt && jwt->serverTimeRetries() > retriesBefore) {
        result += u' ' + tr("Box refused the first assertion's time (exp); Box Companion retried "
                            "with Box's time (see step 2).");
    }
    setStep(CheckStep::Id::Token, CheckStep::Status::Passed, result);
    runIdentity();
}

// 4. Who the token is -------------------------------------------------------------------------

void AppCheck::runIdentity()
{
    setStep(CheckStep::Id::Identity, CheckStep::Status::Running, tr("Asking Box who this is…"));
    if (m_profile.method == AuthMethod::AppToken) {
        addEvidence(CheckStep::Id::Identity, m_appTokenEvidence);
        setStep(CheckStep::Id::Identity, CheckStep::Status::Passed,
                tr("An App Token acts as the app itself: there is no user behind it, and Box "
                   "refuses GET /users/me for it (%1).")
                    .arg(m_appTokenEvidence.httpStatus));
        runCapabilities();
        return;
    }
    send(m_session->client(), "GET", u"/users/me"_s,
         {{u"fields"_s, u"id,name,login,is_platform_access_only,role"_s}}, {},
         [this](const QString &request, const ApiResult &result) {
             addEvidence(CheckStep::Id::Identity, CheckEvidences::fromResult(request, result));
             if (!result.ok()) {
                 failWithGuidance(CheckStep::Id::Identity, result.error, m_session->client(),
                                  tr("Skipped: Box does not accept the access token (step 4)."));
                 return;
             }
             const QJsonObject me = result.json();
             m_selfId = me.value(u"id"_s).toString();
             const QString name = me.value(u"name"_s).toString();
             const QString login = me.value(u"login"_s).toString();
             const QString serviceId = ServiceAccountFormat::serviceIdFromLogin(login);
             const QString role = me.value(u"role"_s).toString();
             m_serviceId = serviceId;
             m_selfName = name;
             // Box documents admin, coadmin and user; without a role Box did not say.
             m_selfAdminLike = !serviceId.isEmpty() || role.isEmpty() || role == u"admin"_s ||
                               role == u"coadmin"_s;
             const bool appUser = serviceId.isEmpty() &&
                                  (me.value(u"is_platform_access_only"_s).toBool() ||
                                   login.endsWith(u"@boxdevedition.com"_s, Qt::CaseInsensitive));
             QString who;
             if (!serviceId.isEmpty())
                 who = tr("the Service Account \"%1\" (%2, user ID %3), Service ID %4")
                           .arg(name, login, m_selfId, serviceId);
             else if (appUser)
                 who = tr("the app user \"%1\" (%2, user ID %3)").arg(name, login, m_selfId);
             else
                 who = tr("the person \"%1\" (%2, user ID %3)").arg(name, login, m_selfId);
             QString implied;
             bool fits = true;
             const bool server = m_profile.method == AuthMethod::Jwt ||
                                 m_profile.method == AuthMethod::ClientCredentials;
             if (server && m_profile.subjectType == SubjectType::Enterprise) {
                 fits = !serviceId.isEmpty();
                 implied = fits ? tr("as the profile's enterprise subject implies")
                                : tr("but the profile's enterprise subject should give the app's "
                                     "Service Account");
             } else if (server) {
                 fits = m_selfId == m_profile.subjectId;
                 implied =
                     fits
                         ? tr("as the profile's user subject implies")
                         : tr("but the profile's user subject is user %1").arg(m_profile.subjectId);
             } else if (m_profile.method == AuthMethod::OAuth2) {
                 fits = serviceId.isEmpty();
                 implied = fits ? tr("the person who signed in, as OAuth 2.0 implies")
                                : tr("but an OAuth 2.0 sign-in should give a person");
             }
             QString text = tr("The token is %1").arg(who);
             if (!implied.isEmpty())
                 text += u", "_s + implied;
             text += u'.';
             if (!m_selfAdminLike) {
                 text += u' ' + tr("Its role is \"%1\", not admin or co-admin: Box lets only "
                                   "admins, co-admins and the Service Account list users, read "
                                   "enterprise events or act as other users (As-User).")
                                    .arg(role);
             }
             setStep(CheckStep::Id::Identity,
                     fits ? CheckStep::Status::Passed : CheckStep::Status::Warning, text,
                     fits ? QString()
                          : tr("Check the profile's subject (enterprise or user ID) against the "
                               "app in the Developer Console."));
             runCapabilities();
         });
}

// Results -------------------------------------------------------------------------------------

QStringList AppCheck::restrictions() const
{
    if (m_profile.method != AuthMethod::AppToken)
        return {};
    return {
        tr("Content must be owned by the app's Service Account: the token reaches nothing "
           "else."),
        tr("No other users' information: Box refuses GET /users/me and GET /users."),
        tr("No user management: no app users, As-User or user tokens."),
        tr("Preview APIs only: Box lets the token call only %1.")
            .arg(LimitedAccess::allowedCalls()),
    };
}

const Capability *AppCheck::mainMismatch(int *count) const
{
    const Capability *main = nullptr;
    *count = 0;
    for (const Capability &c : m_capabilities) {
        if (!c.mismatch())
            continue;
        ++*count;
        if (!main || (main->evidence.httpStatus < 400 && c.evidence.httpStatus >= 400))
            main = &c;
    }
    return main;
}

QString AppCheck::verdict() const
{
    if (m_cancelled)
        return tr("Check cancelled.");
    if (m_running)
        return tr("Checking…");
    if (!m_startedAt.isValid())
        return {};
    for (const CheckStep &s : m_steps) {
        if (s.status == CheckStep::Status::Failed)
            return s.result;
    }
    if (m_profile.method == AuthMethod::CustomSkill)
        return tr("Profile complete; nothing else to check: a Custom Skill has no token of its "
                  "own");
    int mismatches = 0;
    if (const Capability *main = mainMismatch(&mismatches)) {
        const QString cause = main->title + u": "_s + firstSentence(main->cause);
        if (mismatches == 1)
            return cause;
        return tr("%n capabilities differ from the profile's Developer Console settings. %1",
                  nullptr, mismatches)
            .arg(cause);
    }
    for (const CheckStep &s : m_steps) {
        if (s.status == CheckStep::Status::Warning)
            return tr("Works, with a warning: %1").arg(firstSentence(s.result));
    }
    if (m_profile.method == AuthMethod::AppToken)
        return tr("Works, within Box's Limited Access restrictions");
    return tr("Works");
}
