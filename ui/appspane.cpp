#include "ui/appspane.h"

#include "core/appsmodel.h"
#include "core/authmethod.h"
#include "core/configfile.h"
#include "core/configjson.h"
#include "core/export/postmanenvironment.h"
#include "core/profilemanager.h"
#include "core/webhooks/webhookkeystore.h"
#include "ui/appsviewmodel.h"
#include "ui/export/postmanexportflow.h"
#include "ui/export/secretfileexport.h"
#include "ui/import/boxcliimportflow.h"
#include "ui/import/configimportflow.h"
#include "ui/keyboardaccess.h"
#include "ui/messagebanner.h"
#include "ui/paneshortcuts.h"
#include "ui/profileeditordialog.h"
#include "ui/tablecontextmenu.h"

#include <QAction>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {
// The shortcut an action has while the pane is in front (see setShortcutsActive()).
constexpr const char *PaneShortcutProperty = PaneShortcuts::Property;
} // namespace

AppsPane::AppsPane(ProfileManager *manager, QWidget *parent)
    : QWidget(parent), m_manager(manager), m_model(new AppsModel(manager, this)),
      m_viewModel(new AppsViewModel(this)), m_toolBar(new QToolBar(this)),
      m_filter(new QLineEdit(this)), m_banner(new MessageBanner(this)),
      m_stack(new QStackedWidget(this)), m_view(new QTableView(this)),
      m_emptyState(new QWidget(this)), m_importFlow(new ConfigImportFlow(manager, this)),
      m_boxCliImport(new BoxCliImportFlow(manager, this))
{
    setObjectName(u"appsPane"_s);
    setAcceptDrops(true);
    m_viewModel->setSourceModel(m_model);

    m_view->setObjectName(u"appsView"_s);
    m_view->setAccessibleName(tr("Box apps"));
    m_view->setModel(m_viewModel);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(AppsModel::NameColumn, Qt::AscendingOrder);
    m_view->setAlternatingRowColors(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(AppsModel::NameColumn, QHeaderView::Stretch);
    // Fixed so the longest method name and its icon always fit.
    m_view->horizontalHeader()->setSectionResizeMode(AppsModel::MethodColumn, QHeaderView::Fixed);
    m_view->horizontalHeader()->resizeSection(
        AppsModel::MethodColumn, m_view->fontMetrics().horizontalAdvance(
                                     AuthMethods::displayName(AuthMethod::ClientCredentials)) +
                                     60);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->verticalHeader()->setDefaultSectionSize(30);
    m_view->setIconSize(QSize(22, 22));
    m_view->setWordWrap(false);
    m_view->setTabKeyNavigation(false); // Tab leaves the list; the arrows move in it

    m_filter->setObjectName(u"appsFilter"_s);
    m_filter->setPlaceholderText(tr("Filter apps"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter apps"));
    m_filter->setMaximumWidth(260);
    connect(m_filter, &QLineEdit::textChanged, m_viewModel,
            &QSortFilterProxyModel::setFilterFixedString);

    m_banner->setObjectName(u"appsBanner"_s);

    // Empty state: what to do first.
    auto *emptyLayout = new QVBoxLayout(m_emptyState);
    auto *emptyTitle = new QLabel(tr("No Box apps yet"), m_emptyState);
    QFont titleFont = emptyTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    emptyTitle->setFont(titleFont);
    auto *emptyText = new QLabel(
        tr("Import the config.json that the Box Developer Console downloads (drop it here), "
           "bring over the apps Box CLI knows, or add an app by hand. Secrets go to your system "
           "keychain, never to disk."),
        m_emptyState);
    emptyText->setObjectName(u"emptyAppsText"_s);
    emptyText->setWordWrap(true);
    emptyText->setAlignment(Qt::AlignCenter);
    emptyText->setMaximumWidth(480);
    auto *importButton = new QPushButton(tr("Import config.json…"), m_emptyState);
    importButton->setObjectName(u"emptyImportButton"_s);
    auto *boxCliButton = new QPushButton(tr("Import from Box CLI…"), m_emptyState);
    boxCliButton->setObjectName(u"emptyImportBoxCliButton"_s);
    auto *addButton = new QPushButton(tr("Add App…"), m_emptyState);
    addButton->setObjectName(u"emptyAddButton"_s);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(importButton);
    buttons->addWidget(boxCliButton);
    buttons->addWidget(addButton);
    buttons->addStretch();
    emptyLayout->addStretch(1);
    emptyLayout->addWidget(emptyTitle, 0, Qt::AlignHCenter);
    // Centred by stretches, not by alignment: an aligned word-wrapped label gets its height for
    // the column's width but is drawn narrower, which cut its lines off.
    auto *textRow = new QHBoxLayout;
    textRow->addStretch(1);
    textRow->addWidget(emptyText, 4);
    textRow->addStretch(1);
    emptyLayout->addLayout(textRow);
    emptyLayout->addLayout(buttons);
    emptyLayout->addStretch(2);

    m_stack->addWidget(m_view);
    m_stack->addWidget(m_emptyState);

    createActions();
    KeyboardAccess::makeToolBarTabbable(m_toolBar);
    TableContextMenu::install(m_view, [this] {
        QList<QAction *> actions{m_edit, m_duplicate, m_export, m_exportPostman, nullptr, m_delete};
        if (!m_appActions.isEmpty())
            actions << nullptr << m_appActions;
        return actions;
    });
    connect(importButton, &QPushButton::clicked, m_import, &QAction::trigger);
    connect(addButton, &QPushButton::clicked, m_add, &QAction::trigger);
    connect(boxCliButton, &QPushButton::clicked, m_importBoxCli, &QAction::trigger);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    top->addWidget(m_toolBar, 1);
    top->addWidget(m_filter);
    layout->addLayout(top);
    layout->addWidget(m_banner);
    layout->addWidget(m_stack, 1);
    // The toolbar first (its buttons are made after the table), then the filter and the list.
    KeyboardAccess::setTabOrder(KeyboardAccess::toolBarButtons(m_toolBar) +
                                QList<QWidget *>{m_filter, m_view});

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        Q_EMIT selectedProfileChanged(selectedProfileId());
    });
    connect(m_view, &QTableView::doubleClicked, this, [this] { m_edit->trigger(); });
    connect(m_importFlow, &ConfigImportFlow::profileSaved, this, &AppsPane::selectProfile);
    connect(m_importFlow, &ConfigImportFlow::resultsChanged, this, &AppsPane::showImportResults);
    connect(m_boxCliImport, &BoxCliImportFlow::profileSaved, this, &AppsPane::selectProfile);
    connect(m_boxCliImport, &BoxCliImportFlow::finished, this, [this] {
        const ImportResults &results = m_boxCliImport->results();
        if (!results.isEmpty())
            m_banner->report(u"import"_s, results.kind(), results.title(), results.details());
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] { updateEmptyState(); });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this] { updateEmptyState(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { updateEmptyState(); });
    updateEmptyState();
    updateActions();
}

void AppsPane::createActions()
{
    auto make = [this](const QString &name, const QString &text, const QKeySequence &shortcut,
                       const QString &tip) {
        auto *action = new QAction(text, this);
        action->setObjectName(name);
        action->setShortcut(shortcut);
        action->setProperty(PaneShortcutProperty, shortcut);
        action->setShortcutContext(Qt::WindowShortcut);
        action->setToolTip(tip);
        action->setStatusTip(tip);
        m_toolBar->addAction(action);
        return action;
    };
    m_add = make(u"addAppAction"_s, tr("&Add…"), QKeySequence::New, tr("Add a Box app by hand"));
    m_edit = make(u"editAppAction"_s, tr("&Edit…"), QKeySequence(Qt::Key_F2),
                  tr("Edit the selected app"));
    m_duplicate = make(u"duplicateAppAction"_s, tr("D&uplicate"), QKeySequence(u"Ctrl+D"_s),
                       tr("Copy the selected app and its secrets"));
    m_delete = make(u"deleteAppAction"_s, tr("&Delete…"), QKeySequence::Delete,
                    tr("Delete the selected app and its keychain entries"));
    m_toolBar->addSeparator();
    m_import = make(u"importAction"_s, tr("&Import config.json…"), QKeySequence(u"Ctrl+I"_s),
                    tr("Import the config.json downloaded from the Box Developer Console"));
    // Not on the toolbar: in the File menu and on the empty state.
    m_importBoxCli = new QAction(tr("Import from Box &CLI…"), this);
    m_importBoxCli->setObjectName(u"importBoxCliAction"_s);
    m_importBoxCli->setStatusTip(tr("Add the environments Box CLI knows as Box apps"));
    m_export = make(u"exportAction"_s, tr("E&xport config.json…"), QKeySequence(u"Ctrl+E"_s),
                    tr("Write the selected JWT or CCG app as a config.json (contains secrets)"));
    // Not on the toolbar: in the File menu and the list's context menu.
    m_exportPostman = new QAction(tr("Export as &Postman Environment…"), this);
    m_exportPostman->setObjectName(u"exportPostmanAction"_s);
    m_exportPostman->setStatusTip(
        tr("Write the selected app as an environment for Box's Postman collections (contains "
           "secrets)"));
    m_postmanExport = new PostmanExportFlow(m_manager, m_banner, this);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);

    connect(m_add, &QAction::triggered, this, [this] { openEditor({}); });
    connect(m_edit, &QAction::triggered, this, [this] {
        if (!selectedProfileId().isEmpty())
            openEditor(selectedProfileId());
    });
    connect(m_duplicate, &QAction::triggered, this, [this] {
        const QString id = selectedProfileId();
        if (id.isEmpty())
            return;
        m_manager->duplicateProfile(id, this, [this](const QString &newId, const QString &error) {
            if (!error.isEmpty()) {
                m_banner->report(u"duplicate"_s, MessageBanner::Kind::Error,
                                 tr("Could not duplicate the app"), {error});
                return;
            }
            m_banner->resolve(u"duplicate"_s);
            selectProfile(newId);
        });
    });
    connect(m_delete, &QAction::triggered, this, &AppsPane::confirmAndDelete);
    connect(m_import, &QAction::triggered, this, &AppsPane::chooseAndImport);
    connect(m_importBoxCli, &QAction::triggered, m_boxCliImport, &BoxCliImportFlow::start);
    connect(m_export, &QAction::triggered, this, &AppsPane::confirmAndExport);
    connect(m_exportPostman, &QAction::triggered, this,
            [this] { m_postmanExport->start(selectedProfileId()); });
}

void AppsPane::addAppAction(QAction *action)
{
    if (m_appActions.isEmpty())
        m_toolBar->addSeparator();
    m_toolBar->addAction(action);
    m_appActions.append(action);
    // Reached with Tab like the pane's own buttons, before the filter and the list.
    if (QWidget *button = m_toolBar->widgetForAction(action))
        button->setFocusPolicy(Qt::TabFocus);
    KeyboardAccess::setTabOrder(KeyboardAccess::toolBarButtons(m_toolBar) +
                                QList<QWidget *>{m_filter, m_view});
}

void AppsPane::setSessions(ProfileSessionRegistry *sessions)
{
    m_postmanExport->setSessions(sessions);
}

void AppsPane::setShortcutsActive(bool active)
{
    for (QAction *action : m_toolBar->actions()) {
        const QVariant shortcut = action->property(PaneShortcutProperty);
        if (shortcut.isValid())
            action->setShortcut(active ? shortcut.value<QKeySequence>() : QKeySequence());
    }
}

void AppsPane::updateActions()
{
    const QString id = selectedProfileId();
    const bool selected = !id.isEmpty();
    m_edit->setEnabled(selected);
    m_duplicate->setEnabled(selected);
    m_delete->setEnabled(selected);
    m_export->setEnabled(selected && ConfigJson::canExport(m_manager->profile(id)));
    m_exportPostman->setEnabled(selected && PostmanEnvironment::canExport(m_manager->profile(id)));
}

void AppsPane::updateEmptyState()
{
    const bool empty = m_model->rowCount() == 0;
    m_stack->setCurrentWidget(empty ? m_emptyState : static_cast<QWidget *>(m_view));
    m_filter->setEnabled(!empty);
    updateActions();
}

QString AppsPane::selectedProfileId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(AppsModel::ProfileIdRole).toString();
}

void AppsPane::selectProfile(const QString &profileId)
{
    const QModelIndex source = m_model->indexForProfile(profileId);
    if (!source.isValid()) { // nothing (or an unknown app) picked: nothing selected here either
        m_view->selectionModel()->clearSelection();
        return;
    }
    // An app picked elsewhere (a pane's app picker) that the filter hides: the filter goes,
    // so the list shows the picked app selected and its actions act on that app, never on
    // the one selected before.
    if (!m_viewModel->mapFromSource(source).isValid())
        m_filter->clear();
    const QModelIndex index = m_viewModel->mapFromSource(source);
    if (!index.isValid())
        return;
    m_view->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect |
                                                QItemSelectionModel::Rows);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

void AppsPane::openEditor(const QString &profileId)
{
    auto open = [this](ProfileEditorDialog::Mode mode, const AppProfile &profile,
                       const ProfileSecrets &secrets) {
        auto *dialog = new ProfileEditorDialog(mode, profile, secrets, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        // The dialog stays open until the keychain answered: a refused save loses nothing.
        dialog->setSaver([this, mode](ProfileEditorDialog *d, ProfileEditorDialog::SaveDone saved) {
            const AppProfile edited = d->profile();
            auto done = [this, saved](const QString &id, const QString &error) {
                if (error.isEmpty())
                    selectProfile(id);
                saved(error);
            };
            if (edited.method == AuthMethod::CustomSkill) {
                saveSkill(mode == ProfileEditorDialog::Mode::Add, edited, d->secrets(),
                          d->secretChanges(), d->originalSkillKeys(), d->skillKeys(), done);
                return;
            }
            if (mode == ProfileEditorDialog::Mode::Add)
                m_manager->addProfile(edited, d->secrets(), this, done);
            else // only what the user changed: a token rotated meanwhile stays
                m_manager->applyProfileEdit(edited, d->secretChanges(), this, done);
        });
        dialog->open();
    };
    if (profileId.isEmpty()) {
        AppProfile fresh;
        // Known before the save: a Custom Skill's keys are written under it first.
        fresh.id = AppProfile::newId();
        fresh.name = m_manager->uniqueName(tr("New Box app"));
        open(ProfileEditorDialog::Mode::Add, fresh, {});
        return;
    }
    const AppProfile profile = m_manager->profile(profileId);
    m_manager->readSecrets(
        profileId, this,
        [this, profile, open](const ProfileSecrets &secrets, const QString &error) {
            if (!error.isEmpty()) {
                m_banner->report(u"secrets"_s, MessageBanner::Kind::Error,
                                 tr("Could not read the app's secrets"), {error});
                return;
            }
            if (profile.method != AuthMethod::CustomSkill) {
                m_banner->resolve(u"secrets"_s);
                open(ProfileEditorDialog::Mode::Edit, profile, secrets);
                return;
            }
            // A Custom Skill's keys are its signature keys (as the Webhooks tab's).
            WebhookKeyStore::read(
                m_manager->secretStore(), profile.id, this,
                [this, profile, secrets, open](const WebhookKeys &keys, const QString &error) {
                    if (!error.isEmpty()) {
                        m_banner->report(u"secrets"_s, MessageBanner::Kind::Error,
                                         tr("Could not read the app's secrets"), {error});
                        return;
                    }
                    m_banner->resolve(u"secrets"_s);
                    ProfileSecrets withKeys = secrets;
                    withKeys.webhookPrimaryKey = keys.primary;
                    withKeys.webhookSecondaryKey = keys.secondary;
                    open(ProfileEditorDialog::Mode::Edit, profile, withKeys);
                });
        });
}

void AppsPane::saveSkill(bool add, const AppProfile &profile, const ProfileSecrets &secrets,
                         const SecretChanges &changes, const WebhookKeys &keysBefore,
                         const WebhookKeys &keysAfter,
                         const std::function<void(const QString &id, const QString &error)> &done)
{
    SecretStore *store = m_manager->secretStore();
    if (add) {
        // The keys first, under the new profile's id: a profile that could not be added takes
        // them with it (ProfileManager deletes its entries), and so does a failed key write.
        WebhookKeyStore::write(store, profile.id, {}, keysAfter, this,
                               [this, store, profile, secrets, done](const QString &error) {
                                   if (!error.isEmpty()) {
                                       store->deleteSecrets(profile.id, this,
                                                            [](const QString &) {});
                                       done({}, error);
                                       return;
                                   }
                                   m_manager->addProfile(profile, secrets, this, done);
                               });
        return;
    }
    // The keys first here too: the edit's profileChanged then reloads the Skill page (and the
    // profile's session) with the new keys in the keychain.
    WebhookKeyStore::write(store, profile.id, keysBefore, keysAfter, this,
                           [this, profile, changes, done](const QString &error) {
                               if (!error.isEmpty()) {
                                   done({}, error);
                                   return;
                               }
                               m_manager->applyProfileEdit(profile, changes, this, done);
                           });
}

void AppsPane::confirmAndDelete()
{
    const QString id = selectedProfileId();
    if (id.isEmpty())
        return;
    const AppProfile profile = m_manager->profile(id);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete App"),
                                tr("Delete \"%1\"?").arg(profile.name), QMessageBox::Cancel, this);
    box->setObjectName(u"confirmDelete"_s);
    box->setInformativeText(tr("Its client secret, keys and tokens are removed from the keychain. "
                               "The app itself stays in the Box Developer Console."));
    QPushButton *remove = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    remove->setObjectName(u"confirmDeleteButton"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, remove, id] {
        if (box->clickedButton() != remove)
            return;
        m_manager->removeProfile(id, this, [this](const QString &, const QString &error) {
            if (error.isEmpty())
                m_banner->resolve(u"delete"_s);
            else
                m_banner->report(u"delete"_s, MessageBanner::Kind::Error,
                                 tr("Could not delete the app"), {error});
        });
    });
    box->open();
}

void AppsPane::chooseAndImport()
{
    auto *dialog = new QFileDialog(this, tr("Import config.json"), QDir::homePath(),
                                   tr("Box app configuration (*.json);;All files (*)"));
    dialog->setObjectName(u"importFileDialog"_s);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::filesSelected, this, &AppsPane::importFiles);
    dialog->open();
}

void AppsPane::importFile(const QString &filePath)
{
    importFiles({filePath});
}

void AppsPane::importFiles(const QStringList &filePaths)
{
    m_importFlow->importFiles(filePaths);
}

void AppsPane::setSandboxBaseUrl(const QUrl &baseUrl)
{
    m_importFlow->setSandboxBaseUrl(baseUrl);
}

void AppsPane::showImportResults()
{
    const ImportResults &results = m_importFlow->results();
    const bool onlyCancelled = results.entries().size() == 1 &&
                               results.entries().first().outcome == ImportResults::Outcome::Skipped;
    if (results.isEmpty() || onlyCancelled) // the user said no to the one file: nothing to say
        return;
    m_banner->report(u"import"_s, results.kind(), results.title(), results.details());
}

void AppsPane::confirmAndExport()
{
    const QString id = selectedProfileId();
    QString why;
    if (id.isEmpty() || !ConfigJson::canExport(m_manager->profile(id), &why)) {
        if (!why.isEmpty())
            m_banner->showMessage(MessageBanner::Kind::Warning, why);
        return;
    }
    SecretFileExport::Warning warning;
    warning.title = tr("Export config.json");
    warning.text = tr("The exported file will contain this app's client secret and private key.");
    warning.informativeText = tr("Anyone with the file can act as the app's Service Account. "
                                 "Keep it out of source control and delete it when done.");
    warning.objectName = u"confirmExport"_s;
    SecretFileExport::confirm(this, warning, nullptr, [this] {
        SecretFileExport::chooseFile(this, tr("Export config.json"),
                                     QDir::homePath() + u"/config.json"_s,
                                     tr("Box app configuration (*.json)"), u"configSaveDialog"_s,
                                     [this](const QString &path) { exportSelectedTo(path); });
    });
}

void AppsPane::exportSelectedTo(const QString &filePath)
{
    const QString id = selectedProfileId();
    const AppProfile profile = m_manager->profile(id);
    if (id.isEmpty() || !ConfigJson::canExport(profile))
        return;
    m_manager->readSecrets(
        id, this, [this, profile, filePath](const ProfileSecrets &secrets, const QString &error) {
            const QString writeError =
                error.isEmpty() ? writePrivateFile(filePath, ConfigJson::toJson(profile, secrets))
                                : error;
            if (!writeError.isEmpty()) {
                m_banner->showMessage(MessageBanner::Kind::Error, tr("Export failed"),
                                      {writeError});
                return;
            }
            m_banner->showMessage(MessageBanner::Kind::Info,
                                  tr("Exported \"%1\" to %2 (readable only by you)")
                                      .arg(profile.name, QDir::toNativeSeparators(filePath)));
        });
}

void AppsPane::dragEnterEvent(QDragEnterEvent *event)
{
    if (ConfigImportFlow::carriesConfigFile(event->mimeData()))
        event->acceptProposedAction();
}

void AppsPane::dropEvent(QDropEvent *event)
{
    if (!ConfigImportFlow::carriesConfigFile(event->mimeData()))
        return;
    event->acceptProposedAction();
    importFiles(ConfigImportFlow::localFiles(event->mimeData()));
}
