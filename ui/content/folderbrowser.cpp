#include "ui/content/folderbrowser.h"

#include "core/api/boxclient.h"
#include "core/check/authfailure.h"
#include "core/content/foldertreemodel.h"
#include "ui/content/collaboratedialog.h"
#include "ui/content/contenterror.h"
#include "ui/content/contentlogging.h"
#include "ui/content/fileactions.h"
#include "ui/content/fileskillcardspanel.h"
#include "ui/content/folderactions.h"
#include "ui/content/newfolderdialog.h"
#include "ui/messagebanner.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTreeView>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace {
// Adds the folder and file icons of the current style (the model lives in the core).
class FolderIconProxy : public QIdentityProxyModel
{
public:
    FolderIconProxy(QStyle *style, QObject *parent) : QIdentityProxyModel(parent), m_style(style) {}

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::DecorationRole && index.column() == FolderTreeModel::NameColumn) {
            const QString type = index.data(FolderTreeModel::TypeRole).toString();
            if (index.data(FolderTreeModel::IdRole).toString() == FolderTreeModel::RootId)
                return m_style->standardIcon(QStyle::SP_DriveHDIcon);
            if (type == u"folder"_s)
                return m_style->standardIcon(QStyle::SP_DirIcon);
            return m_style->standardIcon(QStyle::SP_FileIcon);
        }
        return QIdentityProxyModel::data(index, role);
    }

private:
    QStyle *m_style;
};
} // namespace

FolderBrowser::FolderBrowser(QWidget *parent)
    : QWidget(parent), m_model(new FolderTreeModel(this)),
      m_proxy(new FolderIconProxy(style(), this)), m_newFolder(new QPushButton(this)),
      m_collaborate(new QPushButton(this)), m_refresh(new QPushButton(this)),
      m_progressRow(new QWidget(this)), m_progress(new QProgressBar(m_progressRow)),
      m_progressText(new QLabel(m_progressRow)), m_stop(new QPushButton(m_progressRow)),
      m_banner(new MessageBanner(this)), m_emptyHint(new QLabel(this)), m_view(new QTreeView(this)),
      m_skillCards(new FileSkillCardsPanel(this))
{
    setObjectName(u"folderBrowser"_s);
    m_proxy->setSourceModel(m_model);
    m_files = new FileActions(this, m_model, m_banner);
    m_folderActions = new FolderActions(this);
    connect(m_files, &FileActions::selectRequested, this, &FolderBrowser::selectItem);
    const std::pair<QAction *, QString> fileButtons[] = {
        {m_files->uploadAction(), u"uploadButton"_s},
        {m_files->downloadAction(), u"downloadButton"_s},
    };
    for (const auto &[action, name] : fileButtons) {
        auto *button = new QPushButton(action->icon(), action->text(), this);
        button->setObjectName(name);
        button->setToolTip(action->toolTip());
        button->setAccessibleName(QString(action->text()).remove(u'&').remove(u'…'));
        button->setEnabled(action->isEnabled());
        connect(action, &QAction::changed, button,
                [button, a = action] { button->setEnabled(a->isEnabled()); });
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        m_fileButtons.append(button);
    }
    // The other file actions in a menu button (the row must fit 1024 px), and the context menu.
    auto *fileMenu = new QMenu(this);
    fileMenu->setObjectName(u"fileActionsMenu"_s);
    m_files->addFileActionsTo(fileMenu);
    fileMenu->removeAction(m_files->downloadAction()); // it has its own button
    auto *fileButton = new QPushButton(tr("F&ile"), this);
    fileButton->setObjectName(u"fileActionsButton"_s);
    fileButton->setToolTip(tr("Shared link, rename or delete the selected file"));
    fileButton->setAccessibleName(tr("File actions"));
    fileButton->setMenu(fileMenu);
    const auto updateFileButton = [fileButton, fileMenu] {
        bool any = false;
        for (QAction *a : fileMenu->actions())
            any = any || (!a->isSeparator() && a->isEnabled());
        fileButton->setEnabled(any);
    };
    for (QAction *a :
         {m_files->renameAction(), m_files->deleteAction(), m_files->sharedLinkAction()})
        connect(a, &QAction::changed, fileButton, updateFileButton);
    updateFileButton();
    m_fileButtons.append(fileButton);

    m_newFolder->setObjectName(u"newFolderButton"_s);
    m_newFolder->setText(tr("New Folder…"));
    m_newFolder->setIcon(style()->standardIcon(QStyle::SP_FileDialogNewFolder));
    m_newFolder->setShortcut(QKeySequence(u"Ctrl+Shift+N"_s));
    m_newFolder->setToolTip(tr("Create a folder in the selected folder (Ctrl+Shift+N)"));
    m_newFolder->setAccessibleName(tr("New folder"));
    connect(m_newFolder, &QPushButton::clicked, this, &FolderBrowser::newFolder);

    m_collaborate->setObjectName(u"collaborateButton"_s);
    m_collaborate->setText(tr("Collaborate…"));
    m_collaborate->setShortcut(QKeySequence(u"Ctrl+Shift+I"_s));
    m_collaborate->setToolTip(
        tr("Invite a user to the selected folder as a collaborator (Ctrl+Shift+I)"));
    m_collaborate->setAccessibleName(tr("Collaborate"));
    connect(m_collaborate, &QPushButton::clicked, this, &FolderBrowser::collaborate);

    m_refresh->setObjectName(u"refreshFoldersButton"_s);
    m_refresh->setText(tr("Refresh"));
    m_refresh->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_refresh->setShortcut(QKeySequence(u"Ctrl+R"_s));
    m_refresh->setToolTip(tr("Read the selected folder again (Ctrl+R)"));
    m_refresh->setAccessibleName(tr("Refresh folder"));
    connect(m_refresh, &QPushButton::clicked, this, &FolderBrowser::refresh);

    m_progress->setObjectName(u"folderProgress"_s);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(120);
    m_progress->setAccessibleName(tr("Reading folders"));
    m_progressText->setObjectName(u"folderProgressText"_s);
    m_progressText->setText(tr("Reading folders…"));
    m_stop->setObjectName(u"stopLoadingButton"_s);
    m_stop->setText(tr("Stop"));
    m_stop->setAccessibleName(tr("Stop reading folders"));
    connect(m_stop, &QPushButton::clicked, this, &FolderBrowser::stopLoading);
    for (QWidget *w : {static_cast<QWidget *>(m_progress), static_cast<QWidget *>(m_progressText),
                       static_cast<QWidget *>(m_stop)})
        w->hide();

    m_banner->setObjectName(u"folderBanner"_s);
    m_banner->hide();

    m_emptyHint->setObjectName(u"emptyFolderHint"_s);
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setTextFormat(Qt::RichText);
    m_emptyHint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_emptyHint->hide();

    m_view->setObjectName(u"folderTree"_s);
    m_view->setAccessibleName(tr("Folders"));
    m_view->setModel(m_proxy);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &FolderBrowser::showContextMenu);
    // Local files dropped on a folder row (or on a file's row: its folder) are uploaded there.
    m_view->setAcceptDrops(true);
    m_view->viewport()->installEventFilter(this);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(FolderTreeModel::NameColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(FolderTreeModel::IdColumn,
                                           QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(FolderTreeModel::ModifiedColumn,
                                           QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(FolderTreeModel::SizeColumn,
                                           QHeaderView::ResizeToContents);
    connect(m_view, &QTreeView::expanded, this, [this](const QModelIndex &index) {
        const QModelIndex source = toSource(index);
        if (m_model->canFetchMore(source))
            m_model->fetchMore(source);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &FolderBrowser::updateActions);

    connect(m_model, &FolderTreeModel::loadingChanged, this, [this](bool loading) {
        m_progress->setVisible(loading);
        m_progressText->setVisible(loading);
        m_stop->setVisible(loading);
        m_progressRow->setVisible(loading);
        updateEmptyHint();
    });
    connect(m_model, &FolderTreeModel::loadFailed, this,
            [this](const QString &folderId, const BoxError &error) {
                const QModelIndex index = m_model->indexForId(folderId);
                const QString name = index.isValid() ? m_model->itemName(index) : folderId;
                if (error.kind == BoxError::Kind::Network && error.detail.contains(u"cancel"_s)) {
                    m_banner->showMessage(MessageBanner::Kind::Info,
                                          tr("Stopped reading \"%1\".").arg(name),
                                          {tr("Select it and choose Refresh to read it again.")});
                } else {
                    const QStringList lines =
                        ContentError::text(error, guidanceContextOf(m_client)).split(u'\n');
                    m_banner->showMessage(MessageBanner::Kind::Error,
                                          tr("Could not read the folder \"%1\".").arg(name),
                                          lines + QStringList{tr("Select it and choose Refresh "
                                                                 "to try again.")});
                    m_banner->offerErrorAction(isAuthFailure(error)); // Check App explains those
                }
                m_banner->show();
            });
    connect(m_model, &FolderTreeModel::folderLoaded, this, [this](const QString &folderId) {
        if (folderId == FolderTreeModel::RootId)
            updateEmptyHint();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &FolderBrowser::updateEmptyHint);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &FolderBrowser::updateEmptyHint);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_emptyHint->hide();
        updateActions();
    });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_newFolder);
    buttons->addWidget(m_collaborate);
    buttons->addWidget(m_folderActions->menuButton());
    buttons->addWidget(m_refresh);
    for (QPushButton *button : std::as_const(m_fileButtons))
        buttons->addWidget(button);
    buttons->addStretch();
    // Reading folders shows on its own row (shown only then), so the button row keeps its width
    // while a folder loads and the tab fits a 1024 px window.
    m_progressRow->setObjectName(u"folderProgressRow"_s);
    auto *progressRow = new QHBoxLayout(m_progressRow);
    progressRow->setContentsMargins(0, 0, 0, 0);
    progressRow->addWidget(m_progressText);
    progressRow->addWidget(m_progress);
    progressRow->addWidget(m_stop);
    progressRow->addStretch();
    m_progressRow->hide();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_progressRow);
    layout->addWidget(m_files->transferRow());
    layout->addWidget(m_banner);
    layout->addWidget(m_emptyHint);
    // The selected file's Skills cards beside the tree, as Box shows them beside a preview.
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(u"folderSplitter"_s);
    split->setChildrenCollapsible(false);
    split->addWidget(m_view);
    split->addWidget(m_skillCards);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);
    updateActions();
}

FolderBrowser::~FolderBrowser()
{
    delete m_dialog;
}

void FolderBrowser::setClient(BoxClient *client, const QString &asUserId)
{
    delete m_dialog;
    m_client = client;
    m_asUser = asUserId;
    m_started = false;
    m_banner->hide();
    m_model->setClient(client, asUserId);
    m_files->setClient(client, asUserId);
    m_skillCards->setClient(client, asUserId);
    updateActions();
    if (isVisible())
        startIfNeeded();
}

void FolderBrowser::setCheckAppAction(QAction *action)
{
    m_banner->setErrorAction(action);
}

void FolderBrowser::clear()
{
    setClient(nullptr);
}

void FolderBrowser::setEmptyRootHint(const QString &richText)
{
    m_emptyRootHint = richText;
    updateEmptyHint();
}

void FolderBrowser::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    startIfNeeded();
}

void FolderBrowser::startIfNeeded()
{
    if (m_started || !m_client)
        return;
    m_started = true;
    const QModelIndex root = m_model->rootIndex();
    m_model->fetchMore(root);
    m_view->expand(toView(root));
    m_view->setCurrentIndex(toView(root));
}

QModelIndex FolderBrowser::toView(const QModelIndex &source) const
{
    return m_proxy->mapFromSource(source);
}

QModelIndex FolderBrowser::toSource(const QModelIndex &view) const
{
    return m_proxy->mapToSource(view);
}

QModelIndex FolderBrowser::currentFolder() const
{
    QModelIndex current = toSource(m_view->currentIndex()).siblingAtColumn(0);
    if (current.isValid() && !m_model->isFolder(current))
        current = current.parent();
    return current.isValid() ? current : m_model->rootIndex();
}

QString FolderBrowser::currentFolderId() const
{
    return m_model->itemId(currentFolder());
}

QModelIndex FolderBrowser::currentItem() const
{
    return toSource(m_view->currentIndex()).siblingAtColumn(0);
}

bool FolderBrowser::selectItem(const QString &id)
{
    const QModelIndex source = m_model->indexForId(id);
    if (!source.isValid())
        return false;
    const QModelIndex index = toView(source);
    m_view->scrollTo(index);
    m_view->setCurrentIndex(index);
    return true;
}

void FolderBrowser::updateActions()
{
    const bool ready = m_client != nullptr;
    const QModelIndex current = toSource(m_view->currentIndex()).siblingAtColumn(0);
    const bool fileSelected = current.isValid() && !m_model->isFolder(current);
    m_newFolder->setEnabled(ready);
    m_refresh->setEnabled(ready);
    m_collaborate->setEnabled(ready && !fileSelected);
    m_files->setCurrentItem(current);
    m_skillCards->setVisible(ready && fileSelected);
    if (ready && fileSelected)
        m_skillCards->setFile(m_model->itemId(current), m_model->itemName(current));
    else
        m_skillCards->setFile({}, {});
}

void FolderBrowser::showContextMenu(const QPoint &pos)
{
    const QModelIndex viewIndex = m_view->indexAt(pos);
    if (viewIndex.isValid())
        m_view->setCurrentIndex(viewIndex.siblingAtColumn(0));
    auto *menu = new QMenu(this);
    menu->setObjectName(u"folderContextMenu"_s);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    fillContextMenu(menu, toSource(viewIndex).siblingAtColumn(0));
    menu->popup(m_view->viewport()->mapToGlobal(pos));
}

void FolderBrowser::fillContextMenu(QMenu *menu, const QModelIndex &item)
{
    if (item.isValid() && !m_model->isFolder(item)) {
        m_files->addFileActionsTo(menu);
    } else {
        menu->addAction(m_files->uploadAction());
        QAction *newFolder = menu->addAction(m_newFolder->text(), this, &FolderBrowser::newFolder);
        newFolder->setObjectName(u"newFolderMenuAction"_s);
        newFolder->setEnabled(m_newFolder->isEnabled());
        QAction *share = menu->addAction(m_collaborate->text(), this, &FolderBrowser::collaborate);
        share->setObjectName(u"collaborateMenuAction"_s);
        share->setEnabled(m_collaborate->isEnabled());
    }
    menu->addSeparator();
    QAction *refresh = menu->addAction(m_refresh->text(), this, &FolderBrowser::refresh);
    refresh->setObjectName(u"refreshMenuAction"_s);
    refresh->setEnabled(m_refresh->isEnabled());
    Q_EMIT contextMenuAboutToShow(menu, item);
}

void FolderBrowser::readDrag(const QMimeData *mime)
{
    m_dragFiles.clear();
    m_dragSkipped.clear();
    if (!mime || !mime->hasUrls())
        return;
    for (const QUrl &url : mime->urls()) {
        // Only plain local files can be uploaded (no folders, no web pages).
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            m_dragFiles.append(url.toLocalFile());
        else if (url.isLocalFile())
            m_dragSkipped.append(u'"' + QFileInfo(url.toLocalFile()).fileName() + u'"');
        else
            m_dragSkipped.append(url.toDisplayString(QUrl::RemoveUserInfo));
    }
}

QModelIndex FolderBrowser::dropFolder(const QPoint &pos) const
{
    QModelIndex item = toSource(m_view->indexAt(pos)).siblingAtColumn(0);
    if (item.isValid() && !m_model->isFolder(item))
        item = item.parent();
    return item.isValid() ? item : m_model->rootIndex();
}

bool FolderBrowser::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_view->viewport())
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        if (event->type() == QEvent::DragEnter)
            readDrag(drag->mimeData()); // once per drag: a move must not stat every file
        const bool ok = m_client && !m_files->isTransferring() && !m_dragFiles.isEmpty();
        if (ok) {
            drag->setDropAction(Qt::CopyAction);
            drag->accept();
        } else {
            drag->ignore();
        }
        return true;
    }
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        const QStringList files = std::exchange(m_dragFiles, {});
        const QStringList skipped = std::exchange(m_dragSkipped, {});
        if (files.isEmpty() || !m_client) {
            drop->ignore();
            return true;
        }
        drop->setDropAction(Qt::CopyAction);
        drop->accept();
        const QModelIndex folder = dropFolder(drop->position().toPoint());
        m_view->setCurrentIndex(toView(folder));
        m_files->uploadFiles(files, folder, skipped);
        return true;
    }
    case QEvent::DragLeave:
        m_dragFiles.clear();
        m_dragSkipped.clear();
        return QWidget::eventFilter(watched, event);
    default:
        return QWidget::eventFilter(watched, event);
    }
}

void FolderBrowser::updateEmptyHint()
{
    const QModelIndex root = m_model->rootIndex();
    // Not while a folder is read again (its rows are gone until the answer comes).
    const bool empty = m_model->loadState(root) == FolderTreeModel::LoadState::Loaded &&
                       m_model->rowCount(root) == 0 && !m_model->isLoading();
    if (!empty) {
        m_emptyHint->hide();
        return;
    }
    m_emptyHint->setText(
        m_emptyRootHint.isEmpty()
            ? tr("<b>All Files is empty.</b> This account owns no content yet and nothing has "
                 "been shared with it.")
            : m_emptyRootHint);
    m_emptyHint->show();
}

void FolderBrowser::refresh()
{
    if (!m_client)
        return;
    m_banner->hide();
    if (!m_started) {
        startIfNeeded();
        return;
    }
    const QModelIndex folder = currentFolder();
    m_model->refresh(folder);
    m_view->expand(toView(folder));
}

void FolderBrowser::stopLoading()
{
    m_model->cancelLoading();
}

NewFolderDialog *FolderBrowser::newFolder()
{
    if (!m_client)
        return nullptr;
    delete m_dialog;
    const QModelIndex folder = currentFolder();
    const QString parentId = m_model->itemId(folder);
    auto *dialog =
        new NewFolderDialog(m_client, parentId, m_model->itemName(folder), m_asUser, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewFolderDialog::folderCreated, this,
            [this, parentId](const QJsonObject &f) { onFolderCreated(parentId, f); });
    m_dialog = dialog;
    dialog->open();
    return dialog;
}

void FolderBrowser::onFolderCreated(const QString &parentId, const QJsonObject &folder)
{
    const QString id = folder.value(u"id"_s).toString();
    const QString name = folder.value(u"name"_s).toString();
    qCInfo(lcContent) << "created folder" << id << "in" << parentId;
    const QModelIndex parent = m_model->indexForId(parentId);
    if (parent.isValid()) {
        if (!m_model->insertItem(parent, folder).isValid())
            m_model->refresh(parent);
        m_view->expand(toView(parent));
    }
    selectItem(id);
    m_banner->showMessage(MessageBanner::Kind::Info,
                          tr("Created the folder \"%1\" (ID %2).").arg(name, id));
    m_banner->show();
    Q_EMIT folderCreated(folder);
}

CollaborateDialog *FolderBrowser::collaborate()
{
    if (!m_client)
        return nullptr;
    delete m_dialog;
    const QModelIndex folder = currentFolder();
    auto *dialog = new CollaborateDialog(m_client, m_model->itemId(folder),
                                         m_model->itemName(folder), m_asUser, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString folderName = m_model->itemName(folder);
    connect(dialog, &CollaborateDialog::collaborated, this,
            [this, folderName](const QJsonObject &c) {
                const QJsonObject by = c.value(u"accessible_by"_s).toObject();
                QString who = by.value(u"login"_s).toString();
                if (who.isEmpty())
                    who = c.value(u"invite_email"_s).toString();
                m_banner->showMessage(
                    MessageBanner::Kind::Info,
                    tr("Invited %1 to \"%2\" as %3.")
                        .arg(who, folderName, c.value(u"role"_s).toString()),
                    {tr("Collaboration ID %1, status %2.")
                         .arg(c.value(u"id"_s).toString(), c.value(u"status"_s).toString())});
                m_banner->show();
                Q_EMIT collaborationCreated(c);
            });
    m_dialog = dialog;
    dialog->open();
    return dialog;
}
