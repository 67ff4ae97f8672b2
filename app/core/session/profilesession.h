#pragma once

#include "core/api/boxclient.h" // QPointer<BoxClient> needs the complete type
#include "core/api/errorguidance.h"
#include "core/api/requestlog.h"
#include "core/appprofile.h"
#include "core/profilesecrets.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class ProfileManager;

// Everything one app profile needs to talk to Box, built once and shared by every pane,
// dialog and tool that works with the profile: the secrets from the keychain, one BoxClient
// with the profile's authenticator, and for OAuth 2.0 the persister that writes each rotated
// refresh token to the keychain. Because there is only one authenticator per profile, there
// is only one refresh token in memory: two panes never spend the same one (Box rotates it on
// every use; the second refresh would fail with invalid_grant).
//
// Late callbacks: bind reply callbacks and connects to context() (or context(owner)). Each
// reset (reload(), an edit of the profile in the Apps pane, its removal) deletes the context
// before the client, so answers that belong to the previous client never reach anyone.
class ProfileSession : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        NoProfile,     // no such profile (none selected, or it was removed)
        Loading,       // reading the secrets from the keychain
        LimitedAccess, // App Token: no user behind it; client() is null
        Skill,         // Custom Skill: no token of its own (Box sends one with each event);
                       // client() is null
        NeedsSignIn,   // OAuth 2.0 without a refresh token; client() has the authenticator
        Ready,         // client() is authenticated (tokens are fetched on demand)
        Failed,        // the secrets could not be read or do not make an authenticator, or
                       // the profile is the app's Box sandbox, which is not running
    };
    Q_ENUM(State)

    // Loads at once (reload()). Every client logs into `log` (not owned; may be null).
    ProfileSession(ProfileManager *manager, const QString &profileId, RequestLog *log,
                   QObject *parent = nullptr);
    ~ProfileSession() override;

    QString profileId() const { return m_profileId; }
    ProfileManager *manager() const { return m_manager; }
    State state() const { return m_state; }
    // The profile as of the last reset.
    const AppProfile &profile() const { return m_profile; }
    // The secrets as read at the last reset; the refresh token follows rotations.
    const ProfileSecrets &secrets() const { return m_secrets; }
    // Ready and NeedsSignIn (for the sign-in flow); null otherwise.
    BoxClient *client() const { return m_client; }
    // The log every client of this session writes to (may be null): for a client of one's own
    // that should show in the request inspector too (Check App's probes of an App Token).
    RequestLog *requestLog() const { return m_log; }
    // Failed: what went wrong and what to do about it.
    const Guidance &failure() const { return m_failure; }
    // A token grant of this session (of its client, or of the client a reset left behind) is
    // on its way: Box may have rotated the OAuth 2.0 refresh token already, and only that
    // answer carries the new one. drained() says when it has ended.
    bool tokenGrantInFlight() const;

    // Replaced (the old one deleted) on every reset.
    QObject *context() const { return m_context; }
    // A context for `owner`'s callbacks: deleted on the next reset, when `owner` is
    // destroyed, or by releaseContext(owner), whichever comes first. The same object until then.
    QObject *context(QObject *owner);
    // Drops `owner`'s pending callbacks now (its Cancel); the session itself stays as it is.
    void releaseContext(QObject *owner);

    // JWT: retry a refused exp/jti with the server's time (default on). Applies at once.
    void setJwtServerTimeRetry(bool on);
    bool jwtServerTimeRetry() const { return m_jwtServerTimeRetry; }
    // When the client tries a request again (BoxClient::setRetryPolicy). Applies at once.
    void setRetryPolicy(const RetryPolicy &policy);
    const RetryPolicy &retryPolicy() const { return m_retryPolicy; }

public Q_SLOTS:
    // Starts again: drops the client (and every callback bound to the old context), re-reads
    // the profile and its secrets and builds a new client.
    void reload();
    // OAuth 2.0 after a revoke: deletes the stored refresh token, then reloads (NeedsSignIn).
    void forgetRefreshToken();

Q_SIGNALS:
    void stateChanged(ProfileSession::State state);
    // The old context and client are about to go: drop anything that points at the client.
    void aboutToReset();
    // The token grant a reset left running has ended (and stored what it brought).
    void drained();

private:
    friend class ProfileSessionRegistry; // reset() when the last user leaves
    void reset();
    void readSecrets();
    void start(const ProfileSecrets &secrets);
    void fail(const QString &title, const QString &explanation, const QString &fix = {});
    void setState(State state);
    void onTokenChanged();
    void onProfileChanged(int row);

    ProfileManager *m_manager;
    QString m_profileId;
    QPointer<RequestLog> m_log;
    AppProfile m_profile;
    ProfileSecrets m_secrets;
    State m_state = State::NoProfile;
    Guidance m_failure;
    QPointer<BoxClient> m_client;
    // The previous client while its token grant finishes (see reset()).
    QPointer<BoxClient> m_draining;
    QObject *m_context = nullptr;
    QHash<const QObject *, QPointer<QObject>> m_ownerContexts; // owner -> child of m_context
    bool m_jwtServerTimeRetry = true;
    RetryPolicy m_retryPolicy;
};
