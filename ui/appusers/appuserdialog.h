#pragma once

#include <QDialog>
#include <QHash>
#include <QJsonObject>
#include <QPointer>

class ApiReply;
class BoxClient;
class ExternalIdCheck;
class MessageBanner;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QWidget;
struct BoxError;

// Create or edit one app user. Every field is checked before anything is sent (name 1–50
// characters, lengths Box allows, a known time zone); Box's own field errors
// (context_info.errors[].name) are shown under the field they concern, anything else in a
// banner. Edit reads the user first (GET /users/{id}) and sends only the fields that changed
// (PUT /users/{id}). Create goes through AppUserCreator (never twice for one external ID).
// While the external ID is typed (or when it loses focus), the dialog looks up who else has it
// and warns under the field, naming them; saving is never blocked by that.
// Opened with open(); emits userSaved() and accepts when Box confirmed.
class AppUserDialog : public QDialog
{
    Q_OBJECT
public:
    // Box's names of the fields the dialog edits, in form order.
    static QStringList fieldNames();
    static constexpr int MaxNameLength = 50;

    // Create mode.
    explicit AppUserDialog(BoxClient *client, QWidget *parent = nullptr);
    // Edit mode: loads the user when shown.
    AppUserDialog(BoxClient *client, const QString &userId, QWidget *parent = nullptr);

    bool isEditing() const { return !m_userId.isEmpty(); }
    QString userId() const { return m_userId; }
    bool isBusy() const { return m_busy; }
    bool isLoaded() const { return m_loaded; }

    // The editor widget for a field (QLineEdit, QComboBox, QDoubleSpinBox) and its error line.
    QWidget *editor(const QString &field) const;
    QLabel *errorLabel(const QString &field) const;
    QString errorText(const QString &field) const;
    // The warning under the external ID when another user already has it (empty: none).
    QString externalIdWarning() const;

    // Problems found before sending, by field (empty: valid).
    QHash<QString, QString> validate() const;
    // The body that would be sent: all filled fields (create) or the changed ones (edit).
    QJsonObject requestBody() const;

public Q_SLOTS:
    void submit();

Q_SIGNALS:
    void userSaved(const QJsonObject &user);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void buildForm();
    void buildExternalIdCheck();
    void growToFit();
    void load();
    void fill(const QJsonObject &user);
    QJsonObject currentValues() const;
    void setBusy(bool busy, const QString &text = {});
    void showErrors(const QHash<QString, QString> &errors);
    void showBoxError(const BoxError &error);
    void clearErrors();
    qint64 spaceBytes() const;

    QPointer<BoxClient> m_client;
    QString m_userId;
    QJsonObject m_original; // edit: the values as loaded
    bool m_loaded = false;
    bool m_loadStarted = false;
    bool m_busy = false;
    QPointer<ApiReply> m_reply;

    MessageBanner *m_banner;
    QLabel *m_status;
    QLineEdit *m_name;
    QLineEdit *m_externalId;
    QDoubleSpinBox *m_space;
    QCheckBox *m_unlimited;
    QComboBox *m_statusCombo;
    QComboBox *m_language;
    QComboBox *m_timezone;
    QLineEdit *m_jobTitle;
    QLineEdit *m_phone;
    QLineEdit *m_address;
    QLabel *m_externalIdWarning = nullptr;
    ExternalIdCheck *m_externalIdCheck = nullptr;
    QHash<QString, QWidget *> m_editors;
    QHash<QString, QLabel *> m_errors;
    QDialogButtonBox *m_buttons;
};
