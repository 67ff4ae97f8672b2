#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QPointer>

class ApiReply;
class BoxClient;
class QDialogButtonBox;
class MessageBanner;
class QLineEdit;
class QProgressBar;
class QPushButton;

// "New Folder" in a Box folder: POST /folders {name, parent: {id}}. Names Box would refuse
// are explained before sending; Box's own refusals (item_name_in_use...) show inline, and
// the dialog stays open so the name can be fixed. Cancel aborts a request in flight.
class NewFolderDialog : public QDialog
{
    Q_OBJECT
public:
    NewFolderDialog(BoxClient *client, const QString &parentId, const QString &parentName,
                    const QString &asUserId, QWidget *parent = nullptr);
    ~NewFolderDialog() override;

    QLineEdit *nameEdit() const { return m_name; }
    QPushButton *createButton() const { return m_create; }
    QString errorText() const; // the inline problem shown, empty when none
    MessageBanner *errorBanner() const { return m_error; }
    bool isBusy() const { return m_reply != nullptr; }
    QString parentId() const { return m_parentId; }

    // Why Box would refuse the name (empty when it looks fine).
    static QString nameProblem(const QString &name);

public Q_SLOTS:
    void submit();
    void reject() override;

Q_SIGNALS:
    // Box's answer for the new folder.
    void folderCreated(const QJsonObject &folder);

private:
    void setBusy(bool busy);
    void showError(const QString &text);

    QPointer<BoxClient> m_client;
    QString m_parentId;
    QString m_asUser;
    QPointer<ApiReply> m_reply;
    QLineEdit *m_name;
    MessageBanner *m_error;
    QProgressBar *m_progress;
    QDialogButtonBox *m_buttons;
    QPushButton *m_create;
};
