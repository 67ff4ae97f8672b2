#include "ui/webhooks/webhookspane.h"

#include "core/profilemanager.h"
#include "core/session/localsandbox.h"
#include "core/session/profilesession.h"
#include "core/webhooks/webhookdeliveriesmodel.h"
#include "core/webhooks/webhookkeystore.h"
#include "core/webhooks/webhookreceiver.h"
#include "ui/scrollingpage.h"
#include "ui/webhooks/webhookkeyseditor.h"
#include "ui/webhooks/webhooklistpanel.h"
#include "ui/webhooks/webhookreceiverpanel.h"
#include "ui/webhooks/webhookverifierpanel.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

WebhooksPane::WebhooksPane(QWidget *parent)
    : QWidget(parent), m_receiver(new WebhookReceiver(this)),
      m_deliveries(new WebhookDeliveriesModel(this)), m_tabs(new QTabWidget(this))
{
    setObjectName(u"webhooksPane"_s);
    m_tabs->setObjectName(u"webhooksTabs"_s);
    m_list = new WebhookListPanel(m_receiver, m_tabs);
    m_keysEditor = new WebhookKeysEditor(m_tabs);
    m_verifier = new WebhookVerifierPanel(m_tabs);
    m_receiverPanel = new WebhookReceiverPanel(m_receiver, m_deliveries, m_tabs);
    m_tabs->addTab(m_list, tr("Webhooks"));
    m_tabs->addTab(m_receiverPanel, tr("Local receiver"));
    m_tabs->addTab(m_verifier, tr("Verifier"));
    m_tabs->addTab(m_keysEditor, tr("Signature keys"));
    // Its receiver page is tall: it scrolls at small window heights instead of making the
    // window taller.
    auto *layout = new QVBoxLayout(makeScrollingPage(this));
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addWidget(m_tabs);

    connect(m_receiver, &WebhookReceiver::delivered, m_deliveries,
            &WebhookDeliveriesModel::addDelivery);
    connect(m_keysEditor, &WebhookKeysEditor::saveRequested, this, [this](const WebhookKeys &k) {
        if (!m_session) {
            m_keysEditor->showSaved(tr("Open an app first: the keys belong to its profile."));
            return;
        }
        SecretStore *store = m_session->manager()->secretStore();
        const QString profileId = m_session->profileId();
        WebhookKeyStore::write(store, profileId, m_keysEditor->savedKeys(), k, this,
                               [this, k, profileId](const QString &error) {
                                   if (!m_session || m_session->profileId() != profileId)
                                       return; // saved for a profile no longer shown
                                   if (!error.isEmpty()) {
                                       m_keysEditor->showSaved(error);
                                       return;
                                   }
                                   setKeys(k);
                                   m_keysEditor->showSaved({});
                               });
    });
    connect(m_keysEditor, &WebhookKeysEditor::retryRequested, this, &WebhooksPane::readKeys);
    connect(m_keysEditor, &WebhookKeysEditor::sandboxKeysRequested, this,
            &WebhooksPane::useSandboxKeys);
    setKeys({});
}

WebhooksPane::~WebhooksPane() = default;

void WebhooksPane::setSession(ProfileSession *session, const QString &userId)
{
    const bool sameProfile = session && m_session && session->profileId() == m_session->profileId();
    m_session = session;
    m_list->setClient(session ? session->client() : nullptr, userId);
    if (sameProfile)
        return;
    setKeys({});
    m_keysEditor->setKeys({}, false);
    m_keysEditor->setSandboxKeysOffered(isSandboxProfile());
    if (!session)
        return;
    readKeys();
}

bool WebhooksPane::isSandboxProfile() const
{
    if (!m_session)
        return false;
    const AppProfile &profile = m_session->profile();
    return LocalSandbox::isLoopbackOrigin(LocalSandbox::originOf(profile.apiBaseUrl)) &&
           LocalSandbox::instance()->isSandboxProfile(profile);
}

void WebhooksPane::useSandboxKeys()
{
    if (!isSandboxProfile())
        return;
    const AppProfile &profile = m_session->profile();
    const QString profileId = m_session->profileId();
    QUrl url = LocalSandbox::originOf(profile.apiBaseUrl);
    url.setPath(u"/_sandbox/apps/%1/webhook-keys"_s.arg(
        QString::fromLatin1(QUrl::toPercentEncoding(profile.clientId))));
    if (!m_sandboxNetwork) {
        m_sandboxNetwork = new QNetworkAccessManager(this);
        m_sandboxNetwork->setProxy(QNetworkProxy::NoProxy); // loopback: never via a proxy
    }
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy); // stay on the loopback origin
    request.setTransferTimeout(10000);
    QNetworkReply *reply = m_sandboxNetwork->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, profileId] {
        reply->deleteLater();
        if (!m_session || m_session->profileId() != profileId)
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
        const WebhookKeys keys{json.value(u"primary_key"_s).toString(),
                               json.value(u"secondary_key"_s).toString()};
        if (status != 200 || keys.isEmpty()) {
            const QString why =
                status == 0 ? reply->errorString() : tr("it answered HTTP %1").arg(status);
            m_keysEditor->setKeys(m_keysEditor->savedKeys(), true);
            m_keysEditor->showSaved(tr("The sandbox's keys could not be read: %1.").arg(why));
            return;
        }
        WebhookKeyStore::write(m_session->manager()->secretStore(), profileId,
                               m_keysEditor->savedKeys(), keys, this,
                               [this, keys, profileId](const QString &error) {
                                   if (!m_session || m_session->profileId() != profileId)
                                       return;
                                   if (!error.isEmpty()) {
                                       m_keysEditor->showSaved(error);
                                       return;
                                   }
                                   m_keysEditor->setKeys(keys, true);
                                   setKeys(keys);
                                   m_keysEditor->showSaved({});
                               });
    });
}

void WebhooksPane::readKeys()
{
    if (!m_session)
        return;
    // Answers for another profile (the pane moved on meanwhile) are dropped.
    const QString profileId = m_session->profileId();
    WebhookKeyStore::read(m_session->manager()->secretStore(), profileId, m_session->context(this),
                          [this, profileId](const WebhookKeys &keys, const QString &error) {
                              if (!m_session || m_session->profileId() != profileId)
                                  return;
                              if (!error.isEmpty()) {
                                  m_keysEditor->showReadError(error);
                                  return;
                              }
                              m_keysEditor->setKeys(keys, true);
                              setKeys(keys);
                          });
}

void WebhooksPane::setKeys(const WebhookKeys &keys)
{
    m_keys = keys;
    m_deliveries->setKeys(keys);
    m_verifier->setKeys(keys);
    Q_EMIT keysChanged(keys);
}
