#pragma once

#include "core/webhooks/webhooksapi.h"

#include <QDialog>
#include <QPointer>

class ApiReply;
class BoxClient;
class FolderTreeModel;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeView;
class QTreeWidget;
class WebhookReceiver;

// Create or edit a webhook: the folder or file it watches (picked from the account's tree),
// Box's triggers (a grouped multi-select list) and the address Box delivers to, with a
// shortcut to the local receiver. Box's refusals show under the field they concern.
class WebhookDialog : public QDialog
{
    Q_OBJECT
public:
    // `existing` empty: create. The client is not owned; `asUserId` is sent as As-User.
    WebhookDialog(BoxClient *client, const QString &asUserId, WebhookReceiver *receiver,
                  const Webhook &existing = {}, QWidget *parent = nullptr);
    ~WebhookDialog() override;

    bool isCreating() const { return m_existing.id.isEmpty(); }
    FolderTreeModel *treeModel() const { return m_model; }
    QTreeView *tree() const { return m_tree; }
    // The target, triggers and address as the form has them.
    WebhookSpec spec() const;
    void setTarget(const QString &id, const QString &type, const QString &name);
    void setTriggers(const QStringList &triggers);
    QStringList triggers() const;
    void setAddress(const QString &address);
    bool isBusy() const { return m_reply != nullptr; }

public Q_SLOTS:
    void save();

Q_SIGNALS:
    void saved(const Webhook &webhook);

private:
    void showFieldErrors(const QList<WebhooksApi::FieldError> &errors);
    void clearErrors();
    void onTreeSelection();

    QPointer<BoxClient> m_client;
    QString m_asUser;
    QPointer<WebhookReceiver> m_receiver;
    Webhook m_existing;
    QString m_targetId, m_targetType;
    FolderTreeModel *m_model;
    QTreeView *m_tree;
    QLabel *m_target;
    QLabel *m_targetError;
    QTreeWidget *m_triggers;
    QLabel *m_triggersError;
    QLineEdit *m_address;
    QPushButton *m_useReceiver;
    QLabel *m_addressError;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    QPointer<ApiReply> m_reply;
};
