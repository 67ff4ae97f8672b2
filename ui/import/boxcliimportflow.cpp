#include "ui/import/boxcliimportflow.h"

#include "core/profilemanager.h"
#include "ui/import/boxcliimportdialog.h"

using namespace Qt::Literals::StringLiterals;

BoxCliImportFlow::BoxCliImportFlow(ProfileManager *manager, QWidget *dialogParent)
    : QObject(dialogParent), m_manager(manager), m_dialogParent(dialogParent)
{
    setObjectName(u"boxCliImportFlow"_s);
}

bool BoxCliImportFlow::isBusy() const
{
    return m_dialog || m_saving;
}

BoxCliImportDialog *BoxCliImportFlow::dialog() const
{
    return m_dialog;
}

void BoxCliImportFlow::start()
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    if (m_saving)
        return;
    auto *dialog = new BoxCliImportDialog(m_manager, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    // Reads Box CLI's storage into the preview: now, and again once a locked keyring was
    // unlocked from the preview.
    auto scan = [dialog] {
        auto *reader = new BoxCliReader(dialog);
        connect(reader, &BoxCliReader::finished, dialog, [dialog, reader](const BoxCliScan &s) {
            reader->deleteLater();
            dialog->setScan(s);
        });
        reader->start();
    };
    connect(dialog, &BoxCliImportDialog::rescanRequested, dialog, scan);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_queue = dialog->selectedCandidates();
        m_results.clear();
        m_saving = true;
        saveNext();
    });
    dialog->open();
    scan();
}

void BoxCliImportFlow::saveNext()
{
    if (m_queue.isEmpty()) {
        m_saving = false;
        Q_EMIT finished();
        return;
    }
    BoxCliCandidate candidate = m_queue.takeFirst();
    AppProfile profile = candidate.profile;
    profile.id.clear();
    // The name the preview showed ("added as"), unless something took it since.
    profile.name = m_manager->uniqueName(candidate.profile.name);
    const QString environment = candidate.environmentName;
    const QString name = profile.name;
    m_manager->addProfile(
        profile, candidate.secrets, this,
        [this, environment, name](const QString &id, const QString &error) {
            if (error.isEmpty())
                m_results.add({environment, ImportResults::Outcome::Imported, name, {}});
            else
                m_results.add({environment, ImportResults::Outcome::Failed, {}, {error}});
            if (error.isEmpty())
                Q_EMIT profileSaved(id);
            saveNext();
        });
}
