#pragma once

#include "core/appprofile.h"
#include "core/session/profilesession.h" // QPointer<ProfileSession> needs the complete type

#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class ApiReply;
class AppTokenPanel;
class AuthStatePanel;
class BoxClient;
class EmailAliasPanel;
class FolderBrowser;
class MessageBanner;
class ProfileManager;
class ProfileSelection;
class ProfileSessionRegistry;
class QAction;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class SharePanel;
class SkillPane;
class QToolButton;
class SandboxStartButton;
class StorageGauge;
class StorageEditor;
struct ApiResult;
struct BoxError;
struct Guidance;

// The Service Account pane: who the selected profile's app really is. Authenticates with the
// profile's method and shows GET /users/me (the Service Account for JWT/CCG, the signed-in
// user for OAuth 2.0 and Developer Tokens: the pane's title(), as the sidebar names it), with
// the Service ID and a storage gauge. App Token profiles get the Limited Access explanation
// and a check and copy of the app token instead; OAuth 2.0 profiles without a refresh token
// get a "Sign in…" button. Custom Skill profiles (no token of their own) get their Skill page
// (SkillPane: the Skills event lab). Failures show the client's guidance and Retry (and Start Box
// Sandbox when the profile's sandbox is not running). With no app selected it says how to
// pick or add one; its header has the window's app picker.
//
// It works through the profile's shared ProfileSession (from `sessions`), so it never holds
// a client, secrets or refresh token of its own.
class ServiceAccountPane : public QWidget
{
    Q_OBJECT
public:
    enum class State
    {
        NoProfile,     // nothing selected in the Apps pane
        Loading,       // reading secrets, authenticating or waiting for /users/me
        Loaded,        // the user's fields are shown
        Failed,        // the error banner is shown
        LimitedAccess, // App Token: explanation only
        NeedsSignIn,   // OAuth 2.0 without a refresh token
        Skill,         // Custom Skill: its Skill page (SkillPane) instead of a user
    };
    Q_ENUM(State)

    explicit ServiceAccountPane(ProfileSessionRegistry *sessions, QWidget *parent = nullptr);
    ~ServiceAccountPane() override;

    // The profile to show; loads now if the pane is visible, else when it is shown.
    void setProfileId(const QString &profileId);
    // Shows the window's selection (and follows it), with an app picker over it in the header.
    void followSelection(ProfileSelection *selection);
    // The window's Tools > Start Box Sandbox: while a profile of the sandbox cannot work because
    // the sandbox is not running, the failure offers it ("startSandboxButton"). Null: never.
    void setSandboxStartAction(QAction *action);
    // The window's Check App: offered with every failure and token error.
    void setCheckAppAction(QAction *action);
    // What the pane shows for the selected app: "Service Account" or "Signed-in User".
    QString title() const;
    QString profileId() const { return m_profileId; }
    State state() const { return m_state; }

    // The value shown for a /users/me field ("login", "space_used"...) or "service_id".
    QString fieldText(const QString &field) const;
    QJsonObject user() const { return m_user; }
    // JWT: retry a refused exp/jti with the server's time (default on; for every session).
    void setJwtServerTimeRetry(bool on);

    // The fields requested with fields=.
    static QStringList userFields();

public Q_SLOTS:
    // Starts the profile's session again: re-reads the secrets, builds a new client.
    void reload();
    // The Retry button: reload() for a session that failed, else asks Box again.
    void retry();
    void cancel();
    void signIn();

Q_SIGNALS:
    void stateChanged(ServiceAccountPane::State state);
    void titleChanged(const QString &title);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void setState(State state);
    void updateTitle();
    // Takes the profile's session (once per profile) and shows what it has.
    void bindSession();
    void releaseSession();
    void showSessionState();
    void fetchUser();
    void showUser(const QJsonObject &user);
    void showFailure(const QString &title, const QStringList &details, const QByteArray &raw);
    void showError(const BoxError &error, const QByteArray &raw);
    void showNotice(State state, const QString &title, const QString &text);
    // Forgets everything that points at the session's client (and aborts this pane's request).
    void clearViews();
    QWidget *createForm();
    void showStorage(const QJsonObject &answer); // space_used/space_amount from Box

    ProfileSessionRegistry *m_sessions;
    ProfileManager *m_manager;
    QString m_profileId;
    QPointer<ProfileSession> m_session;
    AppProfile m_profile;
    bool m_dirty = true;
    bool m_cancelled = false; // Cancel: the session's news waits until Retry or its next reset
    State m_state = State::NoProfile;
    QPointer<ApiReply> m_reply;
    QJsonObject m_user;

    QLabel *m_heading;
    QLabel *m_subheading;
    QLabel *m_signedInAs =
        nullptr; // OAuth 2.0 and Developer Tokens: who signed in ("signedInUser")
    // The user's own revoke signed the app out: the sign-in notice says so (not "yet").
    bool m_signedOut = false;
    QStackedWidget *m_stack;
    // Loading page.
    QWidget *m_loadingPage;
    QLabel *m_loadingText;
    QPushButton *m_cancel;
    // Error page.
    QWidget *m_errorPage;
    MessageBanner *m_banner;
    QPushButton *m_retry;
    SandboxStartButton *m_startSandbox; // the sandbox of the profile is not running
    QToolButton *m_detailsToggle;
    QPlainTextEdit *m_rawDetails;
    // No app selected: how to pick or add one.
    QWidget *m_noAppPage;
    // Notice page (Limited Access, sign-in).
    QWidget *m_noticePage;
    QLabel *m_notice;
    QPushButton *m_signIn;
    AppTokenPanel *m_appToken = nullptr; // Limited Access: check and copy the app token
    // Custom Skill: the Skill page, and the profile it shows (set again after a session reset).
    QWidget *m_skillPage = nullptr; // scrolls m_skillPane
    SkillPane *m_skillPane = nullptr;
    AppProfile m_skillProfile;
    // User page.
    QWidget *m_userPage;
    QHash<QString, QLabel *> m_values;
    QPushButton *m_authorizeApp = nullptr; // beside the Service ID: the Admin Console
    StorageGauge *m_gauge;
    // The loaded user's tabs ("serviceAccountTabs"): Overview (fields, storage, sharing),
    // Folders and Token (method, subject, expiry countdown and the token tools).
    QTabWidget *m_tabs = nullptr;
    StorageEditor *m_storageEditor = nullptr;
    SharePanel *m_sharePanel = nullptr;      // shown for Service Accounts (JWT/CCG) only
    EmailAliasPanel *m_aliasPanel = nullptr; // the Service Account's email aliases (same)
    FolderBrowser *m_folders = nullptr;
    AuthStatePanel *m_authState = nullptr;
};
