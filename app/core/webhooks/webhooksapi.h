#pragma once

#include "core/api/boxerror.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

class ApiReply;
class BoxClient;

// A webhook as Box answers GET /webhooks/{id} (the list has id and target only).
struct Webhook
{
    QString id;
    QString targetId;
    QString targetType; // "file" or "folder"
    QString address;
    QStringList triggers;
    QString createdAt;
    QString createdBy;     // the user's name (or ID)
    bool detailed = false; // address and triggers known

    static Webhook fromJson(const QJsonObject &json);
};

// What to create, or what to change (empty members are left out of a PUT).
struct WebhookSpec
{
    QString targetId;
    QString targetType;
    QString address;
    QStringList triggers;

    QJsonObject toJson() const;
};

// Box's webhooks v2 endpoints over a BoxClient; each takes an optional As-User ID (Box lists
// only webhooks on items the caller owns, so an app user's webhooks need As-User).
namespace WebhooksApi {
constexpr int MaxLimit = 1000;

ApiReply *list(BoxClient *client, const QString &marker, int limit, const QString &asUser = {});
ApiReply *get(BoxClient *client, const QString &id, const QString &asUser = {});
ApiReply *create(BoxClient *client, const WebhookSpec &spec, const QString &asUser = {});
ApiReply *update(BoxClient *client, const QString &id, const WebhookSpec &changes,
                 const QString &asUser = {});
ApiReply *remove(BoxClient *client, const QString &id, const QString &asUser = {});

// The form field a refusal concerns: "target", "address", "triggers", or empty (the whole
// request), with what to show there.
struct FieldError
{
    QString field;
    QString message;
};
// Box's context_info.errors[] name the parameters; 404 and 409 concern the target.
QList<FieldError> fieldErrors(const BoxError &error);
// Why the form cannot be sent as it is (empty list: it can), checked before Box is asked. An
// address and at least one trigger are required when editing too; the target only on create.
QList<FieldError> check(const WebhookSpec &spec, bool creating);
} // namespace WebhooksApi
