#include "ui/content/folderactions.h"

#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/content/foldertreemodel.h"
#include "ui/content/collaborationsdialog.h"
#include "ui/content/contenterror.h"
#include "ui/content/contentlogging.h"
#include "ui/content/folderbrowser.h"
#include "ui/content/folderdestinationdialog.h"
#include "ui/content/renameitemdialog.h"
#include "ui/messagebanner.h"

#include <QAction>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QUrlQuery>

#include <memory>

using namespace Qt::Literals::StringLiterals;

FolderActions::FolderActions(FolderBrowser *browser)
    : QObject(browser), m_browser(browser), m_rename(new QAction(tr("Re&name Folder…"), this)),
      m_move(new QAction(tr("&Move Folder…"), this)),
      m_copy(new QAction(tr("&Copy Folder…"), this)),
      m_delete(new QAction(tr("&Delete Folder…"), this)),
      m_collaborators(new QAction(tr("C&ollaborators…"), this)),
      m_button(new QPushButton(tr("Folde&r"), browser))
{
    setObjectName(u"folderActions"_s);
    const struct
    {
        QAction *action;
        const char *name;
        QString tip;
    } actions[] = {
        {m_rename, "renameFolderAction", tr("Give the selected folder another name")},
        {m_move, "moveFolderAction", tr("Move the selected folder into another folder")},
        {m_copy, "copyFolderAction", tr("Copy the selected folder with everything in it")},
        {m_delete, "deleteFolderAction", tr("Delete the selected folder (asks first)")},
        {m_collaborators, "collaboratorsAction",
         tr("Who can reach the selected folder: change roles, remove, make owner")},
    };
    auto *menu = new QMenu(m_button);
    menu->setObjectName(u"folderActionsMenu"_s);
    for (const auto &a : actions) {
        a.action->setObjectName(QString::fromLatin1(a.name));
        a.action->setToolTip(a.tip);
        a.action->setStatusTip(a.tip);
        menu->addAction(a.action);
        if (a.action == m_delete)
            menu->addSeparator();
    }
    connect(m_rename, &QAction::triggered, this, &FolderActions::rename);
    connect(m_move, &QAction::triggered, this, &FolderActions::move);
    connect(m_copy, &QAction::triggered, this, &FolderActions::copy);
    connect(m_delete, &QAction::triggered, this, &FolderActions::remove);
    connect(m_collaborators, &QAction::triggered, this, &FolderActions::showCollaborators);
    connect(menu, &QMenu::aboutToShow, this, &FolderActions::updateActions);
    m_button->setObjectName(u"folderActionsButton"_s);
    m_button->setAccessibleName(tr("Folder actions"));
    m_button->setToolTip(tr("Rename, move, copy or delete the selected folder, or manage its "
                            "collaborators"));
    m_button->setMenu(menu);
    connect(browser, &FolderBrowser::contextMenuAboutToShow, this, &FolderActions::addTo);
    // Another account (or none) in the browser: a dialog of the previous one closes.
    connect(browser->model(), &QAbstractItemModel::modelReset, this, [this] {
        delete m_dialog;
        updateActions();
    });
    updateActions();
}

FolderActions::~FolderActions()
{
    delete m_dialog;
}

std::optional<FolderActions::Target> FolderActions::target() const
{
    const FolderTreeModel *model = m_browser->model();
    const QModelIndex item = m_browser->currentItem();
    if (!model->client() || !item.isValid() || !model->isFolder(item) ||
        model->itemId(item) == FolderTreeModel::RootId)
        return std::nullopt;
    return Target{model->itemId(item), model->itemName(item), QPersistentModelIndex(item)};
}

void FolderActions::updateActions()
{
    const bool ready = target().has_value();
    for (QAction *a : {m_rename, m_move, m_copy, m_delete, m_collaborators})
        a->setEnabled(ready);
}

void FolderActions::addTo(QMenu *menu, const QModelIndex &item)
{
    const FolderTreeModel *model = m_browser->model();
    if (!item.isValid() || !model->isFolder(item) || model->itemId(item) == FolderTreeModel::RootId)
        return;
    updateActions();
    menu->addSeparator();
    for (QAction *a : {m_rename, m_move, m_copy, m_delete, m_collaborators})
        menu->addAction(a);
}

void FolderActions::setDialog(QWidget *dialog)
{
    delete m_dialog;
    m_dialog = dialog;
}

void FolderActions::showInfo(const QString &title, const QStringList &details)
{
    m_browser->banner()->showMessage(MessageBanner::Kind::Info, title, details);
    m_browser->banner()->show();
}

void FolderActions::showError(const QString &title, const BoxError &error)
{
    const QStringList lines =
        ContentError::text(error, guidanceContextOf(m_browser->model()->client())).split(u'\n');
    m_browser->banner()->showMessage(MessageBanner::Kind::Error, title, lines);
    m_browser->banner()->show();
}

void FolderActions::reloadAndSelect(const QStringList &folderIds, const QString &selectId)
{
    FolderTreeModel *model = m_browser->model();
    // Reading a folder again drops what was read below it: a listed folder inside another is
    // read once its ancestor is (see the watch below).
    auto pending = std::make_shared<QStringList>(folderIds);
    const auto readPending = [model, pending] {
        for (const QString &id : std::as_const(*pending)) {
            const QModelIndex folder = model->indexForId(id);
            if (!folder.isValid())
                continue;
            pending->removeAll(id);
            model->refresh(folder);
            return true; // one at a time: the next waits for this one
        }
        return false;
    };
    readPending();
    if (selectId.isEmpty() ||
        (pending->isEmpty() && m_browser->selectItem(selectId) && !model->isLoading()))
        return;
    auto *watch = new QObject(this);
    connect(model, &FolderTreeModel::folderLoaded, watch,
            [this, watch, selectId, pending, readPending] {
                if (readPending())
                    return;
                if (m_browser->selectItem(selectId) || !m_browser->model()->isLoading())
                    watch->deleteLater();
            });
    connect(model, &FolderTreeModel::loadFailed, watch, [watch] { watch->deleteLater(); });
}

void FolderActions::rename()
{
    const std::optional<Target> t = target();
    if (!t)
        return;
    FolderTreeModel *model = m_browser->model();
    auto *dialog = new RenameItemDialog(RenameItemDialog::ItemType::Folder, model->client(), t->id,
                                        t->name, model->asUserId(), m_browser);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString parentId = model->itemId(t->index.parent());
    connect(dialog, &RenameItemDialog::renamed, this,
            [this, parentId, old = t->name](const QJsonObject &folder) {
                const QString id = folder.value(u"id"_s).toString();
                qCInfo(lcContent) << "renamed folder" << id;
                showInfo(
                    tr("Renamed \"%1\" to \"%2\".").arg(old, folder.value(u"name"_s).toString()));
                reloadAndSelect({parentId}, id);
            });
    setDialog(dialog);
    dialog->open();
}

void FolderActions::move()
{
    moveOrCopy(false);
}

void FolderActions::copy()
{
    moveOrCopy(true);
}

void FolderActions::moveOrCopy(bool copy)
{
    const std::optional<Target> t = target();
    if (!t)
        return;
    FolderTreeModel *model = m_browser->model();
    using Mode = FolderDestinationDialog::Mode;
    auto *dialog = new FolderDestinationDialog(copy ? Mode::Copy : Mode::Move, model->client(),
                                               t->id, t->name, model->asUserId(), m_browser);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString parentId = model->itemId(t->index.parent());
    connect(dialog, &FolderDestinationDialog::done, this,
            [this, copy, parentId, name = t->name](const QJsonObject &folder,
                                                   const QString &destinationId) {
                const QString id = folder.value(u"id"_s).toString();
                const QModelIndex destination = m_browser->model()->indexForId(destinationId);
                const QString where = destination.isValid()
                                          ? m_browser->model()->itemName(destination)
                                          : destinationId;
                if (copy) {
                    showInfo(tr("Copied \"%1\" into \"%2\" as \"%3\" (ID %4).")
                                 .arg(name, where, folder.value(u"name"_s).toString(), id));
                    reloadAndSelect({destinationId}, id);
                } else {
                    showInfo(tr("Moved \"%1\" into \"%2\".").arg(name, where));
                    reloadAndSelect({parentId, destinationId}, id);
                }
            });
    setDialog(dialog);
    dialog->open();
}

void FolderActions::remove()
{
    const std::optional<Target> t = target();
    if (!t)
        return;
    const FolderTreeModel *model = m_browser->model();
    // Known empty only when it was read and has nothing in it.
    const bool empty = model->loadState(t->index) == FolderTreeModel::LoadState::Loaded &&
                       model->rowCount(t->index) == 0;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete Folder"),
                                empty ? tr("Delete the empty folder \"%1\"?").arg(t->name)
                                      : tr("Delete \"%1\" and everything in it?").arg(t->name),
                                QMessageBox::Cancel, m_browser);
    box->setObjectName(u"deleteFolderConfirm"_s);
    box->setInformativeText(
        empty ? tr("Box moves it to the owner's trash.")
              : tr("Its subfolders and files are deleted with it: Box moves them all to the "
                   "owner's trash, and collaborators lose access."));
    QPushButton *confirm = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    confirm->setObjectName(u"deleteFolderConfirmButton"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, confirm, target = *t, empty] {
        if (box->clickedButton() == confirm)
            deleteFolder(target, !empty);
    });
    setDialog(box);
    box->open();
}

void FolderActions::deleteFolder(const Target &t, bool recursive)
{
    FolderTreeModel *model = m_browser->model();
    BoxClient *client = model->client();
    if (!client)
        return;
    ApiRequest request;
    request.method = "DELETE";
    QUrlQuery query;
    if (recursive)
        query.addQueryItem(u"recursive"_s, u"true"_s);
    request.url = client->apiUrl(u"/folders/"_s + t.id, query);
    request.asUser = model->asUserId();
    ApiReply *reply = client->send(request);
    const QString parentId = model->itemId(t.index.parent());
    m_delete->setEnabled(false);
    reply->onFinished(this, [this, t, parentId](const ApiResult &result) {
        updateActions();
        if (!result.ok()) {
            qCInfo(lcContent) << "deleting folder" << t.id << "failed:" << result.error.summary();
            showError(tr("Could not delete the folder \"%1\".").arg(t.name), result.error);
            return;
        }
        qCInfo(lcContent) << "deleted folder" << t.id;
        showInfo(tr("Deleted the folder \"%1\" (ID %2).").arg(t.name, t.id));
        reloadAndSelect({parentId}, parentId);
    });
}

void FolderActions::showCollaborators()
{
    const std::optional<Target> t = target();
    if (!t)
        return;
    FolderTreeModel *model = m_browser->model();
    auto *dialog =
        new CollaborationsDialog(model->client(), t->id, t->name, model->asUserId(), m_browser);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString parentId = model->itemId(t->index.parent());
    connect(dialog, &CollaborationsDialog::changed, this,
            [this, parentId, id = t->id] { reloadAndSelect({parentId}, id); });
    setDialog(dialog);
    dialog->open();
}
