#include "sandbox/skillcontrol.h"

#include "sandbox/controlhelpers.h"
#include "sandbox/errors.h"
#include "sandbox/filesapi.h"
#include "sandbox/sandboxlogging.h"
#include "sandbox/skilldelivery.h"
#include "sandbox/webhooksapi.h"
#include "sandbox/world.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {

QJsonObject skillJson(const SkillRecord &s)
{
    QJsonArray folders;
    for (const qint64 id : s.folderIds)
        folders.append(QString::number(id));
    return QJsonObject{{u"id"_s, QString::number(s.id)},
                       {u"type"_s, u"skill"_s},
                       {u"name"_s, s.name},
                       {u"api_key"_s, s.clientId},
                       {u"client_id"_s, s.clientId},
                       {u"invocation_url"_s, s.invocationUrl},
                       {u"folder_ids"_s, folders},
                       {u"file_extensions"_s, QJsonArray::fromStringList(s.fileExtensions)},
                       {u"enabled"_s, s.enabled},
                       {u"created_at"_s, boxDate(s.createdAt)}};
}

// Applies the body's fields to s (all required when `creating`); the problem, or empty.
QString applyFields(const World &world, const QJsonObject &o, bool creating, SkillRecord *s)
{
    const auto missing = [&o, creating](const QString &key) {
        return creating && !o.contains(key);
    };
    if (missing(u"name"_s))
        return u"\"name\" is required"_s;
    if (o.contains(u"name"_s)) {
        const QString name = o.value(u"name"_s).toString().trimmed();
        if (name.isEmpty())
            return u"\"name\" must be a non-empty string"_s;
        s->name = name;
    }
    if (missing(u"client_id"_s))
        return u"\"client_id\" is required"_s;
    if (o.contains(u"client_id"_s)) {
        const QString clientId = o.value(u"client_id"_s).toString();
        if (world.appByClientId(clientId) < 0)
            return u"\"client_id\" must be the client id of a sandbox app (its webhook keys sign "
                   "the Skill's events)"_s;
        s->clientId = clientId;
    }
    if (missing(u"invocation_url"_s))
        return u"\"invocation_url\" is required"_s;
    if (o.contains(u"invocation_url"_s)) {
        const QUrl url(o.value(u"invocation_url"_s).toString(), QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || url.host().isEmpty() || (scheme != u"https"_s && scheme != u"http"_s))
            return u"\"invocation_url\" must be an http(s) URL"_s;
        if (scheme == u"http"_s && !isLoopbackHost(url.host()))
            return u"\"invocation_url\": plain http is allowed only to 127.0.0.1, localhost or "
                   "::1; use https for other hosts"_s;
        s->invocationUrl = url.toString();
    }
    if (missing(u"folder_ids"_s))
        return u"\"folder_ids\" is required"_s;
    if (o.contains(u"folder_ids"_s)) {
        if (!o.value(u"folder_ids"_s).isArray() || o.value(u"folder_ids"_s).toArray().isEmpty())
            return u"\"folder_ids\" must be a non-empty array of folder ids"_s;
        QList<qint64> ids;
        for (const QJsonValue &v : o.value(u"folder_ids"_s).toArray()) {
            const QString id = idText(v);
            if (id.isEmpty() || !world.folder(id.toLongLong()))
                return u"Unknown folder \"%1\" in \"folder_ids\""_s.arg(id);
            if (!ids.contains(id.toLongLong()))
                ids.append(id.toLongLong());
        }
        s->folderIds = ids;
    }
    if (o.contains(u"file_extensions"_s)) {
        if (!o.value(u"file_extensions"_s).isArray())
            return u"\"file_extensions\" must be an array of extensions (\"mp3\")"_s;
        QStringList extensions;
        for (const QJsonValue &v : o.value(u"file_extensions"_s).toArray()) {
            QString e = v.toString().trimmed().toLower();
            if (e.startsWith(u'.'))
                e = e.mid(1);
            if (!v.isString() || e.isEmpty() || e.contains(u'.') || e.contains(u'/'))
                return u"\"file_extensions\" must hold extensions such as \"mp3\""_s;
            if (!extensions.contains(e))
                extensions.append(e);
        }
        s->fileExtensions = extensions;
    }
    if (o.contains(u"enabled"_s)) {
        if (!o.value(u"enabled"_s).isBool())
            return u"\"enabled\" must be true or false"_s;
        s->enabled = o.value(u"enabled"_s).toBool();
    }
    return {};
}

QJsonObject settingsJson(const SkillSettings &s)
{
    QJsonArray delays;
    for (const int d : s.retryDelaysMs)
        delays.append(d);
    return QJsonObject{{u"token_ttl_seconds"_s, s.tokenTtlSeconds},
                       {u"retry_delays_ms"_s, delays},
                       {u"request_timeout_ms"_s, s.requestTimeoutMs},
                       {u"max_transient_retries"_s, s.maxTransientRetries}};
}

const SkillRecord *skillOf(const World &world, const RouteCall &call)
{
    const QString id = call.params.value(0);
    bool ok = false;
    const qint64 n = id.toLongLong(&ok);
    return ok ? world.skill(n) : nullptr;
}

} // namespace

void addSkillControlRoutes(Router &router, World &world, SkillInvoker &invoker)
{
    const auto add = [&router](const char *method, const QString &path, RouteHandler handler) {
        router.add(QByteArray(method), u"/_sandbox"_s + path, RouteAccess::Control,
                   std::move(handler));
    };
    World *w = &world;
    SkillInvoker *inv = &invoker;

    add("GET", u"/skills"_s, [w](const RouteCall &) {
        QJsonArray entries;
        for (const SkillRecord &s : w->skills())
            entries.append(skillJson(s));
        return jsonResponse(200, QJsonObject{{u"entries"_s, entries}});
    });
    add("POST", u"/skills"_s, [w](const RouteCall &call) {
        SkillRecord s;
        const QString problem = applyFields(*w, controlBody(call), true, &s);
        if (!problem.isEmpty())
            return controlError(400, problem);
        const SkillRecord &added = w->addSkill(s);
        qCInfo(lcSandbox).noquote() << "skill" << added.id << "created:" << added.name;
        return jsonResponse(201, skillJson(added));
    });
    add("GET", u"/skills/{skill_id}"_s, [w](const RouteCall &call) {
        const SkillRecord *s = skillOf(*w, call);
        return s ? jsonResponse(200, skillJson(*s)) : controlError(404, u"Unknown skill"_s);
    });
    add("PUT", u"/skills/{skill_id}"_s, [w](const RouteCall &call) {
        const SkillRecord *found = skillOf(*w, call);
        if (!found)
            return controlError(404, u"Unknown skill"_s);
        SkillRecord s = *found;
        const QString problem = applyFields(*w, controlBody(call), false, &s);
        if (!problem.isEmpty())
            return controlError(400, problem);
        w->updateSkill(s);
        return jsonResponse(200, skillJson(*w->skill(s.id)));
    });
    add("DELETE", u"/skills/{skill_id}"_s, [w, inv](const RouteCall &call) {
        const SkillRecord *s = skillOf(*w, call);
        if (!s)
            return controlError(404, u"Unknown skill"_s);
        const qint64 id = s->id;
        w->removeSkill(id);
        inv->forgetSkill(id);
        return emptyResponse(204);
    });
    add("POST", u"/skills/{skill_id}/invoke"_s, [w, inv](const RouteCall &call) {
        const SkillRecord *s = skillOf(*w, call);
        if (!s)
            return controlError(404, u"Unknown skill"_s);
        const QString fileId = idText(controlBody(call).value(u"file_id"_s));
        if (fileId.isEmpty())
            return controlError(400, u"\"file_id\" is required"_s);
        const FileRecord *f = w->file(fileId.toLongLong());
        if (!f)
            return controlError(400, u"Unknown file \"%1\""_s.arg(fileId));
        const SkillRecord skill = *s;
        return jsonResponse(201, inv->invoke(skill, f->id, f->ownerId, u"ITEM_UPLOAD"_s));
    });
    add("GET", u"/skills/{skill_id}/invocations"_s, [w, inv](const RouteCall &call) {
        const SkillRecord *s = skillOf(*w, call);
        if (!s)
            return controlError(404, u"Unknown skill"_s);
        return jsonResponse(200, inv->invocationsJson(s->id));
    });
    add("GET", u"/skills/settings"_s,
        [inv](const RouteCall &) { return jsonResponse(200, settingsJson(inv->settings())); });
    add("PUT", u"/skills/settings"_s, [inv](const RouteCall &call) {
        const QJsonObject o = controlBody(call);
        SkillSettings s = inv->settings();
        QString error;
        if (!intSetting(o, u"token_ttl_seconds"_s, 1, 24 * 3600, &s.tokenTtlSeconds, &error) ||
            !intSetting(o, u"request_timeout_ms"_s, 1, 10 * 60 * 1000, &s.requestTimeoutMs,
                        &error) ||
            !intSetting(o, u"max_transient_retries"_s, 0, 100, &s.maxTransientRetries, &error))
            return controlError(400, error);
        if (o.contains(u"retry_delays_ms"_s)) {
            const QJsonValue v = o.value(u"retry_delays_ms"_s);
            const QJsonArray a = v.toArray();
            QList<int> delays;
            for (const QJsonValue &d : a) {
                if (!d.isDouble() || d.toDouble() != double(d.toInteger()) || d.toInteger() < 0 ||
                    d.toInteger() > 24 * 3600 * 1000)
                    return controlError(400, u"\"retry_delays_ms\" must hold whole numbers of "
                                             "milliseconds from 0 to 86400000"_s);
                delays.append(int(d.toInteger()));
            }
            if (!v.isArray() || delays.size() > 50)
                return controlError(400, u"\"retry_delays_ms\" must be an array of at most 50 "
                                         "delays"_s);
            s.retryDelaysMs = delays;
        }
        inv->setSettings(s);
        return jsonResponse(200, settingsJson(s));
    });
}

} // namespace boxsandbox
