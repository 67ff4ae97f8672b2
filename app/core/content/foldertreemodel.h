#pragma once

#include "core/api/boxerror.h"

#include <QAbstractItemModel>
#include <QJsonObject>
#include <QPointer>

#include <memory>
#include <vector>

class BoxClient;
class CollectionPager;
class QJsonArray;
struct ApiResult;

// A lazy tree of one Box account's content over GET /folders/{id}/items (marker paging,
// usemarker=true, up to 1000 per page). The only top-level row is the root folder "0"
// ("All Files"); a folder's children are read when a view asks (canFetchMore/fetchMore), one
// page after the other until Box's next_marker runs out (a CollectionPager per folder being
// read, in pull mode, knows when that is). Files and web links are leaves.
//
// setClient() and reset() drop the tree: the pagers of folders being read are cancelled, so
// nothing they had in flight lands. With an As-User ID every request carries the As-User
// header, so the tree is that user's.
class FolderTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        IdColumn,
        ModifiedColumn,
        SizeColumn,
        ColumnCount
    };
    enum Role
    {
        IdRole = Qt::UserRole + 1, // QString: Box's item ID ("0" for the root)
        TypeRole,                  // QString: "folder", "file" or "web_link"
        ItemRole,                  // QJsonObject: the item as Box sent it
        LoadStateRole,             // int: LoadState of a folder
    };
    enum class LoadState
    {
        NotLoaded,
        Loading,
        Loaded,
        Failed,
    };
    Q_ENUM(LoadState)

    static constexpr int MaxPageSize = 1000;
    static inline const QString RootId = QStringLiteral("0");

    explicit FolderTreeModel(QObject *parent = nullptr);
    ~FolderTreeModel() override;

    // The client (not owned) and optional As-User ID; resets the tree. Null: an empty model.
    void setClient(BoxClient *client, const QString &asUserId = {});
    BoxClient *client() const { return m_client; }
    QString asUserId() const { return m_asUser; }
    void setPageSize(int size); // clamped to 1..MaxPageSize; default MaxPageSize
    int pageSize() const { return m_pageSize; }
    // The fields asked for with fields=.
    static QStringList itemFields();

    // Drops the tree and every request in flight; the root is unloaded again.
    void reset();
    // Aborts every read in flight; those folders end Failed (refresh() reads them again).
    void cancelLoading();
    // Reads a folder's children again (also the way to retry a failed folder).
    void refresh(const QModelIndex &folder);
    // Puts an item Box answered with (e.g. POST /folders) under a loaded folder, in Box's
    // order (folders first, then by name); returns its index (invalid if the parent is not
    // loaded, in which case the item arrives when the folder is read).
    QModelIndex insertItem(const QModelIndex &folder, const QJsonObject &item);

    QModelIndex rootIndex() const; // the "All Files" row
    // The first loaded item with this ID (breadth first); invalid when none.
    QModelIndex indexForId(const QString &id) const;
    QString itemId(const QModelIndex &index) const;
    QString itemType(const QModelIndex &index) const;
    QString itemName(const QModelIndex &index) const;
    bool isFolder(const QModelIndex &index) const;
    LoadState loadState(const QModelIndex &folder) const;
    BoxError lastError(const QModelIndex &folder) const;
    bool isLoading() const { return m_loadingCount > 0; }

    // QAbstractItemModel.
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    // One page of a folder arrived (rowsAdded may be 0 for an empty folder).
    void pageLoaded(const QString &folderId, int rowsAdded);
    // A folder is complete (Box sent no further marker).
    void folderLoaded(const QString &folderId);
    void loadFailed(const QString &folderId, const BoxError &error);

private:
    struct Node
    {
        Node *parent = nullptr;
        int row = 0;
        QString id, type, name;
        QJsonObject item;
        std::vector<std::unique_ptr<Node>> children;
        LoadState state = LoadState::NotLoaded;
        // The walk reading the children; cancelled (never emits again) when the node goes.
        QPointer<CollectionPager> pager;
        BoxError error;

        bool isFolder() const { return type == QLatin1String("folder"); }
    };

    Node *nodeFor(const QModelIndex &index) const;
    QModelIndex indexFor(const Node *node, int column = 0) const;
    std::unique_ptr<Node> makeNode(Node *parent, const QJsonObject &item);
    void forgetSubtree(Node *node); // cancels the walks below and at node
    void clearChildren(Node *node);
    void startWalk(Node *node);
    void dropWalk(Node *node);
    void onPage(Node *node, CollectionPager *pager, const QJsonArray &entries,
                const ApiResult &result);
    void failNode(Node *node, const BoxError &error);
    void setNodeState(Node *node, LoadState state);
    void addLoading(int delta);
    static int sortRank(const QString &type);

    QPointer<BoxClient> m_client;
    QString m_asUser;
    int m_pageSize = MaxPageSize;
    int m_loadingCount = 0;
    Node m_invisibleRoot;
};
