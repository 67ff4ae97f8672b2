#include "core/webhooks/webhooktriggers.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

QList<WebhookTriggers::Group> WebhookTriggers::groups()
{
    auto tr = [](const char *text) { return QCoreApplication::translate("WebhookTriggers", text); };
    // WEBHOOK.DELETED is sent by Box on its own (automatic deletion), never subscribed to.
    return {
        {tr("File"),
         {u"FILE.UPLOADED"_s, u"FILE.PREVIEWED"_s, u"FILE.DOWNLOADED"_s, u"FILE.TRASHED"_s,
          u"FILE.DELETED"_s, u"FILE.RESTORED"_s, u"FILE.COPIED"_s, u"FILE.MOVED"_s,
          u"FILE.LOCKED"_s, u"FILE.UNLOCKED"_s, u"FILE.RENAMED"_s}},
        {tr("Folder"),
         {u"FOLDER.CREATED"_s, u"FOLDER.RENAMED"_s, u"FOLDER.DOWNLOADED"_s, u"FOLDER.RESTORED"_s,
          u"FOLDER.DELETED"_s, u"FOLDER.COPIED"_s, u"FOLDER.MOVED"_s, u"FOLDER.TRASHED"_s}},
        {tr("Collaboration"),
         {u"COLLABORATION.CREATED"_s, u"COLLABORATION.ACCEPTED"_s, u"COLLABORATION.REJECTED"_s,
          u"COLLABORATION.REMOVED"_s, u"COLLABORATION.UPDATED"_s}},
        {tr("Shared link"),
         {u"SHARED_LINK.CREATED"_s, u"SHARED_LINK.UPDATED"_s, u"SHARED_LINK.DELETED"_s}},
        {tr("Comment"), {u"COMMENT.CREATED"_s, u"COMMENT.UPDATED"_s, u"COMMENT.DELETED"_s}},
        {tr("Task"), {u"TASK_ASSIGNMENT.CREATED"_s, u"TASK_ASSIGNMENT.UPDATED"_s}},
        {tr("Metadata"),
         {u"METADATA_INSTANCE.CREATED"_s, u"METADATA_INSTANCE.UPDATED"_s,
          u"METADATA_INSTANCE.DELETED"_s}},
        {tr("Sign"),
         {u"SIGN_REQUEST.COMPLETED"_s, u"SIGN_REQUEST.DECLINED"_s, u"SIGN_REQUEST.EXPIRED"_s,
          u"SIGN_REQUEST.SIGNER_EMAIL_BOUNCED"_s, u"SIGN_REQUEST.SIGN_SIGNER_SIGNED"_s,
          u"SIGN_REQUEST.SIGN_DOCUMENT_CREATED"_s, u"SIGN_REQUEST.SIGN_ERROR_FINALIZING"_s}},
    };
}

QStringList WebhookTriggers::all()
{
    QStringList out;
    for (const Group &g : groups())
        out += g.triggers;
    return out;
}

bool WebhookTriggers::isKnown(const QString &trigger)
{
    return all().contains(trigger);
}

bool WebhookTriggers::appliesTo(const QString &trigger, const QString &targetType)
{
    if (targetType == u"folder"_s)
        return true;
    return !(trigger.startsWith(u"COLLABORATION."_s) || trigger.startsWith(u"FOLDER."_s) ||
             trigger == u"FILE.UPLOADED"_s);
}
