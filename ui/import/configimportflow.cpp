#include "ui/import/configimportflow.h"

#include "core/configfile.h"
#include "core/configupdate.h"
#include "core/logging.h"
#include "core/privatekey.h"
#include "core/profilemanager.h"
#include "ui/import/configimportpreviewdialog.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMimeData>
#include <QPointer>
#include <QRunnable>
#include <QThreadPool>
#include <QWidget>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace {
bool isEncrypted(const QString &privateKey)
{
    const PrivateKey::Format format = PrivateKey::detectFormat(privateKey.toUtf8());
    return format == PrivateKey::Format::EncryptedPkcs8 ||
           format == PrivateKey::Format::EncryptedTraditional;
}
} // namespace

ConfigImportFlow::ConfigImportFlow(ProfileManager *manager, QWidget *dialogParent)
    : QObject(dialogParent), m_manager(manager), m_dialogParent(dialogParent)
{
    setObjectName(u"configImportFlow"_s);
}

bool ConfigImportFlow::carriesConfigFile(const QMimeData *mime)
{
    const QStringList files = localFiles(mime);
    return std::any_of(files.cbegin(), files.cend(), [](const QString &file) {
        return file.endsWith(u".json"_s, Qt::CaseInsensitive);
    });
}

QStringList ConfigImportFlow::localFiles(const QMimeData *mime)
{
    QStringList files;
    if (!mime || !mime->hasUrls())
        return files;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile())
            files.append(url.toLocalFile());
    }
    return files;
}

void ConfigImportFlow::importFiles(const QStringList &filePaths)
{
    if (filePaths.isEmpty())
        return;
    if (!isBusy())
        m_results.clear(); // a new import
    m_queue.append(filePaths);
    if (!m_busy)
        next();
}

void ConfigImportFlow::next()
{
    if (m_queue.isEmpty()) {
        m_busy = false;
        return;
    }
    m_busy = true; // files added meanwhile just queue
    const QString path = m_queue.takeFirst();
    // Reading decrypts the private key, which may take a second or more: not on this thread.
    const QPointer<ConfigImportFlow> guard(this);
    QThreadPool::globalInstance()->start(QRunnable::create([guard, path] {
        const ConfigImport parsed = importConfigFile(path);
        QCoreApplication *app = QCoreApplication::instance();
        if (!app)
            return;
        // Runs on the GUI thread, where guard may be checked safely.
        QMetaObject::invokeMethod(
            app,
            [guard, path, parsed] {
                if (guard)
                    guard->fileRead(QFileInfo(path).fileName(), parsed);
            },
            Qt::QueuedConnection);
    }));
}

void ConfigImportFlow::fileRead(const QString &fileName, const ConfigImport &parsed)
{
    if (!parsed.ok()) {
        finishFile({fileName, ImportResults::Outcome::Failed, {}, parsed.errors});
        next();
        return;
    }
    showPreview(fileName, parsed); // its answer goes on with the next file
}

void ConfigImportFlow::showPreview(const QString &fileName, const ConfigImport &parsed)
{
    ConfigImportCandidate candidate;
    candidate.fileName = fileName;
    candidate.profile = parsed.profile;
    candidate.profile.name = m_manager->uniqueName(parsed.profile.name);
    candidate.hasPrivateKey = !parsed.secrets.privateKey.isEmpty();
    candidate.privateKeyEncrypted =
        candidate.hasPrivateKey && isEncrypted(parsed.secrets.privateKey);
    candidate.updatable = ConfigUpdate::updatable(m_manager->profiles(), parsed.profile);
    candidate.otherMethods = ConfigUpdate::otherMethods(m_manager->profiles(), parsed.profile);

    auto *dialog = new ConfigImportPreviewDialog(candidate, m_sandboxBaseUrl, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const ProfileSecrets secrets = parsed.secrets;
    connect(dialog, &QDialog::finished, this, [this, dialog, fileName, secrets](int result) {
        if (result != QDialog::Accepted) {
            qCInfo(lcImport, "import preview cancelled");
            finishFile({fileName, ImportResults::Outcome::Skipped, {}, {}});
            next();
            return;
        }
        save(fileName, dialog, secrets);
    });
    dialog->open();
}

void ConfigImportFlow::save(const QString &fileName, ConfigImportPreviewDialog *dialog,
                            const ProfileSecrets &secrets)
{
    AppProfile profile = dialog->profile();
    const bool update = dialog->updatesExisting();
    if (update) {
        // The profile may have changed while the preview was open (the sandbox starting moves
        // its profiles to the new port): keep what it is now, not what it was.
        const AppProfile current = m_manager->profile(profile.id);
        if (current.id.isEmpty()) {
            finishFile({fileName,
                        ImportResults::Outcome::Failed,
                        {},
                        {tr("The app \"%1\" was removed while the preview was open; nothing "
                            "was saved.")
                             .arg(profile.name)}});
            next();
            return;
        }
        profile.name = current.name;
        profile.requestsPerMinute = current.requestsPerMinute; // not in a config.json
        if (dialog->target() == ConfigImportPreviewDialog::Target::Keep) {
            profile.apiBaseUrl = current.apiBaseUrl;
            profile.oauthBaseUrl = current.oauthBaseUrl;
            profile.uploadBaseUrl = current.uploadBaseUrl;
        }
    }
    const char *endpoints = "Box";
    if (dialog->target() == ConfigImportPreviewDialog::Target::Sandbox)
        endpoints = "the sandbox";
    else if (dialog->target() == ConfigImportPreviewDialog::Target::Keep)
        endpoints = "its own endpoints";
    qCInfo(lcImport, "import preview accepted: %s, for %s", update ? "update" : "new profile",
           endpoints);
    auto done = [this, fileName, update](const QString &profileId, const QString &error) {
        if (!error.isEmpty()) {
            finishFile({fileName, ImportResults::Outcome::Failed, {}, {error}});
        } else {
            Q_EMIT profileSaved(profileId);
            finishFile({fileName,
                        update ? ImportResults::Outcome::Updated : ImportResults::Outcome::Imported,
                        m_manager->profile(profileId).name,
                        {}});
        }
        next();
    };
    if (update) // through the edit path: only what the file defines changes
        m_manager->applyProfileEdit(profile, ConfigUpdate::secretChanges(profile.method, secrets),
                                    this, done);
    else
        m_manager->addProfile(profile, secrets, this, done);
}

void ConfigImportFlow::finishFile(const ImportResults::Entry &entry)
{
    m_results.add(entry);
    Q_EMIT resultsChanged();
}
