#pragma once

#include <QString>

// Where each profile's user event stream left off: the last next_stream_position Box gave,
// per profile, acting user and stream type. Not a secret: kept with the profile in its
// settings file (ProfileSettings, the profile's state group "events/<asUser>/<stream_type>"),
// so it goes when the profile is removed (ProfileSettings::save drops a removed profile's
// state).
class EventPositions
{
public:
    // The profiles' settings file (ProfileManager::settingsFilePath()); by default the app's.
    explicit EventPositions(const QString &settingsFile = {});

    QString settingsFile() const { return m_settingsFile; }
    // Empty when the stream was never read for this profile.
    QString load(const QString &profileId, const QString &asUser, const QString &streamType) const;
    void save(const QString &profileId, const QString &asUser, const QString &streamType,
              const QString &position) const;

private:
    static QString key(const QString &profileId, const QString &asUser, const QString &streamType);
    QString m_settingsFile;
};
