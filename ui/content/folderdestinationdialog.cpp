#include "ui/content/folderdestinationdialog.h"

#include "core/api/boxclient.h"
#include "core/content/foldertreemodel.h"
#include "ui/content/newfolderdialog.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTreeView>

using namespace Qt::Literals::StringLiterals;

namespace {
// Only folders can be destinations: files are left out of the tree.
class FoldersOnlyProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QModelIndex index = sourceModel()->index(row, 0, parent);
        return index.data(FolderTreeModel::TypeRole).toString() == u"folder"_s;
    }
};
} // namespace

FolderDestinationDialog::FolderDestinationDialog(Mode mode, BoxClient *client,
                                                 const QString &folderId, const QString &folderName,
                                                 const QString &asUserId, QWidget *parent)
    : ApiFormDialog(client, asUserId, parent), m_mode(mode), m_folderId(folderId),
      m_model(new FolderTreeModel(this)), m_foldersOnly(new FoldersOnlyProxy(this)),
      m_tree(new QTreeView(this))
{
    const bool copy = mode == Mode::Copy;
    setObjectName(copy ? u"copyFolderDialog"_s : u"moveFolderDialog"_s);
    setWindowTitle(copy ? tr("Copy Folder") : tr("Move Folder"));
    m_model->setClient(client, asUserId);
    m_foldersOnly->setSourceModel(m_model);
    m_tree->setObjectName(u"destinationTree"_s);
    m_tree->setAccessibleName(tr("Destination folder"));
    m_tree->setModel(m_foldersOnly);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setUniformRowHeights(true);
    m_tree->setMinimumHeight(220);
    for (int c = 1; c < m_model->columnCount(); ++c)
        m_tree->hideColumn(c);
    m_tree->header()->hide();
    connect(m_tree, &QTreeView::expanded, this, [this](const QModelIndex &index) {
        const QModelIndex source = m_foldersOnly->mapToSource(index);
        if (m_model->canFetchMore(source))
            m_model->fetchMore(source);
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &FolderDestinationDialog::inputChanged);

    auto *form = new QFormLayout;
    form->addRow(tr("&Destination:"), m_tree);
    if (copy) {
        m_name = new QLineEdit(this);
        m_name->setObjectName(u"copyNameEdit"_s);
        m_name->setAccessibleName(tr("Name of the copy"));
        m_name->setMaxLength(1000);
        m_name->setText(folderName);
        form->addRow(tr("&Name of the copy:"), m_name);
        connect(m_name, &QLineEdit::textChanged, this, &FolderDestinationDialog::inputChanged);
    }
    const QString intro =
        copy ? tr("Copy the folder <b>%1</b> (folder ID %2) with everything in it into the "
                  "folder you pick.")
             : tr("Move the folder <b>%1</b> (folder ID %2) with everything in it into the "
                  "folder you pick.");
    setUpForm({copy ? u"copyFolderError"_s : u"moveFolderError"_s,
               copy ? u"copyFolderProgress"_s : u"moveFolderProgress"_s,
               copy ? tr("Copying the folder") : tr("Moving the folder"),
               copy ? tr("Copy") : tr("Move"),
               copy ? u"confirmCopyFolderButton"_s : u"confirmMoveFolderButton"_s, 520},
              intro.arg(folderName.toHtmlEscaped(), folderId.toHtmlEscaped()), form);

    const QModelIndex root = m_model->rootIndex();
    m_model->fetchMore(root);
    m_tree->expand(m_foldersOnly->mapFromSource(root));
    inputChanged();
}

FolderDestinationDialog::~FolderDestinationDialog()
{
    cancelRequest();
}

bool FolderDestinationDialog::selectDestination(const QString &folderId)
{
    const QModelIndex source = m_model->indexForId(folderId);
    const QModelIndex view = m_foldersOnly->mapFromSource(source);
    if (!view.isValid())
        return false;
    m_tree->scrollTo(view);
    m_tree->setCurrentIndex(view);
    return true;
}

QModelIndex FolderDestinationDialog::currentSource() const
{
    return m_foldersOnly->mapToSource(m_tree->currentIndex()).siblingAtColumn(0);
}

QString FolderDestinationDialog::destinationId() const
{
    const QModelIndex current = currentSource();
    return current.isValid() ? m_model->itemId(current) : QString();
}

bool FolderDestinationDialog::insideFolder(const QModelIndex &destination) const
{
    for (QModelIndex i = destination; i.isValid(); i = i.parent()) {
        if (m_model->itemId(i) == m_folderId)
            return true;
    }
    return false;
}

std::optional<ApiFormDialog::Request> FolderDestinationDialog::request()
{
    const QModelIndex destination = currentSource();
    if (!destination.isValid()) {
        showError(tr("Pick the destination folder."));
        return std::nullopt;
    }
    if (insideFolder(destination)) {
        showError(tr("A folder cannot go into itself or into one of its own subfolders.\n"
                     "Pick a destination outside the folder."));
        return std::nullopt;
    }
    m_destinationId = m_model->itemId(destination);
    const QJsonObject parent{{u"id"_s, m_destinationId}};
    if (m_mode == Mode::Move) {
        Request r{u"/folders/"_s + m_folderId, {{u"parent"_s, parent}}};
        r.method = "PUT";
        return r;
    }
    const QString name = m_name->text();
    if (const QString problem = NewFolderDialog::nameProblem(name); !problem.isEmpty()) {
        showError(problem);
        return std::nullopt;
    }
    return Request{u"/folders/"_s + m_folderId + u"/copy"_s,
                   {{u"parent"_s, parent}, {u"name"_s, name}}};
}

void FolderDestinationDialog::succeeded(const QJsonObject &answer)
{
    Q_EMIT done(answer, m_destinationId);
}

bool FolderDestinationDialog::canSubmit() const
{
    return currentSource().isValid() && (!m_name || !m_name->text().isEmpty());
}

void FolderDestinationDialog::setFieldsBusy(bool busy)
{
    m_tree->setEnabled(!busy);
    if (m_name)
        m_name->setReadOnly(busy);
}

void FolderDestinationDialog::focusFields()
{
    if (m_name && m_name->isVisible() && currentSource().isValid())
        m_name->setFocus();
    else
        m_tree->setFocus();
}
