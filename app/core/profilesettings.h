#pragma once

#include "core/appprofile.h"

#include <QList>
#include <QString>

// Reads and writes the non-secret profile fields in an INI file (by default
// $XDG_CONFIG_HOME/BoxCompanion/profiles.ini). Secrets never go here.
class ProfileSettings
{
public:
    explicit ProfileSettings(const QString &filePath = defaultFilePath());

    static QString defaultFilePath();
    QString filePath() const { return m_filePath; }
    // The group (in the file) of what the app keeps for a profile beside its fields, e.g.
    // where its event stream stopped. save() keeps it for the profiles it writes and drops it
    // with a profile that is no longer listed.
    static QString stateGroup(const QString &profileId);

    QList<AppProfile> load() const;
    // Replaces the stored list. Returns false with *error when the file cannot be written.
    bool save(const QList<AppProfile> &profiles, QString *error = nullptr) const;

private:
    QString m_filePath;
};
