#include "ui/profileselection.h"

#include "core/profilemanager.h"

#include <QSettings>

using namespace Qt::Literals::StringLiterals;

ProfileSelection::ProfileSelection(ProfileManager *manager, QObject *parent)
    : QObject(parent), m_manager(manager)
{
    setObjectName(u"profileSelection"_s);
    connect(manager, &ProfileManager::profileRemoved, this, &ProfileSelection::dropIfRemoved);
    connect(manager, &ProfileManager::profilesReset, this, [this] {
        dropIfRemoved();
        if (m_profileId.isEmpty())
            restoreLastUsed();
    });
}

QString ProfileSelection::settingsKey()
{
    return u"apps/lastUsedProfile"_s;
}

void ProfileSelection::restoreLastUsed()
{
    const QString id = QSettings().value(settingsKey()).toString();
    if (!id.isEmpty() && m_manager->indexOf(id) >= 0)
        setProfileId(id);
}

void ProfileSelection::setProfileId(const QString &profileId)
{
    const QString id = m_manager->indexOf(profileId) >= 0 ? profileId : QString();
    if (id == m_profileId)
        return;
    m_profileId = id;
    // Only a picked app is remembered: losing the selection (a removal, a filter hiding the
    // row) keeps the last one for the next start, where restoreLastUsed() checks it exists.
    if (!id.isEmpty())
        QSettings().setValue(settingsKey(), id);
    Q_EMIT profileIdChanged(id);
}

void ProfileSelection::dropIfRemoved()
{
    if (!m_profileId.isEmpty() && m_manager->indexOf(m_profileId) < 0)
        setProfileId({});
}
