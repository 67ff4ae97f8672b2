#pragma once

#include <QObject>
#include <QString>

class ProfileManager;

// The app (profile) the window works with: one object that the Apps list, the Service Account
// and App Users panes and their app pickers all follow and set, so picking an app anywhere
// selects it everywhere. Remembers the last app picked (QSettings, by profile id) for the next
// start; a removed profile leaves nothing selected.
class ProfileSelection : public QObject
{
    Q_OBJECT
public:
    explicit ProfileSelection(ProfileManager *manager, QObject *parent = nullptr);

    ProfileManager *manager() const { return m_manager; }
    QString profileId() const { return m_profileId; }

    // Selects the app picked last time, if it still exists (else leaves the selection alone).
    void restoreLastUsed();
    // The settings key of the last picked profile's id.
    static QString settingsKey();

public Q_SLOTS:
    // An unknown id selects nothing.
    void setProfileId(const QString &profileId);

Q_SIGNALS:
    void profileIdChanged(const QString &profileId);

private:
    void dropIfRemoved();

    ProfileManager *m_manager;
    QString m_profileId;
};
