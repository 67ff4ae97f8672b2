#pragma once

#include "core/api/boxclient.h" // QPointer<BoxClient> needs the complete type
#include "core/authmethod.h"
#include "ui/serviceaccount/busyrow.h"

#include <QDateTime>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class Authenticator;

class MessageBanner;
class QAction;
class QLabel;
class QMessageBox;
class QPushButton;
struct BoxError;

// The "Token" tab of the Service Account pane: how the profile authenticates (method,
// subject — never a secret), the current access token's expiry with a live countdown, when a
// Developer Token was generated, and the token tools: Refresh (Ctrl+R), Revoke (after a
// confirmation), Downscope…
// (Ctrl+Shift+D) and Copy access token (Ctrl+Shift+C, through SecretClipboard). Each action
// shows progress, can be cancelled, and reports failures inline with the client's guidance.
class AuthStatePanel : public QWidget
{
    Q_OBJECT
public:
    enum class TokenState
    {
        NoClient, // nothing to show
        NoToken,  // the authenticator has not fetched a token yet
        Valid,
        Expired,
        Revoked, // revoked through this panel; the next request needs a new token
    };
    Q_ENUM(TokenState)

    explicit AuthStatePanel(QWidget *parent = nullptr);
    ~AuthStatePanel() override;

    // The client whose authenticator is shown (not owned). `clientSecret` is sent with Revoke
    // (Box wants the app's client ID and secret); it is never shown. For Developer Tokens,
    // `developerTokenObtainedAt` is when the token was generated (invalid: unknown).
    void setClient(BoxClient *client, const QString &clientSecret = {},
                   const QDateTime &developerTokenObtainedAt = {});
    void clear();
    BoxClient *client() const { return m_client; }

    // How long copied tokens stay on the clipboard (default 30 s).
    void setClipboardClearDelay(int ms) { m_clipboardClearMs = ms; }
    // Offered with each token error (the window's Check App).
    void setCheckAppAction(QAction *action);
    int clipboardClearDelay() const { return m_clipboardClearMs; }

    TokenState tokenState() const;
    bool isBusy() const { return m_busy; }
    QString methodText() const;
    QString subjectText() const;
    QString expiryText() const;
    QString obtainedText() const;
    QString statusText() const;

    // "expires in 59 min 12 s", "expires in 1 h 2 min 3 s", "expired".
    static QString countdownText(qint64 secondsLeft);

public Q_SLOTS:
    void refresh();
    // Asks first ("revokeConfirmation", window-modal, Cancel the default), then revokes.
    void revoke();
    void downscope();
    void copyToken();
    void cancel();

Q_SIGNALS:
    // The access token (and for OAuth 2.0 its refresh token) was revoked at Box.
    void tokenRevoked(AuthMethod method);
    void busyChanged(bool busy);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    Authenticator *authenticator() const;
    QDateTime expiresAt() const;
    void updateView();
    // The timer's tick: redraws the whole view when the token state changed since it was last
    // shown (expiry), else only the countdown. Never re-enters itself.
    void updateCountdown();
    void showCountdown(TokenState state);
    // Returns the action's context: its answers are bound to it, and it is deleted (the answer
    // dropped) on Cancel, on the next action and when the client changes.
    QObject *startAction(const QString &text);
    void finishAction();
    // subject: what a later success resolves (MessageBanner::report): "token" for a failure
    // to get a token, which the next token ends.
    void showError(const QString &action, const BoxError &error, const QString &subject = {});
    void showInfo(const QString &text);
    // Revoke, once the user confirmed it (revoke() asks first).
    void revokeNow();

    QPointer<BoxClient> m_client;
    QString m_clientSecret;
    QDateTime m_developerTokenObtainedAt;
    QString m_revokedToken; // the revoked token's value, compared only; never shown
    QDateTime m_revokedAt;
    bool m_busy = false;
    bool m_revoking = false; // a revoke is in flight: it cannot be called back, so no Cancel
    TokenState m_shownState = TokenState::NoClient; // the state updateView() last showed
    QPointer<QObject> m_action;
    QPointer<QMessageBox> m_confirmRevoke; // "revokeConfirmation" while it asks
    int m_clipboardClearMs = 30000;
    QTimer m_countdown;
    QMetaObject::Connection m_tokenConnection;

    QLabel *m_method;
    QLabel *m_subject;
    QLabel *m_status;
    QLabel *m_expiry;
    QLabel *m_obtainedLabel;
    QLabel *m_obtained;
    QPushButton *m_refresh;
    QPushButton *m_revoke;
    QPushButton *m_downscope;
    QPushButton *m_copy;
    BusyRow m_busyRow; // shown while a request is in flight
    MessageBanner *m_banner;
};
