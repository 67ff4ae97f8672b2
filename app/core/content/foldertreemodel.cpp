#include "core/content/foldertreemodel.h"

#include "core/api/boxclient.h"
#include "core/api/collectionpager.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLocale>
#include <QLoggingCategory>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcFolderTree, "box.content.foldertree", QtInfoMsg)

namespace {
QString idText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    // toInteger(): huge, fractional or non-finite numbers are no ID (and never UB).
    const qint64 id = v.toInteger(-1);
    return id >= 0 ? QString::number(id) : QString();
}

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}
} // namespace

FolderTreeModel::FolderTreeModel(QObject *parent) : QAbstractItemModel(parent)
{
    m_invisibleRoot.type = u"folder"_s;
    m_invisibleRoot.state = LoadState::Loaded;
    reset();
}

FolderTreeModel::~FolderTreeModel()
{
    forgetSubtree(&m_invisibleRoot);
}

QStringList FolderTreeModel::itemFields()
{
    return {u"type"_s, u"id"_s,          u"name"_s, u"modified_at"_s,
            u"size"_s, u"sequence_id"_s, u"etag"_s};
}

void FolderTreeModel::setClient(BoxClient *client, const QString &asUserId)
{
    m_client = client;
    m_asUser = asUserId;
    reset();
}

void FolderTreeModel::setPageSize(int size)
{
    m_pageSize = std::clamp(size, 1, MaxPageSize);
}

void FolderTreeModel::reset()
{
    beginResetModel();
    const bool wasLoading = m_loadingCount > 0;
    forgetSubtree(&m_invisibleRoot);
    m_invisibleRoot.children.clear();
    m_loadingCount = 0;
    auto root = makeNode(
        &m_invisibleRoot,
        QJsonObject{{u"type"_s, u"folder"_s}, {u"id"_s, RootId}, {u"name"_s, tr("All Files")}});
    root->row = 0;
    m_invisibleRoot.children.push_back(std::move(root));
    endResetModel();
    if (wasLoading)
        Q_EMIT loadingChanged(false);
}

std::unique_ptr<FolderTreeModel::Node> FolderTreeModel::makeNode(Node *parent,
                                                                 const QJsonObject &item)
{
    auto node = std::make_unique<Node>();
    node->parent = parent;
    node->item = item;
    node->id = idText(item.value(u"id"_s));
    node->type = item.value(u"type"_s).toString();
    node->name = item.value(u"name"_s).toString();
    return node;
}

void FolderTreeModel::forgetSubtree(Node *node)
{
    for (const auto &child : node->children)
        forgetSubtree(child.get());
    if (node->state == LoadState::Loading)
        m_loadingCount = std::max(0, m_loadingCount - 1); // callers announce the change
    dropWalk(node);
}

void FolderTreeModel::dropWalk(Node *node)
{
    if (CollectionPager *pager = node->pager) {
        node->pager = nullptr;
        // Cancelled, it emits nothing more; deleted later, as this may run in its signal.
        pager->cancel();
        pager->deleteLater();
    }
}

void FolderTreeModel::clearChildren(Node *node)
{
    if (node->children.empty())
        return;
    const bool wasLoading = m_loadingCount > 0;
    for (const auto &child : node->children)
        forgetSubtree(child.get());
    beginRemoveRows(indexFor(node), 0, int(node->children.size()) - 1);
    node->children.clear();
    endRemoveRows();
    if (wasLoading != (m_loadingCount > 0))
        Q_EMIT loadingChanged(m_loadingCount > 0);
}

FolderTreeModel::Node *FolderTreeModel::nodeFor(const QModelIndex &index) const
{
    if (!index.isValid())
        return const_cast<Node *>(&m_invisibleRoot);
    return static_cast<Node *>(index.internalPointer());
}

QModelIndex FolderTreeModel::indexFor(const Node *node, int column) const
{
    if (!node || node == &m_invisibleRoot)
        return {};
    return createIndex(node->row, column, const_cast<Node *>(node));
}

QModelIndex FolderTreeModel::rootIndex() const
{
    return index(0, 0);
}

QModelIndex FolderTreeModel::indexForId(const QString &id) const
{
    QList<const Node *> queue{&m_invisibleRoot};
    while (!queue.isEmpty()) {
        const Node *n = queue.takeFirst();
        if (n != &m_invisibleRoot && n->id == id)
            return indexFor(n);
        for (const auto &c : n->children)
            queue.append(c.get());
    }
    return {};
}

QString FolderTreeModel::itemId(const QModelIndex &index) const
{
    return index.isValid() ? nodeFor(index)->id : QString();
}

QString FolderTreeModel::itemType(const QModelIndex &index) const
{
    return index.isValid() ? nodeFor(index)->type : QString();
}

QString FolderTreeModel::itemName(const QModelIndex &index) const
{
    return index.isValid() ? nodeFor(index)->name : QString();
}

bool FolderTreeModel::isFolder(const QModelIndex &index) const
{
    return index.isValid() && nodeFor(index)->isFolder();
}

FolderTreeModel::LoadState FolderTreeModel::loadState(const QModelIndex &folder) const
{
    return nodeFor(folder)->state;
}

BoxError FolderTreeModel::lastError(const QModelIndex &folder) const
{
    return nodeFor(folder)->error;
}

QModelIndex FolderTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (parent.isValid() && parent.column() != 0)
        return {};
    const Node *p = nodeFor(parent);
    if (row >= int(p->children.size()))
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex FolderTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexFor(nodeFor(child)->parent);
}

int FolderTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int FolderTreeModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return ColumnCount;
}

bool FolderTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Node *n = nodeFor(parent);
    if (!n->children.empty())
        return true;
    if (!n->isFolder())
        return false;
    // An unread folder may have children; a read one has none (it would have rows).
    return n->state == LoadState::NotLoaded || n->state == LoadState::Loading;
}

bool FolderTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Node *n = nodeFor(parent);
    return m_client && n != &m_invisibleRoot && n->isFolder() && n->state == LoadState::NotLoaded;
}

void FolderTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    startWalk(nodeFor(parent));
}

void FolderTreeModel::cancelLoading()
{
    QList<QPointer<CollectionPager>> reading;
    QList<const Node *> queue{&m_invisibleRoot};
    while (!queue.isEmpty()) {
        const Node *n = queue.takeFirst();
        if (n->pager && n->pager->isFetching())
            reading.append(n->pager);
        for (const auto &c : n->children)
            queue.append(c.get());
    }
    // Each aborted page is answered at once with a "cancelled" error: its folder turns Failed.
    for (const QPointer<CollectionPager> &pager : std::as_const(reading)) {
        if (pager)
            pager->abort();
    }
}

void FolderTreeModel::refresh(const QModelIndex &folder)
{
    Node *n = nodeFor(folder);
    if (n == &m_invisibleRoot || !n->isFolder() || !m_client)
        return;
    dropWalk(n); // the walk in progress is replaced; its answer must not land
    if (n->state == LoadState::Loading)
        addLoading(-1);
    clearChildren(n);
    n->state = LoadState::NotLoaded;
    startWalk(n);
}

void FolderTreeModel::startWalk(Node *node)
{
    dropWalk(node);
    node->error = {};
    if (node->state != LoadState::Loading) {
        setNodeState(node, LoadState::Loading);
        addLoading(1);
    }
    QUrlQuery query;
    query.addQueryItem(u"fields"_s, itemFields().join(u','));
    auto *pager = new CollectionPager(m_client, u"/folders/%1/items"_s.arg(node->id), query, this);
    pager->setMode(CollectionPager::Mode::Marker);
    pager->setPageSize(m_pageSize);
    pager->setAsUser(m_asUser);
    node->pager = pager;
    // `node` outlives the connection: a node that goes cancels its pager first.
    connect(pager, &CollectionPager::pageFetched, this,
            [this, node, pager](const QJsonArray &entries, const ApiResult &result) {
                onPage(node, pager, entries, result);
            });
    pager->fetchNext();
}

void FolderTreeModel::onPage(Node *node, CollectionPager *pager, const QJsonArray &entries,
                             const ApiResult &result)
{
    if (!result.ok() && entries.isEmpty()) {
        failNode(node, result.error);
        return;
    }
    std::vector<std::unique_ptr<Node>> added;
    added.reserve(size_t(entries.size()));
    for (const QJsonValue &v : entries) {
        const QJsonObject item = v.toObject();
        if (idText(item.value(u"id"_s)).isEmpty() || item.value(u"type"_s).toString().isEmpty())
            continue;
        added.push_back(makeNode(node, item));
    }
    const int first = int(node->children.size());
    const QString folderId = node->id;
    if (!added.empty()) {
        beginInsertRows(indexFor(node), first, first + int(added.size()) - 1);
        for (auto &n : added) {
            n->row = int(node->children.size());
            node->children.push_back(std::move(n));
        }
        endInsertRows();
    }
    const QPointer<CollectionPager> walk = pager;
    Q_EMIT pageLoaded(folderId, int(added.size()));
    // A slot connected to pageLoaded may have reset the model or refreshed the folder.
    if (!walk || walk->isCancelled())
        return;
    if (!result.ok()) {
        failNode(node, result.error); // a repeated marker: what arrived stays
        return;
    }
    if (pager->hasMore()) {
        pager->fetchNext();
        return;
    }
    dropWalk(node);
    setNodeState(node, LoadState::Loaded);
    addLoading(-1);
    if (node->children.empty()) {
        // hasChildren() turned false: views drop the expand arrow.
        const QModelIndex idx = indexFor(node);
        Q_EMIT dataChanged(idx, idx.siblingAtColumn(ColumnCount - 1));
    }
    Q_EMIT folderLoaded(folderId);
}

void FolderTreeModel::failNode(Node *node, const BoxError &error)
{
    qCInfo(lcFolderTree) << "reading folder" << node->id << "failed:" << error.summary();
    dropWalk(node);
    node->error = error;
    setNodeState(node, LoadState::Failed);
    addLoading(-1);
    Q_EMIT loadFailed(node->id, error);
}

QModelIndex FolderTreeModel::insertItem(const QModelIndex &folder, const QJsonObject &item)
{
    Node *parentNode = nodeFor(folder);
    if (parentNode == &m_invisibleRoot || !parentNode->isFolder() ||
        parentNode->state != LoadState::Loaded)
        return {};
    const QString id = idText(item.value(u"id"_s));
    for (const auto &c : parentNode->children) {
        if (c->id == id && c->type == item.value(u"type"_s).toString())
            return indexFor(c.get());
    }
    auto node = makeNode(parentNode, item);
    const int rank = sortRank(node->type);
    auto &kids = parentNode->children;
    auto pos = std::find_if(kids.begin(), kids.end(), [&](const std::unique_ptr<Node> &c) {
        const int r = sortRank(c->type);
        if (r != rank)
            return r > rank;
        return c->name.compare(node->name, Qt::CaseInsensitive) > 0;
    });
    const int row = int(pos - kids.begin());
    beginInsertRows(indexFor(parentNode), row, row);
    Node *raw = node.get();
    kids.insert(pos, std::move(node));
    for (size_t i = size_t(row); i < kids.size(); ++i)
        kids[i]->row = int(i);
    endInsertRows();
    return indexFor(raw);
}

int FolderTreeModel::sortRank(const QString &type)
{
    if (type == u"folder"_s)
        return 0;
    if (type == u"file"_s)
        return 1;
    return 2;
}

void FolderTreeModel::setNodeState(Node *node, LoadState state)
{
    if (node->state == state)
        return;
    node->state = state;
    const QModelIndex idx = indexFor(node);
    Q_EMIT dataChanged(idx, idx, {LoadStateRole, Qt::ToolTipRole});
}

void FolderTreeModel::addLoading(int delta)
{
    const bool before = m_loadingCount > 0;
    m_loadingCount = std::max(0, m_loadingCount + delta);
    const bool after = m_loadingCount > 0;
    if (before != after)
        Q_EMIT loadingChanged(after);
}

QVariant FolderTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *n = nodeFor(index);
    switch (role) {
    case IdRole:
        return n->id;
    case TypeRole:
        return n->type;
    case ItemRole:
        return n->item;
    case LoadStateRole:
        return int(n->state);
    case Qt::ToolTipRole:
        if (index.column() != NameColumn)
            return {};
        if (n->state == LoadState::Failed)
            return tr("Could not read this folder: %1").arg(n->error.summary());
        if (n->state == LoadState::Loading)
            return tr("%1 — loading…").arg(n->name);
        return tr("%1 (%2 %3)").arg(n->name, n->type, n->id);
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case NameColumn:
        return n->name;
    case IdColumn:
        return n->id;
    case ModifiedColumn: {
        const QDateTime dt =
            QDateTime::fromString(n->item.value(u"modified_at"_s).toString(), Qt::ISODate);
        return dt.isValid() ? QLocale().toString(dt.toLocalTime(), QLocale::ShortFormat)
                            : QString();
    }
    case SizeColumn:
        if (n->isFolder() || n->item.value(u"size"_s).toInteger(-1) < 0)
            return QString();
        return sizeText(n->item.value(u"size"_s).toInteger());
    default:
        return {};
    }
}

QVariant FolderTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case IdColumn:
        return tr("ID");
    case ModifiedColumn:
        return tr("Modified");
    case SizeColumn:
        return tr("Size");
    default:
        return {};
    }
}
