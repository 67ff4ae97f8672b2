#include "core/session/profilesessionregistry.h"

#include "core/profilemanager.h"
#include "core/session/profilesession.h"
#include "core/session/sessionlogging.h"

ProfileSessionRegistry::ProfileSessionRegistry(ProfileManager *manager, RequestLog *log,
                                               QObject *parent)
    : QObject(parent), m_manager(manager), m_log(log)
{
    connect(m_manager, &ProfileManager::profileRemoved, this,
            &ProfileSessionRegistry::dropRemovedProfiles);
    connect(m_manager, &ProfileManager::profilesReset, this,
            &ProfileSessionRegistry::dropRemovedProfiles);
}

// At exit: sessions (and any token grant still on its way) go now; there is no event loop left
// to finish them in.
ProfileSessionRegistry::~ProfileSessionRegistry()
{
    for (Entry &entry : m_entries) {
        for (const QMetaObject::Connection &c : std::as_const(entry.users))
            disconnect(c);
        delete entry.session;
    }
}

ProfileSession *ProfileSessionRegistry::session(const QString &profileId, QObject *user)
{
    Entry &entry = m_entries[profileId];
    if (!entry.session) {
        qCInfo(lcSession) << "new session for" << profileId;
        entry.session = new ProfileSession(m_manager, profileId, m_log, this);
        entry.session->setJwtServerTimeRetry(m_jwtServerTimeRetry);
        entry.session->setRetryPolicy(m_retryPolicy);
        connect(entry.session, &ProfileSession::drained, this, [this, profileId] {
            const auto it = m_entries.constFind(profileId);
            if (it != m_entries.cend() && it->lingering && it->users.isEmpty())
                drop(profileId);
        });
    } else if (entry.lingering) {
        // Back while the last client's token grant finishes: start again once it has.
        entry.lingering = false;
        entry.session->reload();
    }
    if (user && !entry.users.contains(user)) {
        entry.users.insert(user, connect(user, &QObject::destroyed, this,
                                         [this, profileId, user] { release(profileId, user); }));
    }
    return entry.session;
}

void ProfileSessionRegistry::release(const QString &profileId, QObject *user)
{
    auto it = m_entries.find(profileId);
    if (it == m_entries.end())
        return;
    if (auto u = it->users.find(user); u != it->users.end()) {
        disconnect(u.value());
        it->users.erase(u);
    }
    if (it->users.isEmpty())
        retire(profileId);
}

void ProfileSessionRegistry::retire(const QString &profileId)
{
    Entry &entry = m_entries[profileId];
    if (!entry.session || !entry.session->tokenGrantInFlight()) {
        drop(profileId);
        return;
    }
    // Nothing hears from its client any more; the grant finishes, then the session goes.
    qCInfo(lcSession) << "session of" << profileId << "waits for a token grant to end";
    entry.lingering = true;
    entry.session->reset();
}

ProfileSession *ProfileSessionRegistry::find(const QString &profileId) const
{
    const auto it = m_entries.constFind(profileId);
    return it == m_entries.cend() ? nullptr : it->session.data();
}

void ProfileSessionRegistry::setJwtServerTimeRetry(bool on)
{
    m_jwtServerTimeRetry = on;
    for (const Entry &entry : std::as_const(m_entries)) {
        if (entry.session)
            entry.session->setJwtServerTimeRetry(on);
    }
}

void ProfileSessionRegistry::setRetryPolicy(const RetryPolicy &policy)
{
    m_retryPolicy = policy;
    for (const Entry &entry : std::as_const(m_entries)) {
        if (entry.session)
            entry.session->setRetryPolicy(policy);
    }
}

void ProfileSessionRegistry::dropRemovedProfiles()
{
    const QStringList ids = m_entries.keys();
    for (const QString &id : ids) {
        if (m_manager->indexOf(id) >= 0)
            continue;
        // Its users hear NoProfile first; they find no session afterwards.
        if (ProfileSession *s = m_entries.value(id).session;
            s && s->state() != ProfileSession::State::NoProfile)
            s->reload();
        drop(id);
    }
}

void ProfileSessionRegistry::drop(const QString &profileId)
{
    const Entry entry = m_entries.take(profileId);
    for (const QMetaObject::Connection &c : entry.users)
        disconnect(c);
    if (entry.session) {
        qCInfo(lcSession) << "session of" << profileId << "ended";
        // Nothing hears from its client any more, from now on; the object goes later, as it
        // may be emitting the signal that led here.
        entry.session->disconnect();
        m_manager->disconnect(entry.session);
        entry.session->reset();
        entry.session->deleteLater();
    }
}
