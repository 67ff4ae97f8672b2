#include "ui/serviceaccount/authstatepanel.h"

#include "core/api/authenticator.h"
#include "core/api/boxclient.h"
#include "core/api/errorguidance.h"
#include "core/api/fixedtokenauth.h"
#include "core/api/tokenoperations.h"
#include "core/check/authfailure.h"
#include "core/format/serviceaccountformat.h"
#include "ui/messagebanner.h"
#include "ui/secretclipboard.h"
#include "ui/serviceaccount/downscopedialog.h"
#include "ui/serviceaccount/serviceaccountlogging.h"

#include <QAction>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {
QLabel *valueLabel(const QString &objectName, const QString &accessibleName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setAccessibleName(accessibleName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    return label;
}

QString timeText(const QDateTime &utc)
{
    return QLocale().toString(utc.toLocalTime(), QLocale::LongFormat);
}
} // namespace

AuthStatePanel::AuthStatePanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(u"authStatePanel"_s);
    setAccessibleName(tr("Token"));

    m_method = valueLabel(u"authMethodValue"_s, tr("Authentication method"), this);
    m_subject = valueLabel(u"authSubjectValue"_s, tr("Subject"), this);
    m_status = valueLabel(u"tokenStatusValue"_s, tr("Access token"), this);
    m_expiry = valueLabel(u"tokenExpiryValue"_s, tr("Expires"), this);
    m_obtained = valueLabel(u"tokenObtainedValue"_s, tr("Generated"), this);
    m_obtainedLabel = new QLabel(tr("Generated:"), this);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight);
    form->addRow(tr("Method:"), m_method);
    form->addRow(tr("Subject:"), m_subject);
    form->addRow(tr("Access token:"), m_status);
    form->addRow(tr("Expires:"), m_expiry);
    form->addRow(m_obtainedLabel, m_obtained);

    // Actions: buttons for the mouse, and shortcuts that work as soon as the tab is showing,
    // wherever the focus is in the window (on the tab bar right after a click on "Token" too):
    // Qt matches a window shortcut only while a widget holding the action is visible, and the
    // panel is visible exactly while its tab and its pane are in front. The request inspector
    // keeps Ctrl+Shift+C (Copy as curl) while the focus is in it (KeyboardAccess::
    // preferWhileFocused).
    auto makeButton = [this](const QString &name, const QString &text, const QKeySequence &key,
                             void (AuthStatePanel::*slot)()) {
        auto *button = new QPushButton(text, this);
        button->setObjectName(name);
        button->setAccessibleName(QString(text).remove(u'…'));
        auto *action = new QAction(text, this);
        action->setObjectName(name + u"Action"_s);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WindowShortcut);
        addAction(action);
        connect(action, &QAction::triggered, this, [this, button, slot] {
            if (button->isEnabled())
                (this->*slot)();
        });
        connect(button, &QPushButton::clicked, this, slot);
        button->setToolTip(
            tr("%1 (%2)").arg(QString(text).remove(u'…'), key.toString(QKeySequence::NativeText)));
        return button;
    };
    m_refresh = makeButton(u"refreshTokenButton"_s, tr("Refresh"),
                           QKeySequence(Qt::CTRL | Qt::Key_R), &AuthStatePanel::refresh);
    m_revoke =
        makeButton(u"revokeTokenButton"_s, tr("Revoke"),
                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete), &AuthStatePanel::revoke);
    m_downscope =
        makeButton(u"downscopeButton"_s, tr("Downscope…"),
                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D), &AuthStatePanel::downscope);
    m_copy = makeButton(u"copyTokenButton"_s, tr("Copy access token"),
                        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), &AuthStatePanel::copyToken);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_refresh);
    buttons->addWidget(m_revoke);
    buttons->addWidget(m_downscope);
    buttons->addWidget(m_copy);
    buttons->addStretch();

    m_busyRow = BusyRow::create(this, u"tokenCancelButton"_s, tr("Cancel"));
    m_busyRow.widget->setObjectName(u"tokenProgress"_s);
    m_busyRow.text->setObjectName(u"tokenProgressText"_s);
    connect(m_busyRow.cancel, &QPushButton::clicked, this, &AuthStatePanel::cancel);

    m_banner = new MessageBanner(this);
    m_banner->setObjectName(u"tokenBanner"_s);
    m_banner->hide();

    auto *note = new QLabel(
        tr("Copied tokens are marked as secret for clipboard managers and cleared from the "
           "clipboard after 30 seconds or when Box Companion quits."),
        this);
    note->setObjectName(u"tokenClipboardNote"_s);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addSpacing(6);
    layout->addLayout(buttons);
    layout->addWidget(m_busyRow.widget);
    layout->addWidget(m_banner);
    layout->addWidget(note);
    layout->addStretch();

    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &AuthStatePanel::updateCountdown);
    updateView();
}

AuthStatePanel::~AuthStatePanel() = default;

void AuthStatePanel::setClient(BoxClient *client, const QString &clientSecret,
                               const QDateTime &developerTokenObtainedAt)
{
    delete m_action; // the answer of an action for the previous client is dropped
    disconnect(m_tokenConnection);
    m_client = client;
    m_clientSecret = clientSecret;
    m_developerTokenObtainedAt = developerTokenObtainedAt;
    m_revokedToken.clear();
    m_revokedAt = {};
    m_busy = false;
    m_revoking = false;
    m_busyRow.cancel->setEnabled(true);
    m_busyRow.widget->hide();
    m_banner->hide();
    if (Authenticator *auth = authenticator()) {
        m_tokenConnection = connect(auth, &Authenticator::tokenChanged, this, [this] {
            Authenticator *a = authenticator();
            if (a && !a->token().isEmpty() && a->token().value != m_revokedToken) {
                m_revokedToken.clear();
                m_revokedAt = {};
                m_banner->resolve(u"token"_s); // a token after all: that failure is over
            }
            updateView();
        });
    }
    updateView();
}

void AuthStatePanel::setCheckAppAction(QAction *action)
{
    m_banner->setErrorAction(action);
}

void AuthStatePanel::clear()
{
    setClient(nullptr);
}

Authenticator *AuthStatePanel::authenticator() const
{
    return m_client ? m_client->authenticator() : nullptr;
}

QDateTime AuthStatePanel::expiresAt() const
{
    Authenticator *auth = authenticator();
    if (!auth)
        return {};
    if (auto *dev = qobject_cast<DeveloperTokenAuthenticator *>(auth))
        return dev->expiresAt();
    return auth->token().isEmpty() ? QDateTime() : auth->token().expiresAt;
}

AuthStatePanel::TokenState AuthStatePanel::tokenState() const
{
    Authenticator *auth = authenticator();
    if (!auth)
        return TokenState::NoClient;
    if (!m_revokedToken.isEmpty() &&
        (auth->token().isEmpty() || auth->token().value == m_revokedToken))
        return TokenState::Revoked;
    const bool fixed =
        auth->method() == AuthMethod::DeveloperToken || auth->method() == AuthMethod::AppToken;
    if (auth->token().isEmpty() && !fixed)
        return TokenState::NoToken;
    const QDateTime expiry = expiresAt();
    if (expiry.isValid() && expiry <= QDateTime::currentDateTimeUtc())
        return TokenState::Expired;
    return TokenState::Valid;
}

QString AuthStatePanel::countdownText(qint64 secondsLeft)
{
    if (secondsLeft <= 0)
        return tr("expired");
    const qint64 h = secondsLeft / 3600;
    const qint64 m = (secondsLeft % 3600) / 60;
    const qint64 s = secondsLeft % 60;
    if (h > 0)
        return tr("expires in %1 h %2 min %3 s").arg(h).arg(m).arg(s);
    if (m > 0)
        return tr("expires in %1 min %2 s").arg(m).arg(s);
    return tr("expires in %1 s").arg(s);
}

QString AuthStatePanel::methodText() const
{
    return m_method->text();
}
QString AuthStatePanel::subjectText() const
{
    return m_subject->text();
}
QString AuthStatePanel::expiryText() const
{
    return m_expiry->text();
}
QString AuthStatePanel::obtainedText() const
{
    return m_obtained->text();
}
QString AuthStatePanel::statusText() const
{
    return m_status->text();
}

void AuthStatePanel::updateView()
{
    Authenticator *auth = authenticator();
    const bool has = auth != nullptr;
    const AuthMethod method = has ? auth->method() : AuthMethod::Jwt;
    const AppProfile profile = m_client ? m_client->profile() : AppProfile();
    if (!has) {
        m_method->setText(tr("—"));
        m_subject->setText(tr("—"));
    } else {
        m_method->setText(method == AuthMethod::OAuth2 ? tr("OAuth 2.0")
                          : method == AuthMethod::Jwt  ? tr("JWT (server authentication)")
                          : method == AuthMethod::ClientCredentials
                              ? tr("CCG (Client Credentials Grant)")
                          : method == AuthMethod::AppToken    ? tr("App Token")
                          : method == AuthMethod::CustomSkill ? tr("Custom Skill (a Skills event's "
                                                                   "token)")
                                                              : tr("Developer Token"));
        switch (method) {
        case AuthMethod::Jwt:
        case AuthMethod::ClientCredentials:
            m_subject->setText(
                profile.subjectType == SubjectType::Enterprise
                    ? tr("Enterprise ID %1 (the app's Service Account) · client ID %2")
                          .arg(profile.subjectId, profile.clientId)
                    : tr("User ID %1 · client ID %2").arg(profile.subjectId, profile.clientId));
            break;
        case AuthMethod::OAuth2:
            m_subject->setText(tr("The signed-in user · client ID %1").arg(profile.clientId));
            break;
        case AuthMethod::AppToken:
            m_subject->setText(
                profile.clientId.isEmpty()
                    ? tr("The app itself (Limited Access)")
                    : tr("The app itself (Limited Access) · client ID %1").arg(profile.clientId));
            break;
        case AuthMethod::DeveloperToken:
            m_subject->setText(tr("The developer who generated the token"));
            break;
        case AuthMethod::CustomSkill:
            m_subject->setText(
                tr("One file of a Skills event · client ID %1").arg(profile.clientId));
            break;
        }
    }

    const bool isDev = has && method == AuthMethod::DeveloperToken;
    m_obtainedLabel->setVisible(isDev);
    m_obtained->setVisible(isDev);
    if (isDev) {
        m_obtained->setText(m_developerTokenObtainedAt.isValid()
                                ? timeText(m_developerTokenObtainedAt)
                                : tr("unknown; Developer Tokens last 60 minutes"));
    }

    const TokenState state = tokenState();
    m_shownState = state;
    switch (state) {
    case TokenState::NoClient:
        m_status->setText(tr("No app selected"));
        break;
    case TokenState::NoToken:
        m_status->setText(tr("Not fetched yet; the next request gets one"));
        break;
    case TokenState::Valid:
        m_status->setText(tr("Valid"));
        break;
    case TokenState::Expired:
        m_status->setText(isDev ? tr("Expired: generate a new one in the Developer Console")
                                : tr("Expired; the next request gets a new one"));
        break;
    case TokenState::Revoked:
        m_status->setText(method == AuthMethod::OAuth2
                              ? tr("Revoked at %1; sign in again to use this app")
                                    .arg(QLocale().toString(m_revokedAt.toLocalTime().time()))
                          : isDev ? tr("Revoked at %1; generate a new Developer Token")
                                        .arg(QLocale().toString(m_revokedAt.toLocalTime().time()))
                                  : tr("Revoked at %1; the next request gets a new token")
                                        .arg(QLocale().toString(m_revokedAt.toLocalTime().time())));
        break;
    }

    const bool renewable = has && method != AuthMethod::DeveloperToken &&
                           method != AuthMethod::AppToken &&
                           !(method == AuthMethod::OAuth2 && state == TokenState::Revoked);
    m_refresh->setEnabled(!m_busy && renewable);
    m_refresh->setToolTip(renewable ? tr("Get a new access token now (Ctrl+R)")
                                    : tr("This token cannot be renewed by the app"));
    const bool revocable = has && state != TokenState::Revoked && state != TokenState::NoToken &&
                           method != AuthMethod::AppToken;
    m_revoke->setEnabled(!m_busy && revocable);
    m_downscope->setEnabled(!m_busy && has && state != TokenState::Revoked &&
                            method != AuthMethod::AppToken);
    m_copy->setEnabled(!m_busy && has &&
                       !(state == TokenState::Revoked && method != AuthMethod::Jwt &&
                         method != AuthMethod::ClientCredentials));
    showCountdown(state);
}

void AuthStatePanel::updateCountdown()
{
    const TokenState state = tokenState();
    if (state != m_shownState)
        updateView(); // e.g. Valid -> Expired: status and buttons follow, then the countdown
    else
        showCountdown(state);
}

void AuthStatePanel::showCountdown(TokenState state)
{
    if (state == TokenState::NoClient || state == TokenState::NoToken ||
        state == TokenState::Revoked) {
        m_expiry->setText(tr("—"));
        return;
    }
    const QDateTime expiry = expiresAt();
    if (!expiry.isValid()) {
        m_expiry->setText(tr("no expiry known"));
        return;
    }
    // Whole seconds rounded up, so "expires in 1 s" shows until the token really expired and
    // "expired" never shows next to a Valid status. The next tick after the expiry redraws.
    const qint64 ms = QDateTime::currentDateTimeUtc().msecsTo(expiry);
    qint64 left = ms > 0 ? (ms + 999) / 1000 : 0;
    if (state == TokenState::Valid)
        left = qMax<qint64>(left, 1);
    const QString text = countdownText(left);
    m_expiry->setText(
        left > 0 ? tr("%1 (at %2)").arg(text, QLocale().toString(expiry.toLocalTime().time()))
                 : text);
}

void AuthStatePanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updateView();
    m_countdown.start();
}

void AuthStatePanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_countdown.stop();
}

QObject *AuthStatePanel::startAction(const QString &text)
{
    delete m_action;
    m_action = new QObject(this);
    m_busy = true;
    m_banner->hide();
    m_busyRow.text->setText(text);
    m_busyRow.widget->show();
    updateView();
    Q_EMIT busyChanged(true);
    return m_action;
}

void AuthStatePanel::finishAction()
{
    m_busy = false;
    m_revoking = false;
    m_busyRow.cancel->setEnabled(true);
    m_busyRow.cancel->setToolTip({});
    m_busyRow.widget->hide();
    updateView();
    Q_EMIT busyChanged(false);
}

void AuthStatePanel::cancel()
{
    // A revoke that was sent cannot be called back (Box may already have revoked the token),
    // so it is not offered; its answer always updates the view.
    if (!m_busy || m_revoking)
        return;
    delete m_action; // its answer is dropped
    finishAction();
    showInfo(tr("Cancelled. An answer that arrives later is ignored."));
}

void AuthStatePanel::showError(const QString &action, const BoxError &error, const QString &subject)
{
    const AppProfile profile = m_client ? m_client->profile() : AppProfile();
    const Guidance g = guidanceFor(error, {profile.method, profile.clientId});
    const QStringList details = ServiceAccountFormat::guidanceDetails(g, error, true);
    m_banner->report(subject, MessageBanner::Kind::Error,
                     g.isEmpty() ? tr("%1 failed").arg(action)
                                 : tr("%1 failed: %2").arg(action, g.title),
                     details);
    m_banner->offerErrorAction(isAuthFailure(error)); // Check App explains those
    m_banner->show();
}

void AuthStatePanel::showInfo(const QString &text)
{
    m_banner->showMessage(MessageBanner::Kind::Info, text);
    m_banner->show();
}

void AuthStatePanel::refresh()
{
    Authenticator *auth = authenticator();
    if (!auth || m_busy)
        return;
    QObject *action = startAction(tr("Getting a new access token…"));
    // Forget the cached token (an OAuth 2.0 refresh token is kept), then ask for one.
    if (!auth->invalidate(auth->token().value)) {
        finishAction();
        showInfo(tr("This token cannot be renewed by the app."));
        return;
    }
    auth->requestToken(action, [this](const QString &token, const BoxError &error) {
        finishAction();
        if (error.isError() || token.isEmpty()) {
            showError(tr("Refresh"), error, u"token"_s);
            return;
        }
        m_revokedToken.clear();
        updateView();
        showInfo(tr("New access token received."));
        qCInfo(lcServiceAccount) << "access token refreshed";
    });
}

void AuthStatePanel::revoke()
{
    Authenticator *auth = authenticator();
    if (!auth || m_busy || m_confirmRevoke)
        return;
    if (auth->token().value.isEmpty()) {
        showInfo(tr("There is no access token to revoke yet."));
        return;
    }
    // A revoke cannot be undone: say what it ends for this app, and let Cancel be the default.
    const AuthMethod method = auth->method();
    const QString consequence =
        method == AuthMethod::OAuth2
            ? tr("Box stops accepting the access token at once, and the refresh token with it: "
                 "the app is signed out, and you sign in again to use it.")
        : method == AuthMethod::DeveloperToken
            ? tr("Box stops accepting the Developer Token at once. It cannot be renewed: "
                 "generate a new one in the Developer Console to use the app again.")
            : tr("Box stops accepting the access token at once; anyone holding a copy loses "
                 "access. The app itself keeps working: its next request gets a new token.");
    auto *box =
        new QMessageBox(QMessageBox::Warning, tr("Revoke Access Token"),
                        tr("Revoke the access token of “%1”?").arg(m_client->profile().name),
                        QMessageBox::Cancel, this);
    box->setObjectName(u"revokeConfirmation"_s);
    box->setInformativeText(consequence + u' ' + tr("This cannot be undone."));
    QPushButton *confirm = box->addButton(tr("&Revoke"), QMessageBox::DestructiveRole);
    confirm->setObjectName(u"confirmRevokeButton"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_confirmRevoke = box;
    // Only for the client it asked about: a switch of app meanwhile voids the answer.
    connect(box, &QMessageBox::finished, this,
            [this, box, confirm, asked = QPointer<BoxClient>(m_client)] {
                if (box->clickedButton() == confirm && asked && asked == m_client)
                    revokeNow();
            });
    box->open();
}

void AuthStatePanel::revokeNow()
{
    Authenticator *auth = authenticator();
    if (!auth || m_busy)
        return;
    const QString token = auth->token().value;
    if (token.isEmpty()) {
        showInfo(tr("There is no access token to revoke yet."));
        return;
    }
    QObject *action = startAction(tr("Revoking the access token…"));
    m_revoking = true;
    m_busyRow.cancel->setEnabled(false);
    m_busyRow.cancel->setToolTip(
        tr("A revoke cannot be called back once sent; wait for Box's answer"));
    const AuthMethod method = auth->method();
    const AppProfile &profile = m_client->profile();
    // Box wants the app's client ID and secret with the token, where the app has them.
    const QString clientId = m_clientSecret.isEmpty() ? QString() : profile.clientId;
    TokenOperations::revoke(
        m_client, token, clientId, m_clientSecret, action,
        [this, token, method](const BoxError &error) {
            if (error.isError()) {
                finishAction();
                showError(tr("Revoke"), error);
                return;
            }
            m_revokedToken = token;
            m_revokedAt = QDateTime::currentDateTimeUtc();
            if (Authenticator *a = authenticator();
                a && a->token().value == token && method != AuthMethod::DeveloperToken)
                a->invalidate(token); // the next request gets a new token
            finishAction();
            showInfo(method == AuthMethod::OAuth2
                         ? tr("The token was revoked, and with it the refresh token. Sign in "
                              "again to use this app.")
                     : method == AuthMethod::DeveloperToken
                         ? tr("The Developer Token was revoked. Generate a new one in the "
                              "Developer Console.")
                         : tr("The token was revoked. The next request gets a new one."));
            qCInfo(lcServiceAccount) << "access token revoked";
            Q_EMIT tokenRevoked(method);
        });
}

void AuthStatePanel::downscope()
{
    if (!authenticator() || m_busy)
        return;
    auto *dialog = new DownscopeDialog(m_client, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setClipboardClearDelay(m_clipboardClearMs);
    dialog->open();
}

void AuthStatePanel::copyToken()
{
    Authenticator *auth = authenticator();
    if (!auth || m_busy)
        return;
    QObject *action = startAction(tr("Getting the access token…"));
    auth->requestToken(action, [this](const QString &token, const BoxError &error) {
        finishAction();
        if (error.isError() || token.isEmpty()) {
            showError(tr("Copy access token"), error, u"token"_s);
            return;
        }
        SecretClipboard::copy(token, m_clipboardClearMs);
        showInfo(tr("Access token copied. The clipboard is cleared in %n second(s) if it "
                    "still holds it.",
                    nullptr, qMax(1, m_clipboardClearMs / 1000)));
    });
}
