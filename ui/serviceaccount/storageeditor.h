#pragma once

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class ApiReply;
class BoxClient;
class MessageBanner;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;

// Edits a user's storage allowance: a value with a unit (MB, GB, TB; 1024-based like Box's
// web app) or "Unlimited", then Apply sends PUT /users/{id} {"space_amount": bytes or -1}.
// The result shown is what Box answered (Box answers 999999999999999 for unlimited), never
// what was sent. Box's refusals show inline.
class StorageEditor : public QWidget
{
    Q_OBJECT
public:
    enum Unit
    {
        MB,
        GB,
        TB
    };
    Q_ENUM(Unit)

    explicit StorageEditor(QWidget *parent = nullptr);
    ~StorageEditor() override;

    // The client (not owned), the user to edit and the amount Box reported. Null: disabled.
    void setUser(BoxClient *client, const QString &userId, qint64 spaceAmount);
    void clear();
    // Puts an amount in the fields (largest unit that keeps a short number).
    void setAmount(qint64 spaceAmount);
    // The amount the fields describe: bytes, or -1 for unlimited. While the fields still show
    // what setAmount() put there, that exact amount (two decimals cannot say every amount:
    // 5,000,000,000 bytes shows as 4.66 GB, which is not the same number of bytes).
    qint64 requestedAmount() const;
    qint64 confirmedAmount() const { return m_confirmed; }

    QString errorText() const;
    bool isBusy() const { return m_reply != nullptr; }

    static qint64 unitBytes(Unit unit);

public Q_SLOTS:
    void apply();
    void cancel();

Q_SIGNALS:
    // Box's answer to the PUT (the updated user).
    void userUpdated(const QJsonObject &user);

private:
    void setBusy(bool busy);
    void updateControls();

    QPointer<BoxClient> m_client;
    QString m_userId;
    qint64 m_confirmed = 0;
    // What setAmount() last put in the fields: the amount, the value as the box holds it
    // (rounded to its decimals) and the unit. m_shownAmount < 0: nothing to remember.
    qint64 m_shownAmount = -1;
    double m_shownValue = 0;
    int m_shownUnit = -1;
    bool m_cancelled = false; // the reply finishing now was cancelled by the user
    QPointer<ApiReply> m_reply;
    QDoubleSpinBox *m_value;
    QComboBox *m_unit;
    QCheckBox *m_unlimited;
    QPushButton *m_apply;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_status;
    MessageBanner *m_error;
};
