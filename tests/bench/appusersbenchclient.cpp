#include "appusersbenchclient.h"

#include "core/api/authenticatorfactory.h"
#include "core/api/boxclient.h"
#include "core/configjson.h"

#include <QFile>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

BoxClient *makeBenchClient(const QString &apiBase, const QString &configPath, const QString &pacer,
                           QObject *parent, QString *error)
{
    QFile file(configPath);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(configPath, file.errorString());
        return nullptr;
    }
    ConfigImport config = ConfigJson::parse(file.readAll());
    if (!config.ok()) {
        *error = u"config.json: %1"_s.arg(config.errors.join(u"; "_s));
        return nullptr;
    }
    AppProfile profile = config.profile;
    profile.id = AppProfile::newId();
    profile.apiBaseUrl = QUrl(apiBase);
    profile.oauthBaseUrl = QUrl(apiBase + u"/api/oauth2"_s);
    profile.uploadBaseUrl = QUrl(apiBase + u"/api"_s);

    auto *client = new BoxClient(profile, nullptr, parent);
    if (!installAuthenticator(client, config.secrets, error)) {
        delete client;
        return nullptr;
    }
    if (pacer == u"off"_s) {
        client->setPacer(nullptr);
    } else if (pacer != u"default"_s) {
        bool ok = false;
        const int perMinute = pacer.toInt(&ok);
        if (!ok || perMinute <= 0) {
            *error = u"--pacer must be default, off or a number of requests per minute"_s;
            delete client;
            return nullptr;
        }
        client->pacer()->setRate(perMinute);
    }
    return client;
}
