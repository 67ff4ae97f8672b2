#include "ui/serviceaccount/serviceaccountpane.h"

#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/api/errorguidance.h"
#include "core/api/jwtauth.h"
#include "core/api/limitedaccess.h"
#include "core/api/oauth2auth.h"
#include "core/check/authfailure.h"
#include "core/format/serviceaccountformat.h"
#include "core/profilemanager.h"
#include "core/session/localsandbox.h"
#include "core/session/profilesessionregistry.h"
#include "ui/apppicker.h"
#include "ui/check/boxpages.h"
#include "ui/content/folderbrowser.h"
#include "ui/emptystatepane.h"
#include "ui/events/eventspane.h"
#include "ui/messagebanner.h"
#include "ui/oauth/oauthlogindialog.h"
#include "ui/profileselection.h"
#include "ui/sandboxstartbutton.h"
#include "ui/scrollingpage.h"
#include "ui/serviceaccount/apptokenpanel.h"
#include "ui/serviceaccount/authstatepanel.h"
#include "ui/serviceaccount/emailaliaspanel.h"
#include "ui/serviceaccount/serviceaccountlogging.h"
#include "ui/serviceaccount/sharepanel.h"
#include "ui/serviceaccount/storageeditor.h"
#include "ui/serviceaccount/storagegauge.h"
#include "ui/skills/skillpane.h"
#include "ui/webhooks/webhookspane.h"

#include <QDateTime>
#include <QDesktopServices>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTextDocumentFragment>
#include <QToolButton>
#include <QUrlQuery>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {
QLabel *selectableLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    return label;
}

QString dateText(const QString &iso)
{
    const QDateTime dt = QDateTime::fromString(iso, Qt::ISODate);
    if (!dt.isValid())
        return iso;
    return QLocale().toString(dt.toLocalTime(), QLocale::LongFormat);
}
} // namespace

ServiceAccountPane::ServiceAccountPane(ProfileSessionRegistry *sessions, QWidget *parent)
    : QWidget(parent), m_sessions(sessions), m_manager(sessions->manager()),
      m_heading(new QLabel(this)), m_subheading(new QLabel(this)), m_signedInAs(new QLabel(this)),
      m_stack(new QStackedWidget(this))
{
    setObjectName(u"serviceAccountPane"_s);

    m_heading->setObjectName(u"serviceAccountHeading"_s);
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.35);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_heading->setText(AuthMethods::noIdentityName());
    m_subheading->setObjectName(u"serviceAccountSubheading"_s);
    m_subheading->setWordWrap(true);
    m_subheading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_signedInAs->setObjectName(u"signedInUser"_s);
    m_signedInAs->setWordWrap(true);
    m_signedInAs->setTextFormat(Qt::RichText);
    m_signedInAs->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_signedInAs->hide();

    // Loading.
    m_loadingPage = new QWidget(this);
    m_loadingPage->setObjectName(u"loadingPage"_s);
    auto *busy = new QProgressBar(m_loadingPage);
    busy->setObjectName(u"busyIndicator"_s);
    busy->setRange(0, 0);
    busy->setTextVisible(false);
    busy->setMaximumWidth(260);
    busy->setAccessibleName(tr("Loading"));
    m_loadingText = new QLabel(tr("Loading…"), m_loadingPage);
    m_loadingText->setObjectName(u"loadingText"_s);
    m_cancel = new QPushButton(tr("Cancel"), m_loadingPage);
    m_cancel->setObjectName(u"cancelButton"_s);
    m_cancel->setShortcut(QKeySequence::Cancel);
    connect(m_cancel, &QPushButton::clicked, this, &ServiceAccountPane::cancel);
    auto *loadingLayout = new QVBoxLayout(m_loadingPage);
    loadingLayout->addStretch();
    loadingLayout->addWidget(m_loadingText, 0, Qt::AlignHCenter);
    loadingLayout->addWidget(busy, 0, Qt::AlignHCenter);
    loadingLayout->addWidget(m_cancel, 0, Qt::AlignHCenter);
    loadingLayout->addStretch(2);

    // Failure.
    m_errorPage = new QWidget(this);
    m_errorPage->setObjectName(u"errorPage"_s);
    m_banner = new MessageBanner(m_errorPage);
    m_banner->setObjectName(u"serviceAccountBanner"_s);
    m_banner->setClosable(false);
    m_retry = new QPushButton(tr("Retry"), m_errorPage);
    m_retry->setObjectName(u"retryButton"_s);
    m_retry->setShortcut(QKeySequence::Refresh);
    connect(m_retry, &QPushButton::clicked, this, &ServiceAccountPane::retry);
    m_startSandbox = new SandboxStartButton(m_errorPage);
    m_detailsToggle = new QToolButton(m_errorPage);
    m_detailsToggle->setObjectName(u"detailsToggle"_s);
    m_detailsToggle->setText(tr("Details"));
    m_detailsToggle->setCheckable(true);
    m_detailsToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_detailsToggle->setArrowType(Qt::RightArrow);
    m_rawDetails = new QPlainTextEdit(m_errorPage);
    m_rawDetails->setObjectName(u"rawDetails"_s);
    m_rawDetails->setReadOnly(true);
    m_rawDetails->setAccessibleName(tr("Server response"));
    m_rawDetails->setFont(QFont(u"monospace"_s));
    m_rawDetails->hide();
    connect(m_detailsToggle, &QToolButton::toggled, this, [this](bool on) {
        m_detailsToggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
        m_rawDetails->setVisible(on);
    });
    auto *errorButtons = new QHBoxLayout;
    errorButtons->addWidget(m_startSandbox);
    errorButtons->addWidget(m_retry);
    errorButtons->addWidget(m_detailsToggle);
    errorButtons->addStretch();
    auto *errorLayout = new QVBoxLayout(m_errorPage);
    errorLayout->setContentsMargins(0, 0, 0, 0);
    errorLayout->addWidget(m_banner);
    errorLayout->addLayout(errorButtons);
    errorLayout->addWidget(m_rawDetails, 1);
    errorLayout->addStretch();

    // No app selected.
    m_noAppPage = new EmptyStatePane(EmptyStatePane::noAppSelectedTitle(),
                                     EmptyStatePane::noAppSelectedText(), this);
    m_noAppPage->setObjectName(u"noAppSelected"_s);

    // Notices.
    m_noticePage = new QWidget(this);
    m_noticePage->setObjectName(u"noticePage"_s);
    m_notice = selectableLabel(m_noticePage);
    m_notice->setObjectName(u"noticeText"_s);
    m_notice->setTextFormat(Qt::RichText);
    m_signIn = new QPushButton(tr("Sign in…"), m_noticePage);
    m_signIn->setObjectName(u"signInButton"_s);
    connect(m_signIn, &QPushButton::clicked, this, &ServiceAccountPane::signIn);
    m_appToken = new AppTokenPanel(m_sessions, m_noticePage);
    auto *noticeLayout = new QVBoxLayout(m_noticePage);
    noticeLayout->setContentsMargins(0, 0, 0, 0);
    noticeLayout->addWidget(m_notice);
    noticeLayout->addWidget(m_signIn, 0, Qt::AlignLeft);
    noticeLayout->addSpacing(6);
    noticeLayout->addWidget(m_appToken);
    noticeLayout->addStretch();

    // A Custom Skill's page; it scrolls rather than making the window (and every other page of
    // the stack, whose minimum size it would set) bigger.
    m_skillPage = new QWidget(this);
    m_skillPage->setObjectName(u"skillPage"_s);
    QWidget *skillContent = makeScrollingPage(m_skillPage);
    m_skillPane = new SkillPane(skillContent);
    m_skillPane->setSecretStore(m_manager->secretStore());
    m_skillPane->setRequestLog(m_sessions->requestLog());
    auto *skillLayout = new QVBoxLayout(skillContent);
    skillLayout->setContentsMargins(0, 0, 0, 0);
    skillLayout->addWidget(m_skillPane);

    // The user.
    m_gauge = new StorageGauge(this);
    m_userPage = createForm();

    m_stack->addWidget(m_noAppPage);
    m_stack->addWidget(m_noticePage);
    m_stack->addWidget(m_loadingPage);
    m_stack->addWidget(m_errorPage);
    m_stack->addWidget(m_userPage);
    m_stack->addWidget(m_skillPage);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_subheading);
    layout->addWidget(m_signedInAs);
    layout->addSpacing(6);
    layout->addWidget(m_stack, 1);

    // The sidebar and the heading name what the pane shows for the app's method.
    connect(m_manager, &ProfileManager::profileChanged, this, &ServiceAccountPane::updateTitle);
    showNotice(State::NoProfile, {}, {});
}

ServiceAccountPane::~ServiceAccountPane()
{
    clearViews();
}

QStringList ServiceAccountPane::userFields()
{
    return {u"id"_s,
            u"name"_s,
            u"login"_s,
            u"enterprise"_s,
            u"role"_s,
            u"status"_s,
            u"created_at"_s,
            u"modified_at"_s,
            u"language"_s,
            u"timezone"_s,
            u"max_upload_size"_s,
            u"space_used"_s,
            u"space_amount"_s,
            u"is_platform_access_only"_s};
}

QWidget *ServiceAccountPane::createForm()
{
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"userPage"_s);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *form = new QFormLayout(content);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight);
    const QList<QPair<QString, QString>> rows = {
        {u"name"_s, tr("Name")},
        {u"login"_s, tr("Login")},
        {u"service_id"_s, tr("Service ID")},
        {u"id"_s, tr("User ID")},
        {u"enterprise"_s, tr("Enterprise")},
        {u"role"_s, tr("Role")},
        {u"status"_s, tr("Status")},
        {u"is_platform_access_only"_s, tr("App user")},
        {u"created_at"_s, tr("Created")},
        {u"modified_at"_s, tr("Modified")},
        {u"language"_s, tr("Language")},
        {u"timezone"_s, tr("Time zone")},
        {u"max_upload_size"_s, tr("Max upload size")},
        {u"space_used"_s, tr("Storage used")},
        {u"space_amount"_s, tr("Storage allowed")},
    };
    for (const auto &[field, label] : rows) {
        QLabel *value = selectableLabel(content);
        value->setObjectName(u"value_"_s + field);
        value->setAccessibleName(label);
        m_values.insert(field, value);
        if (field == u"service_id"_s) {
            // The Service ID links to the app's Developer Console page; an admin authorizes
            // the app in the Admin Console with the client ID (copied, not a secret).
            value->setTextInteractionFlags(value->textInteractionFlags() |
                                           Qt::LinksAccessibleByMouse |
                                           Qt::LinksAccessibleByKeyboard);
            connect(value, &QLabel::linkActivated, this,
                    [](const QString &link) { QDesktopServices::openUrl(QUrl(link)); });
            m_authorizeApp = new QPushButton(tr("Authorize in Admin Console…"), content);
            m_authorizeApp->setObjectName(u"authorizeInAdminConsoleButton"_s);
            m_authorizeApp->setToolTip(tr("Copy the client ID and open the Admin Console's "
                                          "Platform Apps Manager, where an admin authorizes "
                                          "or re-authorizes the app"));
            connect(m_authorizeApp, &QPushButton::clicked, this,
                    [this] { BoxPages::openAdminConsole(m_profile.clientId); });
            auto *row = new QHBoxLayout;
            row->addWidget(value);
            row->addSpacing(12);
            row->addWidget(m_authorizeApp, 0, Qt::AlignTop);
            row->addStretch(1);
            form->addRow(label + u':', row);
            continue;
        }
        form->addRow(label + u':', value);
    }
    m_gauge->setParent(content);
    form->addRow(tr("Storage:"), m_gauge);
    m_storageEditor = new StorageEditor(content);
    form->addRow(tr("Change allowance:"), m_storageEditor);
    connect(m_storageEditor, &StorageEditor::userUpdated, this, &ServiceAccountPane::showStorage);
    m_sharePanel = new SharePanel(content);
    m_sharePanel->hide();
    form->addRow(m_sharePanel);
    scroll->setWidget(content);

    // Overview, Folders (and room for more, e.g. the token's state).
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"serviceAccountTabs"_s);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(scroll, tr("&Overview"));
    m_folders = new FolderBrowser(m_tabs);
    m_tabs->addTab(m_folders, tr("Fol&ders"));
    m_authState = new AuthStatePanel(m_tabs);
    m_tabs->addTab(m_authState, tr("To&ken"));
    // A Service Account's email aliases (shown for Service Accounts only).
    m_aliasPanel = new EmailAliasPanel(m_tabs);
    m_aliasPanel->setTitle({}); // the tab names it
    m_aliasPanel->setFlat(true);
    m_tabs->addTab(m_aliasPanel, tr("&Email Aliases"));
    m_tabs->setTabVisible(m_tabs->indexOf(m_aliasPanel), false);
    // Webhooks (issue 17): follows the loaded user's session; its local receiver keeps running.
    auto *webhooks = new WebhooksPane(m_tabs);
    m_tabs->addTab(webhooks, tr("&Webhooks"));
    connect(this, &ServiceAccountPane::stateChanged, webhooks, [this, webhooks](State state) {
        const bool loaded = state == State::Loaded && m_session;
        webhooks->setSession(loaded ? m_session.data() : nullptr,
                             loaded ? m_user.value(u"id"_s).toString() : QString());
    });
    // The user's event stream and the enterprise's events (issue 17), through the session's
    // client while a user is shown.
    auto *events = new EventsPane(m_tabs);
    events->stream()->setPositions(EventPositions(m_manager->settingsFilePath()));
    m_tabs->addTab(events, tr("Eve&nts"));
    connect(this, &ServiceAccountPane::stateChanged, events, [this, events](State state) {
        events->setClient(state == State::Loaded && m_session ? m_session->client() : nullptr);
    });
    // OAuth 2.0: revoking the access token ends the refresh token too; the session forgets
    // it (in the keychain as well), and every pane on the profile asks to sign in again.
    connect(m_authState, &AuthStatePanel::tokenRevoked, this, [this](AuthMethod method) {
        if (method == AuthMethod::OAuth2 && m_session) {
            m_signedOut = true;
            m_session->forgetRefreshToken();
        }
    });
    return m_tabs;
}

void ServiceAccountPane::setProfileId(const QString &profileId)
{
    if (profileId != m_profileId) {
        releaseSession();
        m_signedOut = false;
    }
    m_profileId = profileId;
    m_dirty = true;
    updateTitle();
    if (isVisible())
        bindSession();
}

void ServiceAccountPane::followSelection(ProfileSelection *selection)
{
    AppPicker::addBeside(m_heading, selection);
    connect(selection, &ProfileSelection::profileIdChanged, this,
            &ServiceAccountPane::setProfileId);
    setProfileId(selection->profileId());
}

QString ServiceAccountPane::title() const
{
    const int row = m_profileId.isEmpty() ? -1 : m_manager->indexOf(m_profileId);
    return row < 0 ? AuthMethods::noIdentityName()
                   : AuthMethods::identityName(m_manager->profiles().at(row).method);
}

void ServiceAccountPane::updateTitle()
{
    const QString text = title();
    if (m_heading->text() == text)
        return;
    m_heading->setText(text);
    Q_EMIT titleChanged(text);
}

void ServiceAccountPane::setSandboxStartAction(QAction *action)
{
    m_startSandbox->setAction(action);
}

void ServiceAccountPane::setCheckAppAction(QAction *action)
{
    m_banner->setErrorAction(action);
    m_authState->setCheckAppAction(action);
    m_folders->setCheckAppAction(action);
}

void ServiceAccountPane::setJwtServerTimeRetry(bool on)
{
    m_sessions->setJwtServerTimeRetry(on);
}

void ServiceAccountPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        bindSession();
}

void ServiceAccountPane::setState(State state)
{
    // The banner reports a failure: once the pane is anything else, that is over.
    if (state != State::Failed)
        m_banner->hide();
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void ServiceAccountPane::clearViews()
{
    if (m_session)
        m_session->releaseContext(this);
    if (m_reply)
        m_reply->abort();
    m_reply = nullptr;
    if (m_folders)
        m_folders->clear();
    if (m_authState)
        m_authState->clear();
    if (m_signedInAs)
        m_signedInAs->hide();
    if (m_appToken)
        m_appToken->clear(); // a check's answer is about the token before the edit
    if (m_storageEditor)
        m_storageEditor->clear();
    if (m_aliasPanel)
        m_aliasPanel->setUser(nullptr, {});
}

void ServiceAccountPane::releaseSession()
{
    clearViews();
    if (m_session) {
        m_session->disconnect(this);
        m_sessions->release(m_profileId, this);
    }
    m_session = nullptr;
}

void ServiceAccountPane::bindSession()
{
    m_dirty = false;
    m_cancelled = false;
    if (!m_session && !m_profileId.isEmpty() && m_manager->indexOf(m_profileId) >= 0) {
        m_session = m_sessions->session(m_profileId, this);
        connect(m_session, &ProfileSession::aboutToReset, this, [this] {
            m_cancelled = false; // the session starts again: so does the pane
            m_skillProfile = {}; // an edit (maybe of its keys only): the Skill page reloads
            clearViews();
            if (m_state == State::Skill) {
                // A Skill stays a Skill (no stateChanged): show the edited profile once the
                // session has been reset.
                QMetaObject::invokeMethod(
                    this,
                    [this] {
                        if (m_session && m_session->state() == ProfileSession::State::Skill &&
                            !m_cancelled) {
                            if (isVisible())
                                showSessionState();
                            else
                                m_dirty = true;
                        }
                    },
                    Qt::QueuedConnection);
            }
        });
        connect(m_session, &ProfileSession::stateChanged, this, [this] {
            if (m_cancelled)
                return;
            if (!isVisible()) {
                m_dirty = true; // shown when the pane is
                return;
            }
            showSessionState();
        });
    }
    showSessionState();
}

void ServiceAccountPane::reload()
{
    if (!m_session) {
        bindSession();
        return;
    }
    m_dirty = false;
    m_cancelled = false;
    m_session->reload();
    showSessionState();
}

void ServiceAccountPane::retry()
{
    // Only a session that could not be set up starts again (reading the keychain). Otherwise
    // the client is shared by every pane and dialog on the profile: ask Box again with it,
    // and leave their requests (a running import, say) alone.
    if (!m_session || m_session->state() == ProfileSession::State::Failed) {
        reload();
        return;
    }
    m_dirty = false;
    m_cancelled = false;
    showSessionState();
}

void ServiceAccountPane::showSessionState()
{
    const ProfileSession::State state =
        m_session ? m_session->state() : ProfileSession::State::NoProfile;
    m_user = {};
    if (state == ProfileSession::State::NoProfile) {
        clearViews();
        m_profile = {};
        m_subheading->clear();
        showNotice(State::NoProfile, {}, {});
        return;
    }
    m_profile = m_session->profile();
    updateTitle();
    m_subheading->setText(tr("%1 · Client ID %2")
                              .arg(AuthMethods::displayName(m_profile.method), m_profile.clientId));
    switch (state) {
    case ProfileSession::State::NoProfile:
        break;
    case ProfileSession::State::Loading:
        clearViews();
        setState(State::Loading);
        m_loadingText->setText(tr("Reading the app's secrets from the keychain…"));
        m_stack->setCurrentWidget(m_loadingPage);
        m_cancel->setFocus();
        break;
    case ProfileSession::State::LimitedAccess:
        clearViews();
        m_appToken->setProfile(m_profile);
        showNotice(State::LimitedAccess, tr("App Token: Limited Access"),
                   tr("<p><b>Limited Access (App Token)</b></p>") +
                       LimitedAccess::explanationHtml());
        break;
    case ProfileSession::State::Skill:
        clearViews();
        // Again only after a reset (another profile, an edit): the lab keeps what is pasted
        // while the pane is merely shown again.
        if (m_skillProfile != m_profile || m_skillProfile.id.isEmpty()) {
            m_skillProfile = m_profile;
            m_skillPane->setProfile(m_profile);
        }
        m_stack->setCurrentWidget(m_skillPage);
        setState(State::Skill);
        break;
    case ProfileSession::State::NeedsSignIn:
        clearViews();
        showNotice(State::NeedsSignIn, tr("Sign in"),
                   m_signedOut
                       ? tr("<p><b>Signed out.</b> Sign in to see who this app acts as.</p><p>"
                            "The token was revoked and the refresh token removed from your "
                            "system keychain.</p>")
                       : tr("<p><b>No one is signed in to this OAuth 2.0 app.</b> Sign in with "
                            "a Box account to authorize the app; the pane then shows that "
                            "user. The refresh token is kept in your system keychain.</p>"));
        break;
    case ProfileSession::State::Failed: {
        const Guidance &g = m_session->failure();
        QStringList details{g.explanation};
        if (!g.fix.isEmpty())
            details << g.fix;
        showFailure(g.title, details, {});
        // The profile's sandbox is not running: start it right here. The session loads again
        // once it runs. Otherwise the profile cannot authenticate (its secrets are missing or
        // its key does not decrypt): Check App's first step says which.
        const bool sandboxDown = LocalSandbox::instance()->isUnavailable(m_profile);
        m_startSandbox->setNeeded(sandboxDown);
        m_banner->offerErrorAction(!sandboxDown);
        if (m_startSandbox->isVisibleTo(m_errorPage))
            m_startSandbox->setFocus();
        break;
    }
    case ProfileSession::State::Ready:
        fetchUser();
        break;
    }
}

void ServiceAccountPane::fetchUser()
{
    BoxClient *client = m_session ? m_session->client() : nullptr;
    if (!client)
        return;
    clearViews();
    setState(State::Loading);
    m_loadingText->setText(tr("Authenticating and asking Box who this app is…"));
    m_stack->setCurrentWidget(m_loadingPage);
    QUrlQuery query;
    query.addQueryItem(u"fields"_s, userFields().join(u','));
    m_reply = client->get(u"/users/me"_s, query);
    m_reply->onFinished(m_session->context(this), [this](const ApiResult &result) {
        m_reply = nullptr;
        if (!result.ok()) {
            qCInfo(lcServiceAccount) << "GET /users/me failed:" << result.error.summary();
            showError(result.error, result.body);
            return;
        }
        showUser(result.json());
    });
}

void ServiceAccountPane::cancel()
{
    // This pane stops waiting; the session (shared with other panes) carries on.
    m_cancelled = true;
    clearViews();
    m_dirty = false;
    showFailure(tr("Loading was cancelled"), {tr("Choose Retry to load the account again.")}, {});
    m_banner->showMessage(MessageBanner::Kind::Info, m_banner->title(), m_banner->details());
}

void ServiceAccountPane::signIn()
{
    BoxClient *client = m_session ? m_session->client() : nullptr;
    auto *oauth = client ? qobject_cast<OAuth2Authenticator *>(client->authenticator()) : nullptr;
    if (!oauth)
        return;
    const QUrl authorizeUrl = oauth->authorizationUrl();
    const QString state = oauth->pendingState();
    auto *dialog = new OAuthLoginDialog(authorizeUrl, QUrl(m_profile.redirectUri), state, this);
    dialog->setObjectName(u"oauthLoginDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Bound to the session's context: a sign-in of a session that started again is void.
    connect(dialog, &OAuthLoginDialog::loginFinished, m_session->context(this),
            [this, state, dialog, oauth](const OAuthLoginResult &result) {
                if (!result.isSuccess()) {
                    showFailure(tr("Sign-in did not complete"), {result.message()}, {});
                    return;
                }
                // The dialog keeps only the code; the client checks the state again.
                QUrl redirect =
                    result.redirectUri.isValid() ? result.redirectUri : QUrl(m_profile.redirectUri);
                QUrlQuery q;
                q.addQueryItem(u"code"_s,
                               QString::fromLatin1(QUrl::toPercentEncoding(result.code)));
                q.addQueryItem(u"state"_s, QString::fromLatin1(QUrl::toPercentEncoding(state)));
                redirect.setQuery(q);
                setState(State::Loading);
                m_loadingText->setText(tr("Exchanging the authorization code…"));
                m_stack->setCurrentWidget(m_loadingPage);
                // Exactly the redirect_uri the code was issued for (the system browser's has
                // the loopback port in it). On success the session is Ready and the pane
                // loads the user.
                const QString redirectUri = dialog->redirectUriInUse();
                oauth->completeAuthorization(redirect, redirectUri, m_session->context(this),
                                             [this](const BoxError &e) {
                                                 if (e.isError())
                                                     showError(e, {});
                                             });
            });
    dialog->open();
}

void ServiceAccountPane::showUser(const QJsonObject &user)
{
    m_user = user;
    auto set = [this](const QString &field, const QString &text, const QString &tip = {}) {
        QLabel *label = m_values.value(field);
        if (!label)
            return;
        label->setText(text.isEmpty() ? tr("—") : text);
        label->setToolTip(tip);
    };
    const QString login = user.value(u"login"_s).toString();
    set(u"name"_s, user.value(u"name"_s).toString());
    set(u"login"_s, login);
    const QString serviceId = ServiceAccountFormat::serviceIdFromLogin(login);
    set(u"service_id"_s, serviceId,
        serviceId.isEmpty() ? tr("Not a Service Account login (AutomationUser_<Service ID>_…)")
                            : QString());
    if (const QUrl console = BoxPages::developerConsoleUrl(serviceId); console.isValid()) {
        m_values.value(u"service_id"_s)
            ->setText(u"<a href=\"%1\">%2</a>"_s.arg(console.toString().toHtmlEscaped(),
                                                     serviceId.toHtmlEscaped()));
        m_values.value(u"service_id"_s)
            ->setToolTip(
                tr("Open the app's page in the Box Developer Console: %1").arg(console.toString()));
    }
    set(u"id"_s, user.value(u"id"_s).toString());
    const QJsonObject enterprise = user.value(u"enterprise"_s).toObject();
    if (enterprise.isEmpty()) {
        set(u"enterprise"_s, tr("none"));
    } else {
        set(u"enterprise"_s, tr("%1 (ID %2)")
                                 .arg(enterprise.value(u"name"_s).toString(),
                                      enterprise.value(u"id"_s).toVariant().toString()));
    }
    set(u"role"_s, user.value(u"role"_s).toString());
    set(u"status"_s, user.value(u"status"_s).toString());
    set(u"is_platform_access_only"_s,
        user.value(u"is_platform_access_only"_s).toBool() ? tr("Yes") : tr("No"));
    for (const QString &f : {u"created_at"_s, u"modified_at"_s}) {
        const QString iso = user.value(f).toString();
        set(f, dateText(iso), iso);
    }
    set(u"language"_s, user.value(u"language"_s).toString());
    set(u"timezone"_s, user.value(u"timezone"_s).toString());
    const auto bytes = [&user](const QString &f) {
        return user.value(f).toInteger(); // 0 for huge, fractional or non-finite numbers
    };
    set(u"max_upload_size"_s, ServiceAccountFormat::humanReadableSize(bytes(u"max_upload_size"_s)),
        tr("%1 bytes").arg(QLocale().toString(bytes(u"max_upload_size"_s))));
    showStorage(user);
    const QString userId = user.value(u"id"_s).toString();
    BoxClient *client = m_session ? m_session->client() : nullptr;
    m_storageEditor->setUser(client, userId, bytes(u"space_amount"_s));
    // Only a Service Account (JWT/CCG acting as the enterprise) needs content shared with it.
    const bool serviceAccount = (m_profile.method == AuthMethod::Jwt ||
                                 m_profile.method == AuthMethod::ClientCredentials) &&
                                !serviceId.isEmpty();
    m_sharePanel->setVisible(serviceAccount);
    m_authorizeApp->setVisible(serviceAccount);
    if (serviceAccount)
        m_sharePanel->setServiceAccount(login, userId);
    m_tabs->setTabVisible(m_tabs->indexOf(m_aliasPanel), serviceAccount);
    m_aliasPanel->setUser(serviceAccount ? client : nullptr, serviceAccount ? userId : QString());
    m_folders->setEmptyRootHint(
        serviceAccount ? tr("<b>All Files is empty.</b> A new Service Account owns no content "
                            "and sees nothing until a folder is shared with it: see \"Share "
                            "content with this Service Account\" on the Overview tab.")
                       : QString());
    m_folders->setClient(client);
    m_authState->setClient(client, m_session ? m_session->secrets().clientSecret : QString(),
                           m_profile.developerTokenObtainedAt);
    // OAuth 2.0 and Developer Tokens act as a person: say who, right under the heading.
    if (!AuthMethods::hasSubject(m_profile.method)) {
        m_signedOut = false;
        m_signedInAs->setText(
            tr("Signed in as <b>%1</b> (%2)")
                .arg(user.value(u"name"_s).toString().toHtmlEscaped(), login.toHtmlEscaped()));
        m_signedInAs->show();
    }
    m_stack->setCurrentWidget(m_userPage);
    setState(State::Loaded);
}

void ServiceAccountPane::showStorage(const QJsonObject &answer)
{
    for (const QString &f : {u"space_used"_s, u"space_amount"_s}) {
        if (answer.value(f).isDouble())
            m_user.insert(f, answer.value(f));
    }
    const auto bytes = [this](const QString &f) { return m_user.value(f).toInteger(); };
    for (const QString &f : {u"space_used"_s, u"space_amount"_s}) {
        QLabel *label = m_values.value(f);
        const qint64 n = bytes(f);
        label->setText(ServiceAccountFormat::humanReadableSize(n)); // "unlimited" for Box's 999…
        label->setToolTip(tr("%1 bytes").arg(QLocale().toString(n)));
    }
    m_gauge->setUsage(bytes(u"space_used"_s), bytes(u"space_amount"_s));
}

QString ServiceAccountPane::fieldText(const QString &field) const
{
    const QLabel *label = m_values.value(field);
    if (label && field == u"service_id"_s) // a link to the Developer Console
        return QTextDocumentFragment::fromHtml(label->text()).toPlainText();
    return label ? label->text() : QString();
}

void ServiceAccountPane::showError(const BoxError &error, const QByteArray &raw)
{
    const Guidance g = guidanceFor(error, {m_profile.method, m_profile.clientId});
    QStringList details;
    if (!g.explanation.isEmpty())
        details << g.explanation;
    if (!g.fix.isEmpty())
        details << g.fix;
    if (!g.requestId.isEmpty())
        details << tr("Request ID for Box support: %1").arg(g.requestId);
    QByteArray technical = raw;
    if (!raw.isEmpty()) {
        const QJsonDocument doc = QJsonDocument::fromJson(raw);
        if (!doc.isNull())
            technical = doc.toJson(QJsonDocument::Indented);
    }
    const QString summary = error.summary();
    if (!summary.isEmpty())
        technical = summary.toUtf8() + (technical.isEmpty() ? ""_ba : "\n\n"_ba + technical);
    showFailure(g.isEmpty() ? tr("The request failed") : g.title, details, technical);
    m_banner->offerErrorAction(isAuthFailure(error)); // Check App explains those
}

void ServiceAccountPane::showFailure(const QString &title, const QStringList &details,
                                     const QByteArray &raw)
{
    clearViews();
    m_banner->showMessage(MessageBanner::Kind::Error, title, details);
    m_rawDetails->setPlainText(QString::fromUtf8(raw));
    m_detailsToggle->setChecked(false);
    m_detailsToggle->setVisible(!raw.isEmpty());
    m_startSandbox->setNeeded(false);
    m_stack->setCurrentWidget(m_errorPage);
    setState(State::Failed);
    m_retry->setFocus();
}

void ServiceAccountPane::showNotice(State state, const QString &title, const QString &text)
{
    Q_UNUSED(title)
    if (state == State::NoProfile) {
        m_appToken->clear();
        m_stack->setCurrentWidget(m_noAppPage);
        setState(state);
        return;
    }
    if (state != State::LimitedAccess)
        m_appToken->clear();
    m_notice->setText(text);
    m_signIn->setVisible(state == State::NeedsSignIn);
    m_appToken->setVisible(state == State::LimitedAccess);
    m_stack->setCurrentWidget(m_noticePage);
    setState(state);
}
