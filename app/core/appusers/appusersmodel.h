#pragma once

#include "core/api/boxerror.h"
#include "core/appusers/appuserrow.h"

#include <QAbstractTableModel>
#include <QCollator>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QVector>

#include <vector>

class BoxClient;
class CollectionPager;
class QJsonArray;
struct ApiResult;

// The app users the client's app can see (GET /users), loaded lazily: the first page on
// setClient(), the next when a view asks (canFetchMore/fetchMore). The pages come from a
// CollectionPager in pull mode, which knows Box's paging rules. Three modes:
//   - listing: marker paging (usemarker=true), 1000 per page, and the pager's one cheap
//     offset request (limit=1) for the total, because marker pages carry no total_count;
//   - search (setSearch): filter_term, which the pager walks with offsets, because with
//     filter_term Box's next_marker never becomes null (boxcli#504); at most Box's 10,000
//     offset (isTruncated());
//   - external ID lookup (lookupExternalId): GET /users?external_app_user_id=..., offsets.
// Every reset replaces the pager (the old one is cancelled): a page of an earlier query
// never lands.
// Rows are compact (AppUserRow); sort() orders a permutation by precomputed keys and keeps
// the order while further pages arrive (they are merged in). Text columns sort as the user's
// language does, ignoring case and accents ("alice", "Bob", "Émile", "zoe"): by collation keys
// made once per row, so no comparison allocates.
class AppUsersModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        LoginColumn,
        IdColumn,
        ExternalIdColumn,
        StatusColumn,
        SpaceColumn,
        CreatedColumn,
        TypeColumn, // last, so a saved column layout of the earlier seven columns still fits
        ColumnCount
    };
    Q_ENUM(Column)
    enum class Mode
    {
        List,
        Search,
        ExternalId
    };
    Q_ENUM(Mode)
    // Which users the table shows of those loaded (a view of the rows, not a new query: Box
    // has no listing of app users alone or managed users alone).
    enum class TypeFilter
    {
        All,
        AppUsers,
        ManagedUsers,
        ServiceAccounts,
    };
    Q_ENUM(TypeFilter)
    enum Role
    {
        UserIdRole = Qt::UserRole + 1, // QString
        SortKeyRole,                   // the value sort() compares (string or qint64)
    };
    static constexpr int DefaultPageSize = 1000;

    explicit AppUsersModel(QObject *parent = nullptr);
    ~AppUsersModel() override;

    // Resets and starts loading (listing mode, or the current search). Null: empty model.
    void setClient(BoxClient *client);
    BoxClient *client() const;
    void setPageSize(int size); // 1..1000; takes effect at the next reset
    int pageSize() const { return m_pageSize; }
    // Empty term: back to the full listing. Resets.
    void setSearch(const QString &filterTerm);
    QString search() const { return m_search; }
    // Empty id: back to the listing (or the search). Resets.
    void lookupExternalId(const QString &id);
    QString externalIdLookup() const { return m_externalId; }
    Mode mode() const;
    // Shows only the loaded users of that type (a model reset; nothing is asked of Box). While
    // a page brings none of them, the next page is fetched (All, App users, Managed users);
    // not for Service Accounts, which Box does not list in GET /users.
    void setTypeFilter(TypeFilter filter);
    TypeFilter typeFilter() const { return m_typeFilter; }
    static bool passes(TypeFilter filter, AppUserRow::Type type);
    // Resets and loads the current mode again.
    void reload();

    bool isLoading() const;
    int loadedCount() const { return int(m_rows.size()); } // of every type
    qint64 totalCount() const { return m_total; }          // -1: unknown
    // Search stopped at Box's offset limit (10,000) with more users matching.
    bool isTruncated() const { return m_truncated; }
    BoxError lastError() const { return m_lastError; }

    QJsonObject user(int row) const;
    QString userId(int row) const;
    const AppUserRow &rowData(int row) const;
    int rowOfUser(const QString &id) const; // -1 when not loaded or filtered out; O(1)
    // After a create or an edit: updates the loaded row. A user not loaded yet is added at
    // the end only when it belongs to what is shown: always in the listing; in a search when
    // its name or login starts with the term (case-insensitively, like Box's filter_term); in
    // an external ID lookup when its external ID is the one looked up.
    void upsertUser(const QJsonObject &user);
    // After a delete.
    bool removeUser(const QString &id);
    // After a multi-delete: one pass, and one rowsRemoved per contiguous run of rows (one
    // reset when the rows are scattered in more than MaxRemovalRanges runs). Returns how
    // many rows went.
    int removeUsers(const QStringList &ids);
    static constexpr int MaxRemovalRanges = 64;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    // "12.3 GB" style text for a byte count (1024-based); "unlimited" for Box's unlimited.
    static QString sizeText(qint64 bytes);
    // What a type means, for the tooltips of the Type and Name columns.
    static QString typeToolTip(AppUserRow::Type type);

Q_SIGNALS:
    void loadingChanged(bool loading);
    void pageLoaded(int rowsAdded);
    void loadFailed(const BoxError &error);
    void totalCountChanged(qint64 total);

private:
    void resetAndLoad();
    void dropPager();
    void fetchPage();
    void onPage(const QJsonArray &entries, const ApiResult &result);
    void onTotal(qint64 total, const ApiResult &result);
    int appendRows(QList<AppUserRow> rows); // returns how many of them are shown
    // The next page, while the filter shows only some types (not for Service Accounts).
    void fetchUntilShown();
    void failLoading(const BoxError &error);
    bool lessThan(int a, int b) const; // storage indices, by the current sort
    // Collation keys for the rows m_textKeys lacks, when sorting by a text column.
    void updateTextKeys();
    static bool isTextColumn(int column);
    static const QString &text(const AppUserRow &row, int column);
    void applySort();
    // m_order again from every stored row the filter passes, in the current sort order.
    void refilter();
    // After m_order changed from `before`: moves the persistent indexes, renumbers
    // m_viewRowOf and emits layoutChanged (the caller emitted layoutAboutToBeChanged).
    void finishReorder(const QVector<int> &before);
    bool belongsToView(const AppUserRow &row) const;
    void rebuildIndex(); // m_viewRowOf from m_rows and m_order; m_storageOf again when needed
    const QHash<QString, int> &storageIndex() const; // m_storageOf for every row
    QVariant displayValue(const AppUserRow &row, int column) const;

    QPointer<BoxClient> m_client;
    int m_pageSize = DefaultPageSize;
    QString m_search;
    QString m_externalId;
    CollectionPager *m_pager = nullptr; // of the current query; null without a client
    QVector<AppUserRow> m_rows;         // in arrival order
    QVector<int> m_order;               // view row -> index into m_rows (rows the filter passes)
    QVector<int> m_viewRowOf;           // index into m_rows -> view row; -1: filtered out
    // User ID -> index into m_rows, of the first m_indexedRows rows: pages arrive without
    // hashing 1,000 IDs on the GUI thread; the first lookup after them catches up.
    mutable QHash<QString, int> m_storageOf;
    mutable int m_indexedRows = 0;
    QSet<QString> m_addedAhead; // upserted before their page arrived: skipped in that page
    TypeFilter m_typeFilter = TypeFilter::All;
    bool m_failed = false;
    bool m_truncated = false;
    qint64 m_total = -1;
    BoxError m_lastError;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QCollator m_collator;                     // the user's locale, case-insensitive
    std::vector<QCollatorSortKey> m_textKeys; // by storage index, of m_textKeysColumn
    int m_textKeysColumn = -1;
};
