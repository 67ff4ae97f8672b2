#pragma once

#include <QDialog>

class ActAsUser;
class FolderBrowser;
class MessageBanner;
class ProfileSession;
class QLabel;
class QPushButton;

// Works as one app user: their folder tree (FolderBrowser) through the As-User header when
// the app may use it, else through a user access token, saying which; and "Copy User Access
// Token" to the clipboard the secret-aware way (cleared after 30 seconds). Non-modal.
class ActAsUserDialog : public QDialog
{
    Q_OBJECT
public:
    // Acts through the profile's session (its client, or a user token from its secrets).
    ActAsUserDialog(const ProfileSession *profileSession, const QString &userId,
                    const QString &userName, QWidget *parent = nullptr);

    ActAsUser *session() const { return m_session; }
    bool isReady() const { return m_ready; }

public Q_SLOTS:
    void copyUserToken();

Q_SIGNALS:
    void ready();
    void tokenCopied();

private:
    ActAsUser *m_session;
    bool m_ready = false;
    QLabel *m_method;
    MessageBanner *m_banner;
    FolderBrowser *m_browser;
    QPushButton *m_copyToken;
};
