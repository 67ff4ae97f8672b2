#pragma once

#include "core/api/requestlog.h" // QPointer<RequestLog> needs the complete type
#include "core/api/retrypolicy.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

class ProfileManager;
class ProfileSession;

// The ProfileSessions of one main window: one per profile, shared by everyone who works with
// that profile. Created by the main window and handed to its panes and dialogs (there is no
// global instance). A session is created on first use and lives while at least one user holds
// it, so switching to another app and back starts afresh, as it always did; a removed
// profile's session is dropped at once. The last user out does not cut off a token grant in
// flight: the session lingers until the grant has ended and stored the refresh token Box may
// have rotated, and a user who comes back meanwhile gets it again, reloaded once it has.
class ProfileSessionRegistry : public QObject
{
    Q_OBJECT
public:
    // Sessions log into `log` (not owned; may be null).
    ProfileSessionRegistry(ProfileManager *manager, RequestLog *log, QObject *parent = nullptr);
    ~ProfileSessionRegistry() override;

    ProfileManager *manager() const { return m_manager; }
    RequestLog *requestLog() const { return m_log; }

    // The one session of the profile, held for `user` until release() or until `user` is
    // destroyed (a null user holds it until the profile is removed). Created (and loading) on
    // first use.
    ProfileSession *session(const QString &profileId, QObject *user);
    // `user` no longer needs the profile's session; the last user out ends it.
    void release(const QString &profileId, QObject *user);
    // The profile's session if someone holds it, else null.
    ProfileSession *find(const QString &profileId) const;
    int sessionCount() const { return int(m_entries.size()); }

    // JWT: retry a refused exp/jti with the server's time (default on), for every session.
    void setJwtServerTimeRetry(bool on);
    bool jwtServerTimeRetry() const { return m_jwtServerTimeRetry; }
    // When clients try a request again, for every session (ProfileSession::setRetryPolicy).
    void setRetryPolicy(const RetryPolicy &policy);

private:
    struct Entry
    {
        QPointer<ProfileSession> session;
        QHash<QObject *, QMetaObject::Connection> users; // -> its destroyed() connection
        // No user holds it any more, but a token grant of its is still on its way.
        bool lingering = false;
    };
    void retire(const QString &profileId);
    void dropRemovedProfiles();
    void drop(const QString &profileId);

    ProfileManager *m_manager;
    QPointer<RequestLog> m_log;
    QHash<QString, Entry> m_entries;
    bool m_jwtServerTimeRetry = true;
    RetryPolicy m_retryPolicy;
};
