#include "core/events/eventpositions.h"

#include "core/profilesettings.h"

#include <QSettings>

using namespace Qt::Literals::StringLiterals;

EventPositions::EventPositions(const QString &settingsFile)
    : m_settingsFile(settingsFile.isEmpty() ? ProfileSettings::defaultFilePath() : settingsFile)
{}

QString EventPositions::key(const QString &profileId, const QString &asUser,
                            const QString &streamType)
{
    return u"%1/events/%2/%3/streamPosition"_s.arg(
        ProfileSettings::stateGroup(profileId), asUser.isEmpty() ? u"self"_s : asUser, streamType);
}

QString EventPositions::load(const QString &profileId, const QString &asUser,
                             const QString &streamType) const
{
    if (profileId.isEmpty())
        return {};
    const QSettings s(m_settingsFile, QSettings::IniFormat);
    return s.value(key(profileId, asUser, streamType)).toString();
}

void EventPositions::save(const QString &profileId, const QString &asUser,
                          const QString &streamType, const QString &position) const
{
    if (profileId.isEmpty())
        return;
    QSettings s(m_settingsFile, QSettings::IniFormat);
    s.setValue(key(profileId, asUser, streamType), position);
}
