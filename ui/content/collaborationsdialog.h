#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QPointer>

class ApiReply;
class BoxClient;
class MessageBanner;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

// The collaborations of one folder (GET /folders/{id}/collaborations): who, role and status,
// with Change Role (PUT /collaborations/{id} {role}), Remove… (DELETE /collaborations/{id})
// and Make Owner… (PUT {role: "owner"}: the folder goes to the collaborator, the current owner
// stays as a co-owner), each asked for first where it cannot be undone. Box's refusals show
// under the role row they concern; the list is read again after every change.
class CollaborationsDialog : public QDialog
{
    Q_OBJECT
public:
    CollaborationsDialog(BoxClient *client, const QString &folderId, const QString &folderName,
                         const QString &asUserId, QWidget *parent = nullptr);
    ~CollaborationsDialog() override;

    QString folderId() const { return m_folderId; }
    bool isBusy() const { return m_reply != nullptr; }
    QString errorText() const; // the problem shown under the role row, empty when none
    // The collaborations as Box listed them last.
    const QList<QJsonObject> &collaborations() const { return m_entries; }
    // Selects the row of this collaboration; false when it is not listed.
    bool selectCollaboration(const QString &collaborationId);

public Q_SLOTS:
    void reload();
    void changeRole();
    void confirmRemove();
    void confirmMakeOwner();

Q_SIGNALS:
    // A collaboration was changed or removed, or the folder changed owner; also when the
    // dialog closes with such a change sent but unanswered (Box may have applied it).
    void changed();

private:
    QJsonObject selected() const;
    void updateButtons();
    void setBusy(bool busy);
    void showError(const QString &text);
    void send(ApiReply *reply, const QString &doneText);
    void fill();
    static QString who(const QJsonObject &collaboration);       // name <login>, or the email
    static QString shortName(const QJsonObject &collaboration); // the name alone

    QPointer<BoxClient> m_client;
    QString m_folderId;
    QString m_folderName;
    QString m_asUser;
    QPointer<ApiReply> m_reply;
    QList<QJsonObject> m_entries;
    QString m_lastChange; // what the last change did, shown with the list read after it

    QTableWidget *m_table;
    QComboBox *m_role;
    QPushButton *m_apply;
    QPushButton *m_remove;
    QPushButton *m_makeOwner;
    MessageBanner *m_error;
    QLabel *m_status;
    QProgressBar *m_progress;
};
