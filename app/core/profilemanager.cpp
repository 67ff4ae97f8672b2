#include "core/profilemanager.h"

#include "core/logging.h"
#include "core/secretstore.h"
#include "core/webhooks/webhookkeystore.h"

#include <QCoreApplication>
#include <QPointer>

using namespace Qt::Literals::StringLiterals;

namespace {
// Wraps a callback so it only runs while its context object lives.
ProfileManager::DoneCallback guarded(QObject *context, ProfileManager::DoneCallback done)
{
    QPointer<QObject> guard(context);
    return [guard, done = std::move(done)](const QString &id, const QString &error) {
        if (guard && done)
            done(id, error);
    };
}
} // namespace

ProfileManager::ProfileManager(SecretStore *secrets, const ProfileSettings &settings,
                               QObject *parent)
    : QObject(parent), m_secrets(secrets), m_settings(settings)
{}

int ProfileManager::indexOf(const QString &profileId) const
{
    for (int i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles.at(i).id == profileId)
            return i;
    }
    return -1;
}

AppProfile ProfileManager::profile(const QString &profileId) const
{
    const int row = indexOf(profileId);
    return row < 0 ? AppProfile() : m_profiles.at(row);
}

void ProfileManager::load()
{
    m_profiles = m_settings.load();
    qCInfo(lcProfiles) << "loaded" << m_profiles.size() << "profiles";
    Q_EMIT profilesReset();
}

QString ProfileManager::uniqueName(const QString &base) const
{
    auto taken = [this](const QString &name) {
        for (const AppProfile &p : m_profiles) {
            if (p.name == name)
                return true;
        }
        return false;
    };
    if (!taken(base))
        return base;
    for (int n = 2;; ++n) {
        const QString candidate = u"%1 (%2)"_s.arg(base).arg(n);
        if (!taken(candidate))
            return candidate;
    }
}

void ProfileManager::addProfile(AppProfile profile, const ProfileSecrets &secrets, QObject *context,
                                DoneCallback done)
{
    done = guarded(context, std::move(done));
    if (profile.id.isEmpty())
        profile.id = AppProfile::newId();
    if (indexOf(profile.id) >= 0) {
        done({}, tr("A profile with this identifier exists already."));
        return;
    }
    m_secrets->writeSecrets(profile.id, secrets, this, [this, profile, done](const QString &error) {
        if (!error.isEmpty()) {
            // Leave no orphaned entry behind: remove what was written before the failure.
            m_secrets->deleteSecrets(profile.id, this, [id = profile.id](const QString &e) {
                if (!e.isEmpty())
                    qCWarning(lcProfiles) << "could not clean up the keychain entries of the"
                                          << "profile that was not added:" << id;
            });
            done({}, error);
            return;
        }
        QList<AppProfile> next = m_profiles;
        next.append(profile);
        QString saveError;
        if (!m_settings.save(next, &saveError)) {
            m_secrets->deleteSecrets(profile.id, this, [](const QString &) {});
            done({}, saveError);
            return;
        }
        const int row = m_profiles.size();
        Q_EMIT profileAboutToBeAdded(row);
        m_profiles = next;
        Q_EMIT profileAdded(row);
        qCInfo(lcProfiles) << "added profile" << profile.id << AuthMethods::key(profile.method);
        done(profile.id, {});
    });
}

void ProfileManager::updateProfile(const AppProfile &profile, const ProfileSecrets &secrets,
                                   QObject *context, DoneCallback done)
{
    SecretChanges all;
    for (SecretKind kind : SecretKinds::all())
        all.insert(kind, secrets.value(kind));
    applyProfileEdit(profile, all, context, std::move(done));
}

void ProfileManager::applyProfileEdit(const AppProfile &profile, const SecretChanges &changes,
                                      QObject *context, DoneCallback done)
{
    done = guarded(context, std::move(done));
    if (indexOf(profile.id) < 0) {
        done({}, tr("This profile no longer exists."));
        return;
    }
    m_secrets->applyChanges(profile.id, changes, this, [this, profile, done](const QString &error) {
        const int row = indexOf(profile.id);
        if (!error.isEmpty() || row < 0) {
            done({}, error.isEmpty() ? tr("This profile no longer exists.") : error);
            return;
        }
        QList<AppProfile> next = m_profiles;
        next[row] = profile;
        QString saveError;
        if (!m_settings.save(next, &saveError)) {
            done({}, saveError);
            return;
        }
        m_profiles = next;
        Q_EMIT profileChanged(row);
        done(profile.id, {});
    });
}

void ProfileManager::duplicateProfile(const QString &profileId, QObject *context, DoneCallback done)
{
    done = guarded(context, std::move(done));
    const int row = indexOf(profileId);
    if (row < 0) {
        done({}, tr("This profile no longer exists."));
        return;
    }
    AppProfile copy = m_profiles.at(row);
    copy.id.clear();
    copy.name = uniqueName(tr("%1 (copy)").arg(copy.name));
    m_secrets->readSecrets(
        profileId, this,
        [this, profileId, copy, done](const ProfileSecrets &secrets, const QString &error) {
            if (!error.isEmpty()) {
                done({}, error);
                return;
            }
            // The webhook signature keys (a Custom Skill's, a webhook profile's) are secrets of
            // their own beside SecretKinds::all(): the copy gets them too.
            WebhookKeyStore::read(
                m_secrets, profileId, this,
                [this, copy, secrets, done](const WebhookKeys &keys, const QString &keysError) {
                    if (!keysError.isEmpty()) {
                        done({}, keysError);
                        return;
                    }
                    addProfile(copy, secrets, this,
                               [this, keys, done](const QString &newId, const QString &addError) {
                                   if (!addError.isEmpty() || keys.isEmpty()) {
                                       done(newId, addError);
                                       return;
                                   }
                                   WebhookKeyStore::write(
                                       m_secrets, newId, {}, keys, this,
                                       [newId, done](const QString &e) { done(newId, e); });
                               });
                });
        });
}

void ProfileManager::removeProfile(const QString &profileId, QObject *context, DoneCallback done)
{
    done = guarded(context, std::move(done));
    if (indexOf(profileId) < 0) {
        done({}, tr("This profile no longer exists."));
        return;
    }
    m_secrets->deleteSecrets(profileId, this, [this, profileId, done](const QString &error) {
        if (!error.isEmpty()) {
            done({}, error);
            return;
        }
        const int row = indexOf(profileId);
        if (row < 0) {
            done(profileId, {});
            return;
        }
        QList<AppProfile> next = m_profiles;
        next.removeAt(row);
        QString saveError;
        if (!m_settings.save(next, &saveError)) {
            done({}, saveError);
            return;
        }
        Q_EMIT profileAboutToBeRemoved(row);
        m_profiles = next;
        Q_EMIT profileRemoved(row);
        qCInfo(lcProfiles) << "removed profile" << profileId;
        done(profileId, {});
    });
}

void ProfileManager::readSecrets(
    const QString &profileId, QObject *context,
    std::function<void(const ProfileSecrets &, const QString &error)> done)
{
    QPointer<QObject> guard(context);
    m_secrets->readSecrets(profileId, this,
                           [guard, done](const ProfileSecrets &secrets, const QString &error) {
                               if (guard)
                                   done(secrets, error);
                           });
}
