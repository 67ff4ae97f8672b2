#pragma once

#include "appprofile.h"
#include "profilesecrets.h"
#include "profilesettings.h"

#include <QList>
#include <QObject>

#include <functional>

class SecretStore;

// The list of app profiles: non-secret fields in ProfileSettings, secrets in the SecretStore.
// Every change writes the keychain first and the settings file second, so a failed change
// saves nothing. Callbacks run only while `context` is alive.
class ProfileManager : public QObject
{
    Q_OBJECT
public:
    using DoneCallback = std::function<void(const QString &profileId, const QString &error)>;

    ProfileManager(SecretStore *secrets, const ProfileSettings &settings,
                   QObject *parent = nullptr);

    SecretStore *secretStore() const { return m_secrets; }
    const QList<AppProfile> &profiles() const { return m_profiles; }
    int indexOf(const QString &profileId) const;
    AppProfile profile(const QString &profileId) const;

    // Reads the settings file. Emits profilesReset().
    void load();

    // Adds a profile (a new id is assigned when empty) with its secrets.
    void addProfile(AppProfile profile, const ProfileSecrets &secrets, QObject *context,
                    DoneCallback done);
    // Replaces the stored fields and secrets of an existing profile.
    void updateProfile(const AppProfile &profile, const ProfileSecrets &secrets,
                       QObject *context, DoneCallback done);
    // Copies a profile and its secrets under a new id and the name "<name> (copy)".
    void duplicateProfile(const QString &profileId, QObject *context, DoneCallback done);
    // Deletes the profile and every keychain entry it wrote.
    void removeProfile(const QString &profileId, QObject *context, DoneCallback done);
    void readSecrets(const QString &profileId, QObject *context,
                     std::function<void(const ProfileSecrets &, const QString &error)> done);

    // A name not used by any profile yet: `base`, else "base (2)", "base (3)", ...
    QString uniqueName(const QString &base) const;

Q_SIGNALS:
    void profilesReset();
    void profileAboutToBeAdded(int row);
    void profileAdded(int row);
    void profileChanged(int row);
    void profileAboutToBeRemoved(int row);
    void profileRemoved(int row);

private:
    SecretStore *m_secrets;
    ProfileSettings m_settings;
    QList<AppProfile> m_profiles;
};
