#pragma once

#include <QUrl>
#include <QWidget>

class QLabel;
class QLineEdit;

// A read-only address bar for the login dialog: the current host, a lock for HTTPS, and a
// plain "not secure" marker otherwise, so the user can check they are really on Box.
class AddressBar : public QWidget
{
    Q_OBJECT
public:
    enum class Security
    {
        None,
        Secure,
        LocalSandbox,
        NotSecure
    };
    Q_ENUM(Security)

    explicit AddressBar(QWidget *parent = nullptr);

    void setUrl(const QUrl &url);
    QUrl url() const { return m_url; }
    Security security() const { return m_security; }
    QString hostText() const;
    QString securityText() const;

    static Security securityOf(const QUrl &url);
    static QIcon securityIcon(Security security);

private:
    QUrl m_url;
    Security m_security = Security::None;
    QLabel *m_icon = nullptr;
    QLineEdit *m_host = nullptr;
    QLabel *m_marker = nullptr;
};
