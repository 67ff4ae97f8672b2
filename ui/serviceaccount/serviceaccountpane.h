#pragma once

#include "core/api/requestlog.h"
#include "core/appprofile.h"
#include "core/profilesecrets.h"

#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class ApiReply;
class AuthStatePanel;
class BoxClient;
class FolderBrowser;
class MessageBanner;
class ProfileManager;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class SharePanel;
class QToolButton;
class StorageGauge;
class StorageEditor;
struct ApiResult;
struct BoxError;
struct Guidance;

// The Service Account pane: who the selected profile's app really is. Authenticates with the
// profile's method and shows GET /users/me (the Service Account for JWT/CCG, the signed-in
// user for OAuth 2.0 and Developer Tokens), with the Service ID and a storage gauge. App
// Token profiles get an explanation of Limited Access instead; OAuth 2.0 profiles without a
// refresh token get a "Sign in…" button. Failures show the client's guidance and Retry.
//
// Every client it creates logs into `log` (owned by the caller; may be null).
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
    };
    Q_ENUM(State)

    ServiceAccountPane(ProfileManager *manager, RequestLog *log, QWidget *parent = nullptr);
    ~ServiceAccountPane() override;

    // The profile to show; loads now if the pane is visible, else when it is shown.
    void setProfileId(const QString &profileId);
    QString profileId() const { return m_profileId; }
    State state() const { return m_state; }

    // The value shown for a /users/me field ("login", "space_used"...) or "service_id".
    QString fieldText(const QString &field) const;
    QJsonObject user() const { return m_user; }
    MessageBanner *banner() const { return m_banner; }
    QPushButton *retryButton() const { return m_retry; }
    QPushButton *signInButton() const { return m_signIn; }
    StorageGauge *storageGauge() const { return m_gauge; }
    // The loaded user's tabs ("serviceAccountTabs"): Overview (fields, storage, sharing) and
    // Folders; more tabs may be added.
    QTabWidget *tabs() const { return m_tabs; }
    StorageEditor *storageEditor() const { return m_storageEditor; }
    // The share panel: shown for Service Accounts (JWT/CCG) only.
    SharePanel *sharePanel() const { return m_sharePanel; }
    FolderBrowser *folderBrowser() const { return m_folders; }
    // The Token tab: method, subject, expiry countdown and the token tools.
    AuthStatePanel *authStatePanel() const { return m_authState; }
    QLabel *noticeLabel() const { return m_notice; }
    // JWT: retry a refused exp/jti with the server's time (default on).
    void setJwtServerTimeRetry(bool on) { m_jwtServerTimeRetry = on; }

    // The fields requested with fields=.
    static QStringList userFields();

public Q_SLOTS:
    void reload();
    void cancel();
    void signIn();

Q_SIGNALS:
    void stateChanged(ServiceAccountPane::State state);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void setState(State state);
    void startWithSecrets(const ProfileSecrets &secrets);
    void fetchUser();
    void showUser(const QJsonObject &user);
    void showFailure(const QString &title, const QStringList &details, const QByteArray &raw);
    void showError(const BoxError &error, const QByteArray &raw);
    void showNotice(State state, const QString &title, const QString &text);
    void dropClient();
    QWidget *createForm();
    void showStorage(const QJsonObject &answer); // space_used/space_amount from Box

    ProfileManager *m_manager;
    QPointer<RequestLog> m_log;
    QString m_profileId;
    AppProfile m_profile;
    ProfileSecrets m_secrets;
    bool m_dirty = true;
    bool m_jwtServerTimeRetry = true;
    quint64 m_generation = 0;
    State m_state = State::NoProfile;
    QPointer<BoxClient> m_client;
    QPointer<ApiReply> m_reply;
    QJsonObject m_user;

    QLabel *m_heading;
    QLabel *m_subheading;
    QStackedWidget *m_stack;
    // Loading page.
    QWidget *m_loadingPage;
    QLabel *m_loadingText;
    QPushButton *m_cancel;
    // Error page.
    QWidget *m_errorPage;
    MessageBanner *m_banner;
    QPushButton *m_retry;
    QToolButton *m_detailsToggle;
    QPlainTextEdit *m_rawDetails;
    // Notice page (no profile, Limited Access, sign-in).
    QWidget *m_noticePage;
    QLabel *m_notice;
    QPushButton *m_signIn;
    // User page.
    QWidget *m_userPage;
    QHash<QString, QLabel *> m_values;
    StorageGauge *m_gauge;
    QTabWidget *m_tabs = nullptr;
    StorageEditor *m_storageEditor = nullptr;
    SharePanel *m_sharePanel = nullptr;
    FolderBrowser *m_folders = nullptr;
    AuthStatePanel *m_authState = nullptr;
};
