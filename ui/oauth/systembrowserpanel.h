#pragma once

#include <QUrl>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

// What the sign-in dialog shows in place of the embedded page while the user signs in with
// the system browser: that the sign-in goes on in the browser, the sign-in address to copy
// (the only way on when no browser could be started), and a way back to the embedded form.
class SystemBrowserPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SystemBrowserPanel(QWidget *parent = nullptr);

    // url: the sign-in address given to the browser; opened: whether a browser was started.
    void showWaiting(const QUrl &url, bool opened);
    QUrl url() const { return m_url; }
    bool browserOpened() const { return m_opened; }
    QString message() const;

Q_SIGNALS:
    void backRequested();

private:
    void copyUrl();

    QUrl m_url;
    bool m_opened = false;
    QLabel *m_title = nullptr;
    QLabel *m_message = nullptr;
    QLineEdit *m_urlField = nullptr;
    QPushButton *m_copyButton = nullptr;
    QPushButton *m_backButton = nullptr;
};
