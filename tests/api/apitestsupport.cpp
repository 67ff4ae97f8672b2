#include "apitestsupport.h"

#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/api/ccgauth.h"
#include "core/api/fixedtokenauth.h"
#include "core/api/jwtauth.h"
#include "core/api/oauth2auth.h"
#include "core/privatekey.h"
#include "startup/sandboxprofiles.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>

#include <functional>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

bool SandboxFixture::start(const SandboxOptions &options)
{
    m_sandbox = std::make_unique<BoxSandbox>(options);
    QString error;
    if (!m_sandbox->start(0, &error)) {
        qWarning().noquote() << "sandbox did not start:" << error;
        return false;
    }
    return true;
}

AppProfile SandboxFixture::profile(const QString &appName) const
{
    return SandboxProfiles::entryFor(m_sandbox->app(appName), m_sandbox->baseUrl()).profile;
}

ProfileSecrets SandboxFixture::secrets(const QString &appName) const
{
    return SandboxProfiles::entryFor(m_sandbox->app(appName), m_sandbox->baseUrl()).secrets;
}

BoxClient *SandboxFixture::client(const QString &appName, QObject *parent) const
{
    auto *c = new BoxClient(profile(appName), m_nam, parent);
    RetryPolicy policy;
    policy.baseDelayMs = 50;
    policy.maxDelayMs = 5000;
    c->setRetryPolicy(policy);
    c->setDefaultTimeoutMs(30000);
    return c;
}

JwtAuthenticator *SandboxFixture::jwtFor(BoxClient *client, const SandboxApp &app,
                                         SubjectType subjectType, const QString &subjectId)
{
    JwtAuthenticator::Settings s;
    s.clientId = app.clientId;
    s.clientSecret = app.clientSecret;
    s.publicKeyId = app.publicKeyId;
    s.subjectType = subjectType;
    s.subjectId = subjectId;
    const PrivateKey key = PrivateKey::load(app.privateKeyPem, app.passphrase.toUtf8());
    auto *auth = new JwtAuthenticator(client, s, key);
    client->setAuthenticator(auth);
    return auth;
}

BoxClient *SandboxFixture::authenticatedClient(const QString &appName, QObject *parent) const
{
    BoxClient *c = client(appName, parent);
    const SandboxApp a = app(appName);
    if (a.authMethod == u"jwt"_s) {
        jwtFor(c, a, SubjectType::Enterprise, a.enterpriseId);
    } else if (a.authMethod == u"ccg"_s) {
        c->setAuthenticator(new CcgAuthenticator(c, a.clientId, a.clientSecret,
                                                 SubjectType::Enterprise, a.enterpriseId));
    } else if (a.authMethod == u"oauth2"_s) {
        c->setAuthenticator(
            new OAuth2Authenticator(c, {a.clientId, a.clientSecret, a.redirectUri}));
    } else if (a.authMethod == u"app_token"_s) {
        c->setAuthenticator(new AppTokenAuthenticator(c, a.appToken));
    }
    return c;
}

qint64 SandboxFixture::counter(const QString &path) const
{
    const QJsonObject counters = m_sandbox->counters();
    const qsizetype slash = path.indexOf(u'/');
    if (slash < 0)
        return qint64(counters.value(path).toDouble());
    return qint64(
        counters.value(path.left(slash)).toObject().value(path.mid(slash + 1)).toDouble());
}

int SandboxFixture::control(const QByteArray &method, const QString &path, const QJsonObject &body,
                            QJsonObject *reply) const
{
    QNetworkAccessManager nam;
    QNetworkRequest req(m_sandbox->baseUrl().resolved(QUrl(u"/_sandbox"_s + path)));
    req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    QNetworkReply *r = nam.sendCustomRequest(req, method, QJsonDocument(body).toJson());
    QEventLoop loop;
    QObject::connect(r, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    if (!r->isFinished())
        loop.exec();
    const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply)
        *reply = QJsonDocument::fromJson(r->readAll()).object();
    r->deleteLater();
    return status;
}

ApiResult waitFor(ApiReply *reply, int timeoutMs)
{
    ApiResult result;
    bool done = false;
    QEventLoop loop;
    QObject::connect(reply, &ApiReply::finished, &loop, [&](const ApiResult &r) {
        result = r;
        done = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (!done)
        loop.exec();
    if (!done)
        result.error = BoxError::local(BoxError::Kind::Timeout, u"test timeout"_s);
    return result;
}

namespace {
struct Page
{
    int status = 0;
    QByteArray body;
    QByteArray location;
};

Page postForm(QNetworkAccessManager &nam, const QUrl &url, const QUrlQuery &form)
{
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::ManualRedirectPolicy);
    req.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded"_ba);
    QList<QByteArray> parts;
    for (const auto &item : form.queryItems(QUrl::FullyDecoded))
        parts.append(QUrl::toPercentEncoding(item.first) + '=' +
                     QUrl::toPercentEncoding(item.second));
    QNetworkReply *reply = nam.post(req, parts.join('&'));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    loop.exec();
    Page p;
    p.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    p.body = reply->readAll();
    p.location = reply->rawHeader("Location"_ba);
    reply->deleteLater();
    return p;
}
} // namespace

namespace {
using PostForm = std::function<Page(const QUrl &, const QUrlQuery &)>;

Page postFormThrough(BoxClient *client, const QUrl &url, const QUrlQuery &form)
{
    ApiRequest req;
    req.method = "POST";
    req.url = url;
    req.authenticate = false;
    req.expectJson = false; // the sandbox's sign-in and consent pages are HTML
    req.contentType = "application/x-www-form-urlencoded"_ba;
    FormFields fields;
    for (const auto &item : form.queryItems(QUrl::FullyDecoded))
        fields.append(item);
    req.body = BoxClient::encodeForm(fields);
    const ApiResult r = waitFor(client->send(req), 30000);
    return Page{r.status, r.body, r.header("Location"_ba)};
}

// Signs in on the sandbox's page and grants consent, posting each form through `post`;
// returns the redirect URL (with code and state) the browser would be sent to.
QUrl signInAndConsent(const PostForm &post, const QUrl &authorizeUrl, const QString &login,
                      const QString &password, QString *error)
{
    QUrlQuery signIn;
    signIn.addQueryItem(u"login"_s, login);
    signIn.addQueryItem(u"password"_s, password);
    const Page consent = post(authorizeUrl, signIn);
    static const QRegularExpression tokenRe(u"name=\"request_token\" value=\"([^\"]+)\""_s);
    const QString requestToken = tokenRe.match(QString::fromUtf8(consent.body)).captured(1);
    if (consent.status != 200 || requestToken.isEmpty()) {
        *error = u"sign-in page answered %1"_s.arg(consent.status);
        return {};
    }
    QUrlQuery accept;
    accept.addQueryItem(u"request_token"_s, requestToken);
    accept.addQueryItem(u"consent_accept"_s, u"1"_s);
    const Page redirect = post(authorizeUrl, accept);
    if (redirect.status != 302 || redirect.location.isEmpty()) {
        *error = u"consent page answered %1"_s.arg(redirect.status);
        return {};
    }
    return QUrl::fromEncoded(redirect.location);
}
} // namespace

QUrl signInWithBrowser(const QUrl &authorizeUrl, const QString &login, const QString &password,
                       QString *error)
{
    QNetworkAccessManager nam;
    return signInAndConsent(
        [&nam](const QUrl &url, const QUrlQuery &form) { return postForm(nam, url, form); },
        authorizeUrl, login, password, error);
}

QUrl signInWithBrowser(BoxClient *client, const QUrl &authorizeUrl, const QString &login,
                       const QString &password, QString *error)
{
    return signInAndConsent(
        [client](const QUrl &url, const QUrlQuery &form) {
            return postFormThrough(client, url, form);
        },
        authorizeUrl, login, password, error);
}

ProfileSecrets SandboxFixture::signedInSecrets(const QString &appName) const
{
    const AppProfile p = profile(appName);
    ProfileSecrets out = secrets(appName);
    BoxClient signer(p);
    auto *oauth = new OAuth2Authenticator(&signer, {p.clientId, out.clientSecret, p.redirectUri});
    signer.setAuthenticator(oauth);
    const SandboxDemoUser user = m_sandbox->demoUser();
    QString error;
    const QUrl redirect =
        signInWithBrowser(oauth->authorizationUrl(), user.login, user.password, &error);
    if (!redirect.isValid()) {
        QTest::qFail(qPrintable(u"signing in to %1 failed: %2"_s.arg(appName, error)), __FILE__,
                     __LINE__);
        return out;
    }
    QObject context;
    bool done = false;
    BoxError failure;
    oauth->completeAuthorization(redirect, &context, [&](const BoxError &e) {
        failure = e;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 30000)) {
        QTest::qFail("the authorization code exchange did not finish", __FILE__, __LINE__);
        return out;
    }
    if (failure.isError()) {
        QTest::qFail(qPrintable(u"the code exchange failed: "_s + failure.summary()), __FILE__,
                     __LINE__);
        return out;
    }
    out.refreshToken = oauth->refreshToken();
    return out;
}

QString SandboxFixture::refreshError(const QString &appName, const QString &refreshToken) const
{
    const AppProfile p = profile(appName);
    BoxClient c(p, m_nam);
    FormFields form;
    form.append({u"grant_type"_s, u"refresh_token"_s});
    form.append({u"refresh_token"_s, refreshToken});
    form.append({u"client_id"_s, p.clientId});
    form.append({u"client_secret"_s, secrets(appName).clientSecret});
    return waitFor(c.postForm(c.tokenUrl(), form)).error.oauthError;
}

void SandboxFixture::faults(const QString &spec)
{
    QString error;
    QVERIFY2(m_sandbox->setFaults(spec, &error), qPrintable(error));
}

BoxClient *developerTokenClient(const QUrl &base, const QString &token, QObject *parent)
{
    AppProfile profile;
    profile.method = AuthMethod::DeveloperToken;
    profile.apiBaseUrl = base;
    auto *client = new BoxClient(profile, nullptr, parent);
    client->setAuthenticator(
        new DeveloperTokenAuthenticator(client, token, QDateTime::currentDateTimeUtc()));
    RetryPolicy noRetries;
    noRetries.maxAttempts = 1;
    client->setRetryPolicy(noRetries);
    return client;
}
