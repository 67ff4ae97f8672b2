#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QPointer>

class ApiReply;
class BoxClient;
class MessageBanner;
class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QProgressBar;
class QPushButton;

// Shares a folder with a user: POST /collaborations {item: {type: folder, id}, accessible_by:
// {type: user, login | id}, role}. The user is given by login (an email address) or by
// numeric user ID; the roles are Box's. Box's refusals (the root folder, an existing
// collaborator, an unknown user...) show inline and the dialog stays open.
class CollaborateDialog : public QDialog
{
    Q_OBJECT
public:
    CollaborateDialog(BoxClient *client, const QString &folderId, const QString &folderName,
                      const QString &asUserId, QWidget *parent = nullptr);
    ~CollaborateDialog() override;

    // Box's roles in its order, API values ("editor", "previewer uploader"...).
    static QStringList roles();
    static QString roleDisplayName(const QString &role);

    QLineEdit *userEdit() const { return m_user; }
    QComboBox *roleBox() const { return m_role; }
    QPushButton *collaborateButton() const { return m_submit; }
    QString errorText() const; // the inline problem shown, empty when none
    MessageBanner *errorBanner() const { return m_error; }
    bool isBusy() const { return m_reply != nullptr; }
    void setRole(const QString &role);

public Q_SLOTS:
    void submit();
    void reject() override;

Q_SIGNALS:
    // Box's answer: the collaboration object.
    void collaborated(const QJsonObject &collaboration);

private:
    void setBusy(bool busy);
    void showError(const QString &text);

    QPointer<BoxClient> m_client;
    QString m_folderId;
    QString m_asUser;
    QPointer<ApiReply> m_reply;
    QLineEdit *m_user;
    QComboBox *m_role;
    MessageBanner *m_error;
    QProgressBar *m_progress;
    QDialogButtonBox *m_buttons;
    QPushButton *m_submit;
};
