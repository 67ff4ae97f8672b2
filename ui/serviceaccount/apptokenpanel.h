#pragma once

#include "core/appprofile.h"

#include <QPointer>
#include <QWidget>

class MessageBanner;
class ProfileSessionRegistry;
class QLabel;
class QPushButton;

// The Token view of a Limited Access (App Token) app: checks with Box that the app token
// works and copies it through SecretClipboard. The token is read from the keychain for each
// action and dropped after it; nothing here keeps it.
//
// The check is the one request an App Token may make that changes nothing: POST /folders
// without a name. Box checks the token first (401 for a token it does not accept) and then
// refuses the incomplete request (400), so a 400 proves the token works and no folder is made.
// (Every other endpoint an App Token may call reads or writes a file whose ID it would need.)
// Should Box ever answer it with a 2xx, the check says that a folder was made, and which.
class AppTokenPanel : public QWidget
{
    Q_OBJECT
public:
    explicit AppTokenPanel(ProfileSessionRegistry *sessions, QWidget *parent = nullptr);
    ~AppTokenPanel() override;

    // The App Token profile to work with; drops whatever is running for the previous one.
    void setProfile(const AppProfile &profile);
    void clear();
    // How long a copied token stays on the clipboard (SecretClipboard).
    void setClipboardClearDelay(int ms) { m_clipboardClearMs = ms; }

public Q_SLOTS:
    void check();
    void copyToken();

Q_SIGNALS:
    // A check ended: `works` when Box accepted the token.
    void checked(bool works);

private:
    // Reads the profile's secrets; `use` gets the app token (never called for an empty one).
    template <typename Use> void withToken(const QString &busyText, Use use);
    void finish();
    void showResult(bool ok, const QString &title, const QStringList &details);

    ProfileSessionRegistry *m_sessions;
    AppProfile m_profile;
    QPointer<QObject> m_action; // the running action's context (its client, its callbacks)
    int m_clipboardClearMs = 30000;

    QLabel *m_intro;
    QPushButton *m_check;
    QPushButton *m_copy;
    QLabel *m_busy;
    MessageBanner *m_banner;
};
