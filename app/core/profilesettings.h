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

    QList<AppProfile> load() const;
    // Replaces the stored list. Returns false with *error when the file cannot be written.
    bool save(const QList<AppProfile> &profiles, QString *error = nullptr) const;

private:
    QString m_filePath;
};
