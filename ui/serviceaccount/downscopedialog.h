#pragma once

#include "core/api/boxclient.h" // QPointer<BoxClient> needs the complete type
#include "ui/serviceaccount/busyrow.h"

#include <QDateTime>
#include <QDialog>
#include <QJsonArray>
#include <QPointer>

class MessageBanner;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTreeWidget;

// Exchanges the client's access token for a downscoped one (Box's token exchange): pick the
// scopes and, optionally, one folder or file. Shows what the new token is restricted to and
// when it expires; the token itself is only ever copied (SecretClipboard), never shown.
class DownscopeDialog : public QDialog
{
    Q_OBJECT
public:
    enum class ResourceType
    {
        Folder,
        File
    };
    Q_ENUM(ResourceType)

    explicit DownscopeDialog(BoxClient *client, QWidget *parent = nullptr);
    ~DownscopeDialog() override;

    // Box's ResourceScope names, in the order shown.
    static QStringList availableScopes();
    // A plain-language description of a scope.
    static QString scopeDescription(const QString &scope);

    void setScopes(const QStringList &scopes);
    QStringList scopes() const;
    void setResource(ResourceType type, const QString &id);
    void setClipboardClearDelay(int ms) { m_clipboardClearMs = ms; }

    bool isBusy() const { return m_busy; }
    bool hasToken() const { return !m_token.isEmpty(); }
    QJsonArray restrictedTo() const { return m_restrictedTo; }
    QDateTime expiresAt() const { return m_expiresAt; }
    QString resultText() const;

public Q_SLOTS:
    void exchange();
    void cancelExchange();
    void copyToken();

Q_SIGNALS:
    void exchangeFinished(bool ok);

private:
    void setBusy(bool busy, const QString &text = {});
    void validate();
    void showResult();

    QPointer<BoxClient> m_client;
    QString m_token; // the downscoped token; never shown
    QJsonArray m_restrictedTo;
    QDateTime m_expiresAt;
    bool m_busy = false;
    QPointer<QObject> m_exchangeContext; // the running exchange's; deleted on Cancel
    int m_clipboardClearMs = 30000;

    QListWidget *m_scopes;
    QComboBox *m_resourceType;
    QLineEdit *m_resourceId;
    QLabel *m_inputProblem;
    QPushButton *m_exchange;
    BusyRow m_busyRow; // shown while a request is in flight
    MessageBanner *m_banner;
    QWidget *m_result;
    QLabel *m_expiry;
    QTreeWidget *m_restrictions;
    QPushButton *m_copy;
    QDialogButtonBox *m_buttons;
};
