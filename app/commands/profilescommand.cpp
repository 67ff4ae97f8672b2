#include "commands/profilescommand.h"

#include "commands/commandrunner.h"
#include "core/appprofile.h"
#include "core/authmethod.h"
#include "core/profilemanager.h"
#include "core/profilesettings.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace Commands {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ProfilesCommand", text);
}

QJsonObject toJson(const AppProfile &p)
{
    QJsonObject o{{u"id"_s, p.id},
                  {u"name"_s, p.name},
                  {u"method"_s, AuthMethods::key(p.method)},
                  {u"clientId"_s, p.clientId}};
    if (AuthMethods::hasSubject(p.method)) {
        o.insert(u"subject"_s,
                 QJsonObject{
                     {u"type"_s, p.subjectType == SubjectType::User ? u"user"_s : u"enterprise"_s},
                     {u"id"_s, p.subjectId}});
    } else {
        o.insert(u"subject"_s, QJsonValue::Null);
    }
    o.insert(u"endpoints"_s, QJsonObject{{u"api"_s, p.apiBaseUrl.toString()},
                                         {u"oauth"_s, p.oauthBaseUrl.toString()},
                                         {u"upload"_s, p.uploadBaseUrl.toString()}});
    return o;
}

// name, method, client ID, subject, and the API base URL when it is not Box's; tab-separated.
QString toLine(const AppProfile &p)
{
    QStringList fields{p.name, AuthMethods::displayName(p.method), p.clientId,
                       p.subjectDescription()};
    if (p.apiBaseUrl != AppProfile::defaultApiBaseUrl())
        fields << p.apiBaseUrl.toString();
    return fields.join(u'\t');
}
} // namespace

int runProfiles(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Lists the profiles, one a line: name, auth method, client ID, subject and (when it is "
           "not Box's) the API base URL, separated by tabs. Never a secret."));
    const QCommandLineOption json(u"json"_s,
                                  tr("A JSON array of objects with id, name, method, clientId, "
                                     "subject (type, id) and endpoints (api, oauth, upload)."));
    parser.addOption(json);
    int code = Ok;
    if (!parse(parser, arguments, &code))
        return code;
    if (!parser.positionalArguments().isEmpty())
        return usageError(u"profiles"_s, tr("takes no arguments."));
    // The settings file only: listing needs no keychain.
    ProfileSettings settings;
    const QList<AppProfile> profiles = settings.load();
    if (parser.isSet(json)) {
        QJsonArray array;
        for (const AppProfile &p : profiles)
            array.append(toJson(p));
        return out(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented))
                       .trimmed())
                   ? Ok
                   : Failed;
    }
    QStringList lines;
    for (const AppProfile &p : profiles)
        lines << toLine(p);
    if (lines.isEmpty())
        return Ok;
    return out(lines.join(u'\n')) ? Ok : Failed;
}

} // namespace Commands
