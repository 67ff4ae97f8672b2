#include "ui/serviceaccount/apptokenpanel.h"

#include "core/api/apireply.h"
#include "core/api/authenticatorfactory.h"
#include "core/api/boxclient.h"
#include "core/api/errorguidance.h"
#include "core/profilemanager.h"
#include "core/session/profilesessionregistry.h"
#include "ui/keyboardaccess.h"
#include "ui/messagebanner.h"
#include "ui/secretclipboard.h"
#include "ui/serviceaccount/serviceaccountlogging.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

AppTokenPanel::AppTokenPanel(ProfileSessionRegistry *sessions, QWidget *parent)
    : QWidget(parent), m_sessions(sessions), m_intro(new QLabel(this)),
      m_check(new QPushButton(tr("&Check token"), this)),
      m_copy(new QPushButton(tr("Cop&y app token"), this)), m_busy(new QLabel(this)),
      m_banner(new MessageBanner(this))
{
    setObjectName(u"appTokenPanel"_s);
    m_intro->setObjectName(u"appTokenIntro"_s);
    m_intro->setWordWrap(true);
    m_intro->setTextFormat(Qt::RichText);
    m_intro->setText(tr("<p><b>App token</b></p><p>Check asks Box whether it accepts the app "
                        "token stored for this app (with a request that creates nothing). Copy "
                        "puts the token on the clipboard, which is cleared again after a "
                        "while.</p>"));
    m_check->setObjectName(u"checkAppTokenButton"_s);
    m_check->setToolTip(tr("Ask Box whether it accepts this app token"));
    m_copy->setObjectName(u"copyAppTokenButton"_s);
    m_copy->setToolTip(tr("Copy the app token; the clipboard is cleared again after a while"));
    m_busy->setObjectName(u"appTokenBusy"_s);
    m_busy->hide();
    m_banner->setObjectName(u"appTokenBanner"_s);
    m_banner->hide();
    connect(m_check, &QPushButton::clicked, this, &AppTokenPanel::check);
    connect(m_copy, &QPushButton::clicked, this, &AppTokenPanel::copyToken);
    // The keys of the Token tab of other apps, working as soon as this view shows (the
    // request inspector keeps its Ctrl+Shift+C while the focus is in it).
    KeyboardAccess::addButtonShortcut(m_check, QKeySequence(Qt::CTRL | Qt::Key_R),
                                      u"checkAppTokenAction"_s);
    KeyboardAccess::addButtonShortcut(m_copy, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
                                      u"copyAppTokenAction"_s);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_check);
    buttons->addWidget(m_copy);
    buttons->addWidget(m_busy);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_intro);
    layout->addLayout(buttons);
    layout->addWidget(m_banner);
}

AppTokenPanel::~AppTokenPanel()
{
    clear();
}

void AppTokenPanel::setProfile(const AppProfile &profile)
{
    clear();
    m_profile = profile;
}

void AppTokenPanel::clear()
{
    delete m_action; // its client and every callback bound to it
    finish();
    m_banner->hide();
}

void AppTokenPanel::finish()
{
    if (m_action)
        m_action->deleteLater();
    m_action = nullptr;
    m_busy->hide();
    m_check->setEnabled(true);
    m_copy->setEnabled(true);
}

void AppTokenPanel::showResult(bool ok, const QString &title, const QStringList &details)
{
    m_banner->showMessage(ok ? MessageBanner::Kind::Info : MessageBanner::Kind::Error, title,
                          details);
}

template <typename Use> void AppTokenPanel::withToken(const QString &busyText, Use use)
{
    if (m_action || m_profile.id.isEmpty())
        return;
    m_action = new QObject(this);
    m_check->setEnabled(false);
    m_copy->setEnabled(false);
    m_busy->setText(busyText);
    m_busy->show();
    m_banner->hide();
    m_sessions->manager()->readSecrets(
        m_profile.id, m_action, [this, use](const ProfileSecrets &secrets, const QString &error) {
            if (!error.isEmpty()) {
                finish();
                showResult(false, tr("The app token could not be read"), {error});
                return;
            }
            if (secrets.appToken.isEmpty()) {
                finish();
                showResult(false, tr("No app token is stored for this app"),
                           {tr("Add it with Apps > Edit… (Configuration > App Token).")});
                return;
            }
            use(secrets);
        });
}

void AppTokenPanel::check()
{
    withToken(tr("Asking Box…"), [this](const ProfileSecrets &secrets) {
        auto *client = new BoxClient(m_profile, nullptr, m_action);
        // Before the authenticator exists, so the log knows the token and masks it.
        client->setRequestLog(m_sessions->requestLog());
        QString error;
        if (!installAuthenticator(client, secrets, &error)) {
            finish();
            showResult(false, tr("The app token cannot be used"), {error});
            return;
        }
        ApiReply *reply = client->post(u"/folders"_s, QJsonObject());
        reply->onFinished(m_action.data(), [this](const ApiResult &result) {
            finish();
            const QString when = QLocale().toString(QTime::currentTime(), QLocale::ShortFormat);
            // The token passed Box's check; the nameless folder was refused after it.
            const bool refusedAsIncomplete = result.status == 400;
            const bool works = result.ok() || refusedAsIncomplete;
            if (refusedAsIncomplete) {
                qCInfo(lcServiceAccount) << "app token check: accepted";
                showResult(true, tr("Box accepts this app token (checked at %1)").arg(when),
                           {tr("Box authenticated the check, a folder request without a name, "
                               "and then refused it as incomplete: nothing was created.")});
            } else if (works) {
                // Box is expected to refuse a folder without a name; if it ever made one, say
                // so, and which, rather than claim nothing changed.
                qCInfo(lcServiceAccount) << "app token check: accepted, and Box made a folder";
                const QJsonObject made = result.json();
                const QString name = made.value(u"name"_s).toString();
                const QString id = made.value(u"id"_s).toString();
                showResult(true, tr("Box accepts this app token (checked at %1)").arg(when),
                           {id.isEmpty() ? tr("Box authenticated the check, a folder request "
                                              "without a name, and answered it as done: it may "
                                              "have created a folder.")
                                         : tr("Box authenticated the check, a folder request "
                                              "without a name, and created a folder for it: "
                                              "\"%1\" (ID %2). Delete it if you do not want it.")
                                               .arg(name, id)});
            } else {
                // A 401 is an app token Box does not accept: the guidance says where to make a
                // new one.
                qCInfo(lcServiceAccount) << "app token check failed:" << result.error.summary();
                const Guidance g =
                    guidanceFor(result.error, {m_profile.method, m_profile.clientId});
                QStringList details;
                for (const QString &text : {g.explanation, g.fix}) {
                    if (!text.isEmpty())
                        details << text;
                }
                showResult(false, g.isEmpty() ? tr("Box did not accept this app token") : g.title,
                           details);
            }
            Q_EMIT checked(works);
        });
    });
}

void AppTokenPanel::copyToken()
{
    withToken(tr("Reading the token…"), [this](const ProfileSecrets &secrets) {
        SecretClipboard::copy(secrets.appToken, m_clipboardClearMs);
        finish();
        showResult(true, tr("App token copied"),
                   {tr("The clipboard is cleared in %n second(s) if it still holds it.", nullptr,
                       qMax(1, m_clipboardClearMs / 1000))});
    });
}
