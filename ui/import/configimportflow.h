#pragma once

#include "core/profilesecrets.h"
#include "ui/import/importresults.h"

#include <QObject>
#include <QStringList>
#include <QUrl>

class ConfigImportPreviewDialog;
struct ConfigImport;
class ProfileManager;
class QMimeData;
class QWidget;

// Imports config.json files one after another: each file is read and checked on a worker
// thread (decrypting its key may take a while), then shown in a ConfigImportPreviewDialog
// (opened, never exec'd), then saved as a new profile or as an update of a profile of the same
// app (client ID and auth method; ConfigUpdate), which changes only what the file defines. The
// suggested name follows ConfigJson's one rule ("JWT app <enterprise ID>", or the file's own name
// when the user gave it one), made unique with " (2)". Every file gets its own entry in results();
// files given while a preview is open join the same import and wait their turn.
class ConfigImportFlow : public QObject
{
    Q_OBJECT
public:
    // Previews open over dialogParent; profiles are saved through manager.
    ConfigImportFlow(ProfileManager *manager, QWidget *dialogParent);

    // The running sandbox's origin (sandbox mode): the preview then asks whether a file is for
    // Box or for the sandbox.
    void setSandboxBaseUrl(const QUrl &baseUrl) { m_sandboxBaseUrl = baseUrl; }

    void importFiles(const QStringList &filePaths);
    // A preview is open, a file is being read or saved, or files wait their turn.
    bool isBusy() const { return m_busy || !m_queue.isEmpty(); }
    // The files of the current (or last) import and what became of each.
    const ImportResults &results() const { return m_results; }

    // Drag and drop: a drag is worth accepting when it carries at least one local .json file;
    // the drop then imports every local file it carries (a file that is not a config.json
    // gets its own error instead of being dropped silently).
    static bool carriesConfigFile(const QMimeData *mime);
    static QStringList localFiles(const QMimeData *mime);

Q_SIGNALS:
    // After each file's outcome (and so also when the last file of an import is done).
    void resultsChanged();
    void profileSaved(const QString &profileId);

private:
    void next();
    void fileRead(const QString &fileName, const ConfigImport &parsed);
    void showPreview(const QString &fileName, const ConfigImport &parsed);
    void save(const QString &fileName, ConfigImportPreviewDialog *dialog,
              const ProfileSecrets &secrets);
    void finishFile(const ImportResults::Entry &entry);

    ProfileManager *m_manager;
    QWidget *m_dialogParent;
    QUrl m_sandboxBaseUrl;
    QStringList m_queue;
    ImportResults m_results;
    bool m_busy = false; // a preview is open or a save is running
};
