#pragma once

#include "core/appprofile.h"
#include "core/profilesecrets.h"
#include "core/profilesettings.h"
#include "core/secretstore.h"

#include <QList>
#include <QObject>

#include <functional>

// The list of app profiles: non-secret fields in ProfileSettings, secrets in the SecretStore.
// Every change writes the keychain first and the settings file second. When the keychain
// fails, the profile stays as it was (list and settings file unchanged) and the callback gets
// the SecretStore's error, which names the secret and what had changed already; an added
// profile's entries that were written are removed again. Callbacks run only while `context`
// is alive.
class ProfileManager : public QObject
{
    Q_OBJECT
public:
    using DoneCallback = std::function<void(const QString &profileId, const QString &error)>;

    ProfileManager(SecretStore *secrets, const ProfileSettings &settings,
                   QObject *parent = nullptr);

    SecretStore *secretStore() const { return m_secrets; }
    // The settings file the profiles (and what the app keeps for them) are in.
    QString settingsFilePath() const { return m_settings.filePath(); }
    const QList<AppProfile> &profiles() const { return m_profiles; }
    int indexOf(const QString &profileId) const;
    AppProfile profile(const QString &profileId) const;

    // Reads the settings file. Emits profilesReset().
    void load();

    // Adds a profile (a new id is assigned when empty) with its secrets.
    void addProfile(AppProfile profile, const ProfileSecrets &secrets, QObject *context,
                    DoneCallback done);
    // Replaces the stored fields and all secrets of an existing profile.
    void updateProfile(const AppProfile &profile, const ProfileSecrets &secrets, QObject *context,
                       DoneCallback done);
    // Saves an edit: the profile's fields and only the secrets in `changes`, so a secret that
    // changed meanwhile elsewhere (a rotated refresh token) is kept.
    void applyProfileEdit(const AppProfile &profile, const SecretChanges &changes, QObject *context,
                          DoneCallback done);
    // Copies a profile and its secrets under a new id and the name "<name> (copy)".
    void duplicateProfile(const QString &profileId, QObject *context, DoneCallback done);
    // Deletes the profile, every keychain entry it wrote and what the app kept for it (its
    // event stream positions).
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
