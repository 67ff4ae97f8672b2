#include "sandbox/skilltokens.h"

#include "sandbox/world.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {

SkillToken mint(World &world, int appIndex, const FileRecord &file, const QString &invocationId,
                int ttlSeconds, const QString &itemScope, bool write)
{
    TokenRecord t;
    t.appIndex = appIndex;
    t.userId = file.ownerId;
    t.expiresAt = world.now() + ttlSeconds;
    t.downscoped = true;
    t.resourceType = u"file"_s;
    t.resourceId = file.id;
    t.restrictedScopes = {u"gcm"_s, itemScope};
    // Content reads and writes are what the downscope then narrows to the file.
    t.grantScopes = {u"root_readwrite"_s};
    t.skillInvocation = invocationId;
    QJsonArray restricted{QJsonObject{{u"scope"_s, u"gcm"_s}},
                          QJsonObject{{u"scope"_s, itemScope},
                                      {u"object_id"_s, file.id},
                                      {u"object_type"_s, u"file"_s}}};
    if (write) {
        const QString manage = QString::fromUtf16(ManageSkillInvocationsScope);
        t.restrictedScopes.append(manage);
        restricted.append(QJsonObject{{u"scope"_s, manage}});
    }
    SkillToken out;
    out.accessToken = world.issueAccessToken(t);
    out.restrictedTo = QString::fromUtf8(QJsonDocument(restricted).toJson(QJsonDocument::Compact));
    return out;
}

} // namespace

SkillTokens mintSkillTokens(World &world, int appIndex, qint64 fileId, const QString &invocationId,
                            int ttlSeconds)
{
    SkillTokens out;
    const FileRecord *file = world.file(fileId);
    if (!file)
        return out;
    const FileRecord f = *file;
    out.read = mint(world, appIndex, f, invocationId, ttlSeconds, u"item_read"_s, false);
    out.write = mint(world, appIndex, f, invocationId, ttlSeconds, u"item_upload"_s, true);
    return out;
}

} // namespace boxsandbox
