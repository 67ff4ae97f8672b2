#pragma once

#include "core/appprofile.h"
#include "core/profilesecrets.h"

#include <QPointer>
#include <QWidget>

class ActAsUserDialog;
class AppUserDialog;
class AppUserExport;
class AppUsersModel;
class BoxClient;
class BulkImportDialog;
class DeleteAppUsersDialog;
class MessageBanner;
class ProfileManager;
class QAction;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QTimer;
class RequestLog;
class UserDetailPanel;
struct BoxError;

// The App Users pane: the selected profile's app users in a lazily loaded table (marker
// paging as the view scrolls), a debounced server-side search, an exact external-ID lookup,
// and the actions New (Ctrl+N), Edit (Enter), Delete (Del), Refresh (F5), Export, Import CSV
// and Act as User. Follows the Apps pane's selection like the Service Account pane; every
// client it creates logs into `log`.
class AppUsersPane : public QWidget
{
    Q_OBJECT
public:
    static constexpr int SearchDelayMs = 300;

    AppUsersPane(ProfileManager *manager, RequestLog *log, QWidget *parent = nullptr);
    ~AppUsersPane() override;

    void setProfileId(const QString &profileId);
    QString profileId() const { return m_profileId; }

    AppUsersModel *model() const { return m_model; }
    QTableView *tableView() const { return m_view; }
    QLineEdit *searchField() const { return m_search; }
    QLineEdit *externalIdField() const { return m_externalId; }
    QLabel *statusLabel() const { return m_statusLine; }
    MessageBanner *banner() const { return m_banner; }
    QLabel *noticeLabel() const { return m_notice; }
    BoxClient *client() const;
    UserDetailPanel *detailPanel() const { return m_details; }
    // True while a profile's client is set up and the table can load.
    bool isReady() const;

    QAction *newAction() const { return m_newAction; }
    QAction *editAction() const { return m_editAction; }
    QAction *deleteAction() const { return m_deleteAction; }
    QAction *refreshAction() const { return m_refreshAction; }
    QAction *exportSelectedAction() const { return m_exportSelectedAction; }
    QAction *exportAllAction() const { return m_exportAllAction; }
    // Opens the bulk import dialog (Ctrl+Shift+I); the list is read again after an import.
    QAction *importAction() const { return m_importAction; }
    QAction *actAsUserAction() const { return m_actAsAction; }

    // Selected table rows (view rows, ascending).
    QList<int> selectedRows() const;
    // The dialogs the actions open (non-modal to the event loop: open()/show()).
    AppUserDialog *createUser();
    AppUserDialog *editUser();
    DeleteAppUsersDialog *deleteSelected();
    ActAsUserDialog *actAsUser();
    BulkImportDialog *importCsv();
    // Exports without a file dialog (the actions ask for a path first).
    bool exportSelection(const QString &path, QString *error);
    AppUserExport *exportAll(const QString &path);

public Q_SLOTS:
    void reload();
    void applySearchNow();

protected:
    void showEvent(QShowEvent *event) override;
    // Keys of the pane's actions typed in the table or the search fields go to the pane, even
    // where another pane's menu action uses the same shortcut (Apps > Add is Ctrl+N too).
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createActions();
    void startWithSecrets(const ProfileSecrets &secrets);
    void showNotice(const QString &html);
    void showTable();
    void dropClient();
    void updateStatusLine();
    void updateActions();
    void onLoadFailed(const BoxError &error);
    void askExportPath(bool all);

    ProfileManager *m_manager;
    QPointer<RequestLog> m_log;
    QString m_profileId;
    AppProfile m_profile;
    ProfileSecrets m_secrets;
    bool m_dirty = true;
    quint64 m_generation = 0;
    QPointer<BoxClient> m_client;
    AppUsersModel *m_model;
    QPointer<AppUserExport> m_export;
    QPointer<QWidget> m_openDialog;

    QLabel *m_heading;
    QLabel *m_subheading;
    QStackedWidget *m_stack;
    QWidget *m_noticePage;
    QLabel *m_notice;
    QWidget *m_tablePage;
    MessageBanner *m_banner;
    QLineEdit *m_search;
    QLineEdit *m_externalId;
    QTimer *m_searchTimer;
    QTableView *m_view;
    UserDetailPanel *m_details;
    QLabel *m_statusLine;

    QAction *m_newAction;
    QAction *m_editAction;
    QAction *m_deleteAction;
    QAction *m_refreshAction;
    QAction *m_exportSelectedAction;
    QAction *m_exportAllAction;
    QAction *m_importAction;
    QAction *m_actAsAction;
};
