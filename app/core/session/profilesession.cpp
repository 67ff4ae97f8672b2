#include "core/session/profilesession.h"

#include "core/api/authenticatorfactory.h"
#include "core/api/boxclient.h"
#include "core/api/jwtauth.h"
#include "core/api/oauth2auth.h"
#include "core/profilemanager.h"
#include "core/secretstore.h"
#include "core/session/localsandbox.h"
#include "core/session/sessionlogging.h"

ProfileSession::ProfileSession(ProfileManager *manager, const QString &profileId, RequestLog *log,
                               QObject *parent)
    : QObject(parent), m_manager(manager), m_profileId(profileId), m_log(log),
      m_context(new QObject(this))
{
    // The profile was edited in the Apps pane (secrets, subject, URLs...): start again.
    connect(m_manager, &ProfileManager::profileChanged, this, &ProfileSession::onProfileChanged);
    connect(m_manager, &ProfileManager::profileRemoved, this, [this] {
        if (m_manager->indexOf(m_profileId) < 0 && m_state != State::NoProfile)
            reload();
    });
    connect(m_manager, &ProfileManager::profilesReset, this, &ProfileSession::reload);
    // The app's Box sandbox started (or stopped): its profiles work now (or no longer).
    connect(LocalSandbox::instance(), &LocalSandbox::runningChanged, this, [this] {
        if (LocalSandbox::instance()->isSandboxProfile(m_profile))
            reload();
    });
    reload();
}

ProfileSession::~ProfileSession()
{
    // Callbacks bound to the context go before the client's replies are torn down.
    m_ownerContexts.clear();
    delete m_context;
    m_context = nullptr;
}

QObject *ProfileSession::context(QObject *owner)
{
    if (QObject *existing = m_ownerContexts.value(owner))
        return existing;
    auto *child = new QObject(m_context);
    m_ownerContexts.insert(owner, child);
    // Gone with its owner, synchronously: a callback can never reach a destroyed owner.
    connect(owner, &QObject::destroyed, child, [this, owner] { releaseContext(owner); });
    return child;
}

void ProfileSession::releaseContext(QObject *owner)
{
    delete m_ownerContexts.take(owner).data();
}

void ProfileSession::setJwtServerTimeRetry(bool on)
{
    m_jwtServerTimeRetry = on;
    if (auto *jwt =
            m_client ? qobject_cast<JwtAuthenticator *>(m_client->authenticator()) : nullptr)
        jwt->setServerTimeRetry(on);
}

void ProfileSession::setRetryPolicy(const RetryPolicy &policy)
{
    m_retryPolicy = policy;
    if (m_client)
        m_client->setRetryPolicy(policy);
}

void ProfileSession::setState(State state)
{
    if (state != State::Failed)
        m_failure = {};
    if (m_state == state)
        return;
    m_state = state;
    qCDebug(lcSession) << m_profileId << "is now" << state;
    Q_EMIT stateChanged(state);
}

namespace {
// Whether the client's authenticator is getting a token right now.
bool grantInFlight(const BoxClient *client)
{
    return client && client->authenticator() && client->authenticator()->isFetching();
}
} // namespace

void ProfileSession::reset()
{
    Q_EMIT aboutToReset();
    // The context first: nothing bound to it hears from the old client any more.
    m_ownerContexts.clear(); // children of the context
    delete m_context;
    m_context = new QObject(this);
    if (m_client) {
        m_client->disconnect(this);
        Authenticator *auth = m_client->authenticator();
        if (auth)
            auth->disconnect(this); // its tokenChanged() is not about the next client
        if (grantInFlight(m_client)) {
            // A token grant is on its way. Box may have rotated the OAuth 2.0 refresh token
            // already; only that answer (stored by the persister before the fetch ends) has
            // the new one. Cutting it off would leave a spent token in the keychain.
            m_draining = m_client;
            connect(auth, &Authenticator::fetchFinished, m_client, &QObject::deleteLater);
            connect(auth, &Authenticator::fetchFinished, this, &ProfileSession::drained);
        } else {
            m_client->deleteLater();
        }
    }
    m_client = nullptr;
    m_secrets = {};
}

bool ProfileSession::tokenGrantInFlight() const
{
    return grantInFlight(m_client) || grantInFlight(m_draining);
}

void ProfileSession::reload()
{
    reset();
    if (m_profileId.isEmpty() || m_manager->indexOf(m_profileId) < 0) {
        m_profile = {};
        setState(State::NoProfile);
        return;
    }
    m_profile = m_manager->profile(m_profileId);
    if (m_profile.method == AuthMethod::CustomSkill) {
        // Box hands a Skill its tokens with each event: nothing to read, sign in to or build
        // a client for (even when its endpoints are a sandbox that is not running).
        setState(State::Skill);
        return;
    }
    if (const LocalSandbox *sandbox = LocalSandbox::instance(); sandbox->isUnavailable(m_profile)) {
        // Nothing listens there until the sandbox is started: say so now, not after a
        // connection attempt.
        const Guidance g = LocalSandbox::notRunningGuidance(sandbox->rememberedOrigin());
        fail(g.title, g.explanation, g.fix);
        return;
    }
    if (m_profile.method == AuthMethod::AppToken) {
        // Limited Access: nothing a pane shows needs the token, so it is not even read.
        setState(State::LimitedAccess);
        return;
    }
    setState(State::Loading);
    if (grantInFlight(m_draining)) {
        // Read the secrets once the previous client's token grant has ended and stored
        // whatever refresh token it brought.
        qCInfo(lcSession) << "waiting for a token grant of" << m_profileId << "to end";
        connect(m_draining->authenticator(), &Authenticator::fetchFinished, m_context,
                [this] { readSecrets(); });
        return;
    }
    readSecrets();
}

void ProfileSession::readSecrets()
{
    qCInfo(lcSession) << "reading the secrets of" << m_profileId;
    m_manager->readSecrets(m_profileId, m_context,
                           [this](const ProfileSecrets &secrets, const QString &error) {
                               if (!error.isEmpty()) {
                                   fail(tr("The app's secrets could not be read"), error);
                                   return;
                               }
                               start(secrets);
                           });
}

void ProfileSession::start(const ProfileSecrets &secrets)
{
    m_secrets = secrets;
    auto *client = new BoxClient(m_profile, nullptr, this);
    client->setRetryPolicy(m_retryPolicy);
    // Before the authenticator exists, so it registers its secrets with the shared log.
    if (m_log)
        client->setRequestLog(m_log);
    m_client = client;
    QString error;
    Authenticator *auth =
        installAuthenticator(client, secrets, &error, m_profile.developerTokenObtainedAt);
    if (!auth) {
        fail(tr("Cannot authenticate with this profile"), error,
             tr("Edit the profile in the Apps pane and check its secrets."));
        return;
    }
    connect(auth, &Authenticator::tokenChanged, this, &ProfileSession::onTokenChanged);
    if (auto *jwt = qobject_cast<JwtAuthenticator *>(auth))
        jwt->setServerTimeRetry(m_jwtServerTimeRetry);
    if (auto *oauth = qobject_cast<OAuth2Authenticator *>(auth)) {
        oauth->setRefreshTokenPersister(
            OAuth2Authenticator::secretStorePersister(m_manager->secretStore(), m_profileId));
        oauth->setRefreshTokenReader(
            OAuth2Authenticator::secretStoreReader(m_manager->secretStore(), m_profileId));
        if (secrets.refreshToken.isEmpty()) {
            setState(State::NeedsSignIn);
            return;
        }
    }
    setState(State::Ready);
}

void ProfileSession::fail(const QString &title, const QString &explanation, const QString &fix)
{
    qCInfo(lcSession) << m_profileId << "cannot be used:" << title;
    if (m_client) {
        m_client->deleteLater();
        m_client = nullptr;
    }
    m_failure = {};
    m_failure.title = title;
    m_failure.explanation = explanation;
    m_failure.fix = fix;
    m_state = State::Failed;
    Q_EMIT stateChanged(m_state);
}

void ProfileSession::onTokenChanged()
{
    auto *oauth =
        m_client ? qobject_cast<OAuth2Authenticator *>(m_client->authenticator()) : nullptr;
    if (!oauth || oauth->refreshToken().isEmpty())
        return;
    // Box rotated the refresh token (the authenticator stored it already), or the user signed
    // in: keep the copy current, and a session that waited for a sign-in can be used now.
    m_secrets.refreshToken = oauth->refreshToken();
    if (m_state == State::NeedsSignIn)
        setState(State::Ready);
}

void ProfileSession::onProfileChanged(int row)
{
    if (row < 0 || row >= m_manager->profiles().size() ||
        m_manager->profiles().at(row).id != m_profileId)
        return;
    qCInfo(lcSession) << "the profile" << m_profileId << "was edited; loading it again";
    reload();
}

void ProfileSession::forgetRefreshToken()
{
    if (m_profileId.isEmpty())
        return;
    // The refresh token only: the other secrets may have been edited since they were read.
    m_manager->secretStore()->writeSecret(
        m_profileId, SecretKind::RefreshToken, {}, m_context, [this](const QString &error) {
            if (!error.isEmpty())
                qCWarning(lcSession) << "could not forget the refresh token:" << error;
            reload();
        });
}
