#pragma once

#include "core/appprofile.h"
#include "core/secretstore.h"
#include "core/webhooks/webhooksignature.h"

#include <QWidget>

#include <functional>

class AppsModel;
class AppsViewModel;
class BoxCliImportFlow;
class ConfigImportFlow;
class MessageBanner;
class PostmanExportFlow;
class ProfileManager;
class ProfileSessionRegistry;
class QAction;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QToolBar;
class QUrl;

// The Apps pane: every Box app profile, with add, edit, duplicate, delete, import of the
// Developer Console's config.json (menu, toolbar or drag and drop) and export back to it.
class AppsPane : public QWidget
{
    Q_OBJECT
public:
    explicit AppsPane(ProfileManager *manager, QWidget *parent = nullptr);

    QAction *addAction() const { return m_add; }
    QAction *editAction() const { return m_edit; }
    QAction *duplicateAction() const { return m_duplicate; }
    QAction *deleteAction() const { return m_delete; }
    QAction *importAction() const { return m_import; }
    // "Import from Box CLI…": a preview of Box CLI's environments (BoxCliImportFlow).
    QAction *importBoxCliAction() const { return m_importBoxCli; }
    QAction *exportAction() const { return m_export; }
    // "Export as Postman Environment…" (PostmanExportFlow): any selected app.
    QAction *exportPostmanAction() const { return m_exportPostman; }
    // The window's sessions: the Postman export of an OAuth 2.0 app takes its access token.
    void setSessions(ProfileSessionRegistry *sessions);
    // An action on the selected app from elsewhere (Check App): on the toolbar and in the
    // list's context menu, after the pane's own.
    void addAppAction(QAction *action);
    // Gives the pane's keyboard shortcuts to it (true) or takes them away while another pane,
    // whose own actions use the same keys, is in front (false).
    void setShortcutsActive(bool active);
    MessageBanner *banner() const { return m_banner; }

    QString selectedProfileId() const;
    void selectProfile(const QString &profileId);

public Q_SLOTS:
    // Imports config.json files, one preview after the other (see ConfigImportFlow); the
    // banner lists what became of each file, with every problem of a file that was refused.
    void importFiles(const QStringList &filePaths);
    void importFile(const QString &filePath);
    // Sandbox mode (the sandbox serves at baseUrl): the import preview asks whether a file is
    // for Box or for the sandbox.
    void setSandboxBaseUrl(const QUrl &baseUrl);
    // Writes the selected profile as config.json to filePath (after the user confirmed).
    void exportSelectedTo(const QString &filePath);

Q_SIGNALS:
    void selectedProfileChanged(const QString &profileId);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void updateActions();
    void updateEmptyState();
    void openEditor(const QString &profileId);
    // Saves a Custom Skill profile from the editor, its keys with WebhookKeyStore (the
    // Webhooks tab's signature keys of the profile).
    void saveSkill(bool add, const AppProfile &profile, const ProfileSecrets &secrets,
                   const SecretChanges &changes, const WebhookKeys &keysBefore,
                   const WebhookKeys &keysAfter,
                   const std::function<void(const QString &id, const QString &error)> &done);
    void confirmAndDelete();
    void chooseAndImport();
    void confirmAndExport();
    void showImportResults();

    ProfileManager *m_manager;
    AppsModel *m_model;
    AppsViewModel *m_viewModel;
    QToolBar *m_toolBar;
    QLineEdit *m_filter;
    MessageBanner *m_banner;
    QStackedWidget *m_stack;
    QTableView *m_view;
    QWidget *m_emptyState;
    ConfigImportFlow *m_importFlow;
    BoxCliImportFlow *m_boxCliImport;
    QAction *m_add = nullptr;
    QAction *m_edit = nullptr;
    QAction *m_duplicate = nullptr;
    QAction *m_delete = nullptr;
    QAction *m_import = nullptr;
    QAction *m_importBoxCli = nullptr;
    QAction *m_export = nullptr;
    QAction *m_exportPostman = nullptr;
    PostmanExportFlow *m_postmanExport = nullptr;
    QList<QAction *> m_appActions; // addAppAction()
};
