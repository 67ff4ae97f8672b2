#pragma once

#include <QPointer>
#include <QWidget>

class ApiReply;
class BoxClient;
class MessageBanner;
class QComboBox;
class QMessageBox;
class QPushButton;
class QTableView;
class WebhookDialog;
class WebhookReceiver;
class WebhooksModel;

// The app's webhooks as the Service Account (or the signed-in user) or, through As-User, as a
// chosen app user (Box lists only webhooks on items the caller owns): Refresh, Create…,
// Edit…, Delete (after a confirmation).
class WebhookListPanel : public QWidget
{
    Q_OBJECT
public:
    explicit WebhookListPanel(WebhookReceiver *receiver, QWidget *parent = nullptr);
    ~WebhookListPanel() override;

    // The client (not owned; null: nothing) and the signed-in user's ID.
    void setClient(BoxClient *client, const QString &userId);
    WebhooksModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    // The As-User ID the list and the dialogs use (empty: none).
    QString asUserId() const;
    // Chooses whom to list as (an app user's ID; empty for the account itself).
    void setAsUserId(const QString &userId);

public Q_SLOTS:
    void refresh();
    WebhookDialog *create();
    WebhookDialog *edit();
    void confirmDelete();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void loadUsers();
    void updateActions();
    int currentRow() const;

    QPointer<BoxClient> m_client;
    QString m_userId;
    QPointer<WebhookReceiver> m_receiver;
    WebhooksModel *m_model;
    bool m_stale = true;
    QComboBox *m_asUser;
    QPushButton *m_refresh;
    QPushButton *m_create;
    QPushButton *m_edit;
    QPushButton *m_delete;
    MessageBanner *m_banner;
    QTableView *m_table;
    QPointer<ApiReply> m_usersReply;
    QPointer<ApiReply> m_deleteReply;
    QPointer<QMessageBox> m_confirmBox; // the open delete confirmation, closed on a new client
};
