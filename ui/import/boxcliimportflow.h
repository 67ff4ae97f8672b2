#pragma once

#include "core/boxcli/boxclireader.h"
#include "ui/import/importresults.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class BoxCliImportDialog;
class ProfileManager;
class QWidget;

// "Import from Box CLI…": reads Box CLI's environments (BoxCliReader), shows them in a
// BoxCliImportDialog (opened, never exec'd) and, once the user clicks Import, adds each ticked
// environment as a new profile through the ProfileManager (its secrets into Box Companion's
// keychain entries only), named after the environment and made unique. Then finished() with a
// summary for the Apps pane's banner. Cancelling saves nothing and reports nothing.
class BoxCliImportFlow : public QObject
{
    Q_OBJECT
public:
    BoxCliImportFlow(ProfileManager *manager, QWidget *dialogParent);

    // Opens the preview (or raises the one that is open).
    void start();
    bool isBusy() const;
    // The open preview, if any.
    BoxCliImportDialog *dialog() const;

    // What became of each ticked environment of the last import (for the Apps pane's banner).
    const ImportResults &results() const { return m_results; }

Q_SIGNALS:
    void profileSaved(const QString &profileId);
    // After the last ticked environment was saved (or failed).
    void finished();

private:
    void saveNext();

    ProfileManager *m_manager;
    QWidget *m_dialogParent;
    QPointer<BoxCliImportDialog> m_dialog;
    QList<BoxCliCandidate> m_queue;
    ImportResults m_results{ImportResults::Source::BoxCliEnvironments};
    bool m_saving = false;
};
