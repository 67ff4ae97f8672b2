#pragma once

#include "core/appprofile.h"
#include "core/session/profilesession.h" // QPointer<ProfileSession> needs the complete type
#include "ui/appusers/appusersactions.h"

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
class ProfileSelection;
class ProfileSessionRegistry;
class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QTimer;
class SandboxStartButton;
class UserDetailPanel;
struct BoxError;

// The App Users pane: the selected profile's app users in a lazily loaded table (marker
// paging as the view scrolls), a debounced server-side search, an exact external-ID lookup,
// and the actions New (Ctrl+N), Edit (Enter), Delete (Del), Refresh (F5), Export, Import CSV
// and Act as User. Follows the window's app selection (the Apps list, the app picker in its
// header) like the Service Account pane, through the profile's shared ProfileSession (from
// `sessions`).
class AppUsersPane : public QWidget
{
    Q_OBJECT
public:
    static constexpr int SearchDelayMs = 300;

    explicit AppUsersPane(ProfileSessionRegistry *sessions, QWidget *parent = nullptr);
    ~AppUsersPane() override;

    void setProfileId(const QString &profileId);
    QString profileId() const { return m_profileId; }
    // Shows the window's selection (and follows it), with an app picker over it in the header.
    void followSelection(ProfileSelection *selection);

    // The window's Tools > Start Box Sandbox: while a profile of the sandbox cannot work because
    // the sandbox is not running, the notice offers it ("startSandboxButton"). Null: never.
    void setSandboxStartAction(QAction *action);
    // The window's Check App: the banner offers it ("bannerActionButton") when the users could
    // not be listed because Box refused the app's token (401/403). Null: never.
    void setCheckAppAction(QAction *action);

    AppUsersModel *model() const { return m_model; }
    BoxClient *client() const;
    // True while a profile's client is set up and the table can load.
    bool isReady() const;

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
    // Makes the actions (AppUsersActions) and connects them to what they do.
    void createActions();
    // Takes the profile's session (once per profile) and shows what it has.
    void bindSession();
    void releaseSession();
    void showSessionState();
    void showNotice(const QString &html);
    void showTable();
    // Forgets everything that points at the session's client.
    void clearViews();
    void updateStatusLine();
    // The filter's part of the status line ("12 app users shown"); empty for All.
    QString typeFilterText() const;
    // The Type column at its width while the table has room for it beside the other shown
    // columns; else hidden by itself (HeaderColumnsMenu::setAutoHidden: still the user's
    // choice, so a saved layout keeps it shown).
    void fitTypeColumn();
    void updateActions();
    void onLoadFailed(const BoxError &error);
    void askExportPath(bool all);

    ProfileSessionRegistry *m_sessions;
    ProfileManager *m_manager;
    QString m_profileId;
    QPointer<ProfileSession> m_session;
    AppProfile m_profile;
    bool m_dirty = true;
    AppUsersModel *m_model;
    QPointer<AppUserExport> m_export;
    QPointer<QWidget> m_openDialog;

    QLabel *m_heading;
    QLabel *m_subheading;
    QStackedWidget *m_stack;
    QWidget *m_noticePage;
    QLabel *m_notice;
    SandboxStartButton *m_startSandbox; // the sandbox of the profile is not running
    QWidget *m_tablePage;
    MessageBanner *m_banner;
    QLineEdit *m_search;
    QLineEdit *m_externalId;
    QComboBox *m_typeFilter;
    int m_typeWidth = 0; // the Type column's width when it has room
    QTimer *m_searchTimer;
    QTableView *m_view;
    UserDetailPanel *m_details;
    QLabel *m_statusLine;

    AppUsersActions m_actions;
};
