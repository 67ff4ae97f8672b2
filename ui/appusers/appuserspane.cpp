#include "ui/appusers/appuserspane.h"

#include "core/api/boxclient.h"
#include "core/api/errorguidance.h"
#include "core/api/limitedaccess.h"
#include "core/appusers/appuserexport.h"
#include "core/appusers/appuserrow.h"
#include "core/appusers/appuserslogging.h"
#include "core/appusers/appusersmodel.h"
#include "core/check/authfailure.h"
#include "core/profilemanager.h"
#include "core/session/localsandbox.h"
#include "core/session/profilesessionregistry.h"
#include "ui/apppicker.h"
#include "ui/appusers/actasuserdialog.h"
#include "ui/appusers/appuserdialog.h"
#include "ui/appusers/appusernamedelegate.h"
#include "ui/appusers/appuserstable.h"
#include "ui/appusers/bulkimportdialog.h"
#include "ui/appusers/deleteappusersdialog.h"
#include "ui/appusers/exportprogressdialog.h"
#include "ui/appusers/userdetailpanel.h"
#include "ui/emptystatepane.h"
#include "ui/headercolumnsmenu.h"
#include "ui/messagebanner.h"
#include "ui/profileselection.h"
#include "ui/sandboxstartbutton.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {
QString exportedText(int count)
{
    return count == 1 ? AppUsersPane::tr("Exported 1 user")
                      : AppUsersPane::tr("Exported %1 users").arg(QLocale().toString(count));
}
} // namespace

AppUsersPane::AppUsersPane(ProfileSessionRegistry *sessions, QWidget *parent)
    : QWidget(parent), m_sessions(sessions), m_manager(sessions->manager()),
      m_model(new AppUsersModel(this)), m_heading(new QLabel(tr("App Users"), this)),
      m_subheading(new QLabel(this)), m_stack(new QStackedWidget(this))
{
    setObjectName(u"appUsersPane"_s);
    m_heading->setObjectName(u"appUsersHeading"_s);
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.35);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_subheading->setObjectName(u"appUsersSubheading"_s);
    m_subheading->setWordWrap(true);

    // Notice page (no profile, App Token, sign-in needed, secrets missing).
    m_noticePage = new QWidget(this);
    m_noticePage->setObjectName(u"appUsersNoticePage"_s);
    m_notice = new QLabel(m_noticePage);
    m_notice->setObjectName(u"appUsersNotice"_s);
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::RichText);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_startSandbox = new SandboxStartButton(m_noticePage);
    auto *noticeLayout = new QVBoxLayout(m_noticePage);
    noticeLayout->setContentsMargins(0, 0, 0, 0);
    noticeLayout->addWidget(m_notice);
    noticeLayout->addWidget(m_startSandbox, 0, Qt::AlignLeft);
    noticeLayout->addStretch();

    // Table page.
    m_tablePage = new QWidget(this);
    m_tablePage->setObjectName(u"appUsersTablePage"_s);
    createActions();
    QToolBar *toolbar = m_actions.createToolBar(m_tablePage);

    m_search = new QLineEdit(m_tablePage);
    m_search->setObjectName(u"searchField"_s);
    m_search->setAccessibleName(tr("Search users"));
    m_search->setPlaceholderText(tr("Search by name or login (starts with)…"));
    m_search->setClearButtonEnabled(true);
    m_externalId = new QLineEdit(m_tablePage);
    m_externalId->setObjectName(u"externalIdField"_s);
    m_externalId->setAccessibleName(tr("Find by external app user ID"));
    m_externalId->setPlaceholderText(tr("External ID (exact), Enter to look up"));
    m_externalId->setClearButtonEnabled(true);
    m_externalId->setMaximumWidth(280);
    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(SearchDelayMs);
    connect(m_search, &QLineEdit::textChanged, this, [this] {
        if (!m_externalId->text().isEmpty())
            m_externalId->clear();
        m_searchTimer->start();
    });
    connect(m_searchTimer, &QTimer::timeout, this, &AppUsersPane::applySearchNow);
    connect(m_externalId, &QLineEdit::returnPressed, this, [this] {
        m_searchTimer->stop();
        m_model->lookupExternalId(m_externalId->text());
    });
    connect(m_externalId, &QLineEdit::textChanged, this, [this](const QString &text) {
        // Clearing the field goes back to the list (or the search).
        if (text.isEmpty() && !m_model->externalIdLookup().isEmpty())
            m_model->lookupExternalId({});
    });
    // Which of the loaded users show: Box lists app users and, with App + Enterprise Access,
    // the enterprise's managed users in one list.
    m_typeFilter = new QComboBox(m_tablePage);
    m_typeFilter->setObjectName(u"userTypeFilter"_s);
    m_typeFilter->setAccessibleName(tr("Show users of type"));
    const QString noServiceAccounts =
        tr("Box does not list Service Accounts among the users (GET /users), so this shows "
           "none unless Box does: the app's own Service Account is on the Service Account "
           "pane.");
    const struct
    {
        QString text;
        AppUsersModel::TypeFilter filter;
        QString tip;
    } types[] = {
        {tr("All types"), AppUsersModel::TypeFilter::All, tr("Every user Box lists to this app")},
        {tr("App users"), AppUsersModel::TypeFilter::AppUsers,
         tr("Users this app made for itself (API only, no Box login)")},
        {tr("Managed users"), AppUsersModel::TypeFilter::ManagedUsers,
         tr("People with a Box login in the enterprise, listed when the app has App + "
            "Enterprise Access")},
        {tr("Service Account"), AppUsersModel::TypeFilter::ServiceAccounts, noServiceAccounts},
    };
    for (const auto &type : types) {
        m_typeFilter->addItem(type.text, QVariant::fromValue(type.filter));
        m_typeFilter->setItemData(m_typeFilter->count() - 1, type.tip, Qt::ToolTipRole);
    }
    m_typeFilter->setToolTip(
        tr("Shows the loaded users of one type; the Type column and the icon before each name "
           "say which each is. %1")
            .arg(noServiceAccounts));
    connect(m_typeFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setTypeFilter(m_typeFilter->currentData().value<AppUsersModel::TypeFilter>());
        updateStatusLine();
        updateActions();
    });
    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(m_search, 2);
    searchRow->addWidget(m_externalId, 1);
    searchRow->addWidget(m_typeFilter);

    m_banner = new MessageBanner(m_tablePage);
    m_banner->setObjectName(u"appUsersBanner"_s);
    m_banner->hide();

    m_view = new QTableView(m_tablePage);
    m_view->setObjectName(u"appUsersTable"_s);
    m_view->setAccessibleName(tr("App users"));
    m_view->setModel(m_model);
    AppUsersTable::setUp(m_view);
    QHeaderView *header = m_view->horizontalHeader();
    // Right-click on the header shows or hides columns (Created, for one); Name stays.
    HeaderColumnsMenu::install(header, {AppUsersModel::NameColumn});
    const QFontMetrics fm = m_view->fontMetrics();
    auto width = [&fm](const QString &sample) { return fm.horizontalAdvance(sample) + 18; };
    // A name as the sandbox seeds them, after its type's icon (AppUserNameDelegate).
    m_view->setColumnWidth(AppUsersModel::NameColumn,
                           AppUserNameDelegate::cellWidth(m_view, u"App User 00000"_s));
    m_view->setColumnWidth(AppUsersModel::LoginColumn, width(u"AppUser_1234567_abcdefghij@b"_s));
    m_view->setColumnWidth(AppUsersModel::IdColumn, width(u"300000000000"_s));
    m_view->setColumnWidth(AppUsersModel::ExternalIdColumn, width(u"ext-000000"_s));
    m_view->setColumnWidth(AppUsersModel::StatusColumn,
                           std::max(width(u"Inactive"_s), width(u"Status"_s)));
    m_view->setColumnWidth(AppUsersModel::SpaceColumn, width(u"0.0 MB of 10.0 GB"_s));
    m_typeWidth = std::max(width(AppUserRow::typeText(AppUserRow::Type::ManagedUser)),
                           width(AppUserRow::typeText(AppUserRow::Type::ServiceAccount)));
    m_view->setColumnWidth(AppUsersModel::TypeColumn, m_typeWidth);
    for (int column = 0; column < AppUsersModel::ColumnCount; ++column) // and their titles
        m_view->setColumnWidth(
            column, std::max(m_view->columnWidth(column), header->sectionSizeHint(column)));
    m_typeWidth = m_view->columnWidth(AppUsersModel::TypeColumn);
    // Another column shown, hidden or widened changes the room left for the type; the type
    // shown from the header's menu gets it checked too.
    connect(header, &QHeaderView::sectionResized, this, &AppUsersPane::fitTypeColumn);
    m_actions.installOnTable(m_view);
    m_view->installEventFilter(this);
    m_search->installEventFilter(this);
    m_externalId->installEventFilter(this);
    // Enter and double-click (or single click, where the style activates on it).
    connect(m_view, &QTableView::activated, this, [this] { editUser(); });

    m_details = new UserDetailPanel(m_tablePage);
    connect(m_details, &UserDetailPanel::editRequested, this, [this] { editUser(); });
    connect(m_details, &UserDetailPanel::actAsRequested, this, [this] { actAsUser(); });
    auto *splitter = new QSplitter(Qt::Horizontal, m_tablePage);
    splitter->setObjectName(u"appUsersSplitter"_s);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 1);
    // As narrow as a creation date (longer values wrap or elide, whole in their tooltips), so
    // the six columns fit beside it at 1024x700; as wide as a long login on one line.
    const int detailsWidth = fm.horizontalAdvance(u"Saturday, 30 September 2026"_s) + 24;
    m_details->setMinimumWidth(detailsWidth);
    m_details->setMaximumWidth(
        fm.horizontalAdvance(u"AppUser_1234567_ABCDEFGHIJ@boxdevedition.com"_s) * 3 / 2);
    splitter->setStretchFactor(1, 0);
    splitter->setSizes({8 * detailsWidth, detailsWidth});
    splitter->setCollapsible(0, false);
    toolbar->addSeparator();
    toolbar->addAction(m_details->createToggleAction(splitter));
    m_details->foldWhileNarrow(m_view, {AppUsersModel::TypeColumn});

    m_statusLine = new QLabel(m_tablePage);
    m_statusLine->setObjectName(u"appUsersStatus"_s);
    m_statusLine->setAccessibleName(tr("Loading status"));

    auto *tableLayout = new QVBoxLayout(m_tablePage);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(toolbar);
    tableLayout->addLayout(searchRow);
    tableLayout->addWidget(m_banner);
    tableLayout->addWidget(splitter, 1);
    tableLayout->addWidget(m_statusLine);

    m_stack->addWidget(m_noticePage);
    m_stack->addWidget(m_tablePage);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_subheading);
    layout->addSpacing(6);
    layout->addWidget(m_stack, 1);

    connect(m_model, &AppUsersModel::loadingChanged, this, &AppUsersPane::updateStatusLine);
    connect(m_model, &AppUsersModel::pageLoaded, this, &AppUsersPane::updateStatusLine);
    connect(m_model, &AppUsersModel::totalCountChanged, this, &AppUsersPane::updateStatusLine);
    connect(m_model, &AppUsersModel::modelReset, this, [this] {
        m_banner->hide();
        updateStatusLine();
        updateActions();
    });
    connect(m_model, &AppUsersModel::rowsRemoved, this, &AppUsersPane::updateStatusLine);
    // A load error is over once a page arrives.
    connect(m_model, &AppUsersModel::pageLoaded, m_banner,
            [this] { m_banner->resolve(u"load"_s); });
    connect(m_model, &AppUsersModel::loadFailed, this, &AppUsersPane::onLoadFailed);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AppUsersPane::updateActions);
    connect(m_model, &AppUsersModel::dataChanged, this, &AppUsersPane::updateActions);

    showNotice(EmptyStatePane::noAppSelectedHtml());
    updateActions();
}

AppUsersPane::~AppUsersPane()
{
    m_model->setClient(nullptr);
}

void AppUsersPane::createActions()
{
    m_actions = AppUsersActions::create(this);
    connect(m_actions.newAction, &QAction::triggered, this, [this] { createUser(); });
    connect(m_actions.editAction, &QAction::triggered, this, [this] { editUser(); });
    connect(m_actions.deleteAction, &QAction::triggered, this, [this] { deleteSelected(); });
    connect(m_actions.refreshAction, &QAction::triggered, this, [this] {
        if (client())
            m_model->reload();
        else
            reload();
    });
    connect(m_actions.exportSelectedAction, &QAction::triggered, this,
            [this] { askExportPath(false); });
    connect(m_actions.exportAllAction, &QAction::triggered, this, [this] { askExportPath(true); });
    // The bulk import dialog; the list is read again after an import.
    connect(m_actions.importAction, &QAction::triggered, this, [this] { importCsv(); });
    connect(m_actions.actAsAction, &QAction::triggered, this, [this] { actAsUser(); });
}

bool AppUsersPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::Resize)
        fitTypeColumn();
    if (event->type() != QEvent::ShortcutOverride && event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    const QKeySequence typed(
        QKeyCombination(key->modifiers() & ~Qt::KeypadModifier, Qt::Key(key->key())));
    const bool inTable = watched == m_view;
    for (QAction *action :
         {m_actions.newAction, m_actions.editAction, m_actions.deleteAction,
          m_actions.refreshAction, m_actions.exportAllAction, m_actions.actAsAction}) {
        // Enter and Del belong to the text in the search fields.
        if (!inTable && (action == m_actions.editAction || action == m_actions.deleteAction))
            continue;
        if (!action->isEnabled() || !action->shortcuts().contains(typed))
            continue;
        event->accept();
        if (event->type() == QEvent::KeyPress)
            action->trigger();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void AppUsersPane::fitTypeColumn()
{
    QHeaderView *header = m_view->horizontalHeader();
    const int type = AppUsersModel::TypeColumn;
    if (header->isSectionHidden(type) && !HeaderColumnsMenu::isAutoHidden(header, type))
        return; // hidden by the user (the header's menu)
    // The type gives way first while the other shown columns have no room beside it (the
    // details fold only when they have none even without it: UserDetailPanel): hidden, not
    // the user's choice, so the header's menu and the saved layout keep it shown and it comes
    // back once there is room. The names' icons and tooltips tell the types apart meanwhile.
    const bool room = m_view->width() >= AppUsersTable::widthNeeded(m_view, {type}) + m_typeWidth;
    HeaderColumnsMenu::setAutoHidden(header, type, !room);
    if (room && header->sectionSize(type) != m_typeWidth)
        header->resizeSection(type, m_typeWidth);
}

BoxClient *AppUsersPane::client() const
{
    return m_session && m_session->state() == ProfileSession::State::Ready ? m_session->client()
                                                                           : nullptr;
}

bool AppUsersPane::isReady() const
{
    return client() && m_stack->currentWidget() == m_tablePage;
}

void AppUsersPane::followSelection(ProfileSelection *selection)
{
    AppPicker::addBeside(m_heading, selection);
    connect(selection, &ProfileSelection::profileIdChanged, this, &AppUsersPane::setProfileId);
    setProfileId(selection->profileId());
}

void AppUsersPane::setProfileId(const QString &profileId)
{
    if (profileId == m_profileId && !m_dirty && m_session)
        return;
    if (profileId != m_profileId)
        releaseSession();
    m_profileId = profileId;
    m_dirty = true;
    if (isVisible())
        bindSession();
}

void AppUsersPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        bindSession();
}

void AppUsersPane::clearViews()
{
    m_model->setClient(nullptr);
    if (m_export)
        m_export->cancel();
}

void AppUsersPane::releaseSession()
{
    clearViews();
    if (m_session) {
        m_session->disconnect(this);
        m_sessions->release(m_profileId, this);
    }
    m_session = nullptr;
}

void AppUsersPane::bindSession()
{
    m_dirty = false;
    if (!m_session && !m_profileId.isEmpty() && m_manager->indexOf(m_profileId) >= 0) {
        m_session = m_sessions->session(m_profileId, this);
        connect(m_session, &ProfileSession::aboutToReset, this, &AppUsersPane::clearViews);
        connect(m_session, &ProfileSession::stateChanged, this, [this] {
            if (!isVisible()) {
                m_dirty = true; // shown when the pane is
                return;
            }
            showSessionState();
        });
    }
    showSessionState();
}

void AppUsersPane::setSandboxStartAction(QAction *action)
{
    m_startSandbox->setAction(action);
}

void AppUsersPane::setCheckAppAction(QAction *action)
{
    m_banner->setErrorAction(action);
}

void AppUsersPane::showNotice(const QString &html)
{
    m_notice->setText(html);
    m_startSandbox->setNeeded(false);
    m_stack->setCurrentWidget(m_noticePage);
    updateActions();
}

void AppUsersPane::showTable()
{
    m_stack->setCurrentWidget(m_tablePage);
    updateActions();
}

void AppUsersPane::reload()
{
    if (!m_session) {
        bindSession();
        return;
    }
    m_dirty = false;
    m_session->reload();
    showSessionState();
}

void AppUsersPane::showSessionState()
{
    const ProfileSession::State state =
        m_session ? m_session->state() : ProfileSession::State::NoProfile;
    if (state != ProfileSession::State::Ready)
        clearViews();
    if (state == ProfileSession::State::NoProfile) {
        m_profile = {};
        m_subheading->clear();
        showNotice(EmptyStatePane::noAppSelectedHtml());
        return;
    }
    m_profile = m_session->profile();
    m_subheading->setText(tr("Users of %1, as Box lists them to this app").arg(m_profile.name));
    switch (state) {
    case ProfileSession::State::NoProfile:
        break;
    case ProfileSession::State::LimitedAccess:
        showNotice(tr("<p><b>Limited Access (App Token)</b></p>") +
                   LimitedAccess::explanationHtml());
        break;
    case ProfileSession::State::Skill:
        showNotice(tr("<p><b>A Custom Skill has no app users.</b></p><p>Box calls the Skill "
                      "with a read and a write token for each file that triggers it; it never "
                      "acts as a user or lists them. Choose a JWT or Client Credentials app to "
                      "see its app users.</p>"));
        break;
    case ProfileSession::State::Loading:
        showNotice(tr("<p>Reading the app's secrets from the keychain…</p>"));
        break;
    case ProfileSession::State::Failed: {
        const Guidance &g = m_session->failure();
        QString html = tr("<p><b>%1.</b></p><p>%2</p>")
                           .arg(g.title.toHtmlEscaped(), g.explanation.toHtmlEscaped());
        if (!g.fix.isEmpty())
            html += tr("<p>%1</p>").arg(g.fix.toHtmlEscaped());
        showNotice(html);
        // The profile's sandbox is not running: start it right here. The session loads again
        // once it runs.
        m_startSandbox->setNeeded(LocalSandbox::instance()->isUnavailable(m_profile));
        break;
    }
    case ProfileSession::State::NeedsSignIn:
        showNotice(tr("<p><b>No one is signed in to this OAuth 2.0 app.</b></p><p>Sign in on "
                      "the Signed-in User pane (View > Signed-in User) first.</p>"));
        break;
    case ProfileSession::State::Ready:
        // The same client as before (shown again): the table keeps what it loaded.
        showTable();
        if (m_model->client() != m_session->client())
            m_model->setClient(m_session->client());
        m_view->setFocus();
        break;
    }
}

void AppUsersPane::applySearchNow()
{
    m_searchTimer->stop();
    if (m_search->text().trimmed() == m_model->search() && m_model->externalIdLookup().isEmpty())
        return;
    m_model->setSearch(m_search->text());
}

void AppUsersPane::onLoadFailed(const BoxError &error)
{
    GuidanceContext context;
    context.method = m_profile.method;
    context.clientId = m_profile.clientId;
    const Guidance g = guidanceFor(error, context);
    QStringList details;
    if (!g.explanation.isEmpty())
        details.append(g.explanation);
    if (!g.fix.isEmpty())
        details.append(g.fix);
    if (details.isEmpty())
        details.append(error.summary());
    details.append(tr("Press F5 to load again."));
    m_banner->report(u"load"_s, MessageBanner::Kind::Error,
                     g.title.isEmpty() ? tr("Box did not list the users") : g.title, details);
    m_banner->offerErrorAction(isAuthFailure(error)); // Check App explains those
    m_banner->show();
    updateStatusLine();
}

void AppUsersPane::updateStatusLine()
{
    const QLocale locale;
    const int loaded = m_model->loadedCount();
    const qint64 total = m_model->totalCount();
    QString text;
    switch (m_model->mode()) {
    case AppUsersModel::Mode::ExternalId:
        if (m_model->isLoading())
            text = tr("Looking up external ID “%1”…").arg(m_model->externalIdLookup());
        else if (loaded == 0)
            text = tr("No app user has the external ID “%1”.").arg(m_model->externalIdLookup());
        else
            text = loaded == 1 ? tr("External ID “%1”: 1 user").arg(m_model->externalIdLookup())
                               : tr("External ID “%1”: %2 users")
                                     .arg(m_model->externalIdLookup(), locale.toString(loaded));
        break;
    case AppUsersModel::Mode::Search:
        text = total >= 0
                   ? tr("Loaded %1 of %2 matching “%3”")
                         .arg(locale.toString(loaded), locale.toString(total), m_model->search())
                   : tr("Loaded %1 matching “%2”").arg(locale.toString(loaded), m_model->search());
        if (m_model->isTruncated())
            text += tr(" · Box lists the first 10,000 matches; refine the search");
        break;
    case AppUsersModel::Mode::List:
        text = total >= 0
                   ? tr("Loaded %1 of %2").arg(locale.toString(loaded), locale.toString(total))
                   : tr("Loaded %1").arg(locale.toString(loaded));
        break;
    }
    if (const QString shown = typeFilterText(); !shown.isEmpty())
        text = shown + tr(" · ") + text;
    if (m_model->isLoading())
        text += tr(" · loading…");
    else if (m_model->lastError().isError())
        text += tr(" · stopped: %1").arg(m_model->lastError().summary());
    else if (m_model->canFetchMore() && m_model->mode() != AppUsersModel::Mode::ExternalId)
        text += tr(" · scroll for more");
    m_statusLine->setText(text);
}

QString AppUsersPane::typeFilterText() const
{
    const int shown = m_model->rowCount();
    const QString count = QLocale().toString(shown);
    switch (m_model->typeFilter()) {
    case AppUsersModel::TypeFilter::All:
        break;
    case AppUsersModel::TypeFilter::AppUsers:
        return shown == 1 ? tr("1 app user shown") : tr("%1 app users shown").arg(count);
    case AppUsersModel::TypeFilter::ManagedUsers:
        return shown == 1 ? tr("1 managed user shown") : tr("%1 managed users shown").arg(count);
    case AppUsersModel::TypeFilter::ServiceAccounts:
        if (shown == 0)
            return tr("No Service Account: Box does not list them among the users (see the "
                      "Service Account pane)");
        return shown == 1 ? tr("1 Service Account shown")
                          : tr("%1 Service Accounts shown").arg(count);
    }
    return {};
}

QList<int> AppUsersPane::selectedRows() const
{
    QList<int> rows;
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    rows.reserve(selected.size());
    for (const QModelIndex &i : selected)
        rows.append(i.row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

void AppUsersPane::updateActions()
{
    const bool ready = isReady();
    const QList<int> rows = ready ? selectedRows() : QList<int>();
    m_actions.newAction->setEnabled(ready);
    m_actions.refreshAction->setEnabled(!m_profileId.isEmpty());
    m_actions.editAction->setEnabled(rows.size() == 1);
    m_actions.actAsAction->setEnabled(rows.size() == 1);
    m_actions.deleteAction->setEnabled(!rows.isEmpty());
    m_actions.exportSelectedAction->setEnabled(!rows.isEmpty());
    m_actions.exportAllAction->setEnabled(ready && !m_export);
    m_actions.importAction->setEnabled(ready);
    if (rows.size() == 1)
        m_details->showUser(m_model->user(rows.first()), m_model->rowData(rows.first()).type);
    else
        m_details->showSummary(int(rows.size()));
}

AppUserDialog *AppUsersPane::createUser()
{
    if (!isReady())
        return nullptr;
    auto *dialog = new AppUserDialog(client(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AppUserDialog::userSaved, this, [this](const QJsonObject &user) {
        m_model->upsertUser(user);
        const int row = m_model->rowOfUser(user.value(u"id"_s).toString());
        if (row >= 0) {
            m_view->selectRow(row);
            m_view->scrollTo(m_model->index(row, 0));
        }
    });
    dialog->open();
    return dialog;
}

BulkImportDialog *AppUsersPane::importCsv()
{
    if (!isReady())
        return nullptr;
    auto *dialog = new BulkImportDialog(client(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // New users may land anywhere in Box's order: read the list again.
    connect(dialog, &BulkImportDialog::usersCreated, m_model, &AppUsersModel::reload);
    dialog->open();
    return dialog;
}

AppUserDialog *AppUsersPane::editUser()
{
    const QList<int> rows = selectedRows();
    if (!isReady() || rows.size() != 1)
        return nullptr;
    // Enter on the table can reach both the shortcut and activated(): one dialog is enough.
    if (auto *open = qobject_cast<AppUserDialog *>(m_openDialog.data()); open && open->isVisible())
        return open;
    auto *dialog = new AppUserDialog(client(), m_model->userId(rows.first()), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_openDialog = dialog;
    connect(dialog, &AppUserDialog::userSaved, this, [this](const QJsonObject &user) {
        m_model->upsertUser(user);
        updateActions();
    });
    dialog->open();
    return dialog;
}

DeleteAppUsersDialog *AppUsersPane::deleteSelected()
{
    const QList<int> rows = selectedRows();
    if (!isReady() || rows.isEmpty())
        return nullptr;
    QList<QPair<QString, QString>> users;
    for (int row : rows)
        users.append({m_model->userId(row), m_model->rowData(row).name});
    auto *dialog = new DeleteAppUsersDialog(client(), users, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DeleteAppUsersDialog::usersDeleted, m_model, &AppUsersModel::removeUsers);
    dialog->open();
    return dialog;
}

ActAsUserDialog *AppUsersPane::actAsUser()
{
    const QList<int> rows = selectedRows();
    if (!isReady() || rows.size() != 1)
        return nullptr;
    const AppUserRow &row = m_model->rowData(rows.first());
    auto *dialog = new ActAsUserDialog(m_session, row.id, row.name, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Acting as a user of an app that is no longer selected (or was edited) would be
    // confusing: the window goes when the session starts again or ends.
    connect(m_session->context(), &QObject::destroyed, dialog, &QWidget::close);
    dialog->show();
    return dialog;
}

bool AppUsersPane::exportSelection(const QString &path, QString *error)
{
    QList<QJsonObject> users;
    for (int row : selectedRows())
        users.append(m_model->user(row));
    QStringList columns{u"type"_s, u"id"_s};
    columns += AppUserRow::requestedFields();
    return AppUserExport::exportUsers(users, columns, path, AppUserExport::formatForPath(path),
                                      error);
}

AppUserExport *AppUsersPane::exportAll(const QString &path)
{
    if (!isReady() || m_export)
        return nullptr;
    auto *exporter = new AppUserExport(client(), this);
    m_export = exporter;
    // Closing the window deletes it (WA_DeleteOnClose), possibly before the export ends.
    QPointer<ExportProgressDialog> progress = new ExportProgressDialog(exporter, this);
    connect(
        exporter, &AppUserExport::finished, this,
        [this, exporter, progress, path](AppUserExport::Outcome outcome, const QString &message) {
            if (progress)
                progress->close();
            exporter->deleteLater();
            m_export = nullptr;
            updateActions();
            if (outcome == AppUserExport::Outcome::Done) {
                m_banner->showMessage(MessageBanner::Kind::Info,
                                      exportedText(exporter->writtenCount()), {path});
            } else {
                m_banner->showMessage(outcome == AppUserExport::Outcome::Cancelled
                                          ? MessageBanner::Kind::Info
                                          : MessageBanner::Kind::Error,
                                      tr("The export did not finish"), {message});
            }
            m_banner->show();
        });
    progress->show();
    exporter->exportAll(path, AppUserExport::formatForPath(path));
    updateActions();
    return exporter;
}

void AppUsersPane::askExportPath(bool all)
{
    auto *dialog =
        new QFileDialog(this, all ? tr("Export All App Users") : tr("Export Selected App Users"));
    dialog->setObjectName(u"exportFileDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilters({tr("CSV files (*.csv)"), tr("JSON files (*.json)")});
    dialog->setDefaultSuffix(u"csv"_s);
    dialog->selectFile(u"app-users.csv"_s);
    connect(dialog, &QFileDialog::filterSelected, dialog, [dialog](const QString &filter) {
        dialog->setDefaultSuffix(filter.contains(u"json"_s) ? u"json"_s : u"csv"_s);
    });
    connect(dialog, &QFileDialog::fileSelected, this, [this, all](const QString &path) {
        if (all) {
            exportAll(path);
            return;
        }
        QString error;
        if (exportSelection(path, &error)) {
            m_banner->showMessage(MessageBanner::Kind::Info,
                                  exportedText(int(selectedRows().size())), {path});
        } else {
            m_banner->showMessage(MessageBanner::Kind::Error, tr("The export failed"), {error});
        }
        m_banner->show();
    });
    dialog->open();
}
