#include "core/appusers/appusersmodel.h"

#include "core/api/boxclient.h"
#include "core/api/collectionpager.h"
#include "core/appusers/appuserslogging.h"
#include "core/appusers/userpagereader.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLocale>
#include <QUrlQuery>

#include <algorithm>
#include <numeric>

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qint64 UnlimitedSpace = 999999999999999LL; // what Box answers after -1

// Types in the order of their names: App user, Managed user, Service Account.
int typeRank(AppUserRow::Type type)
{
    switch (type) {
    case AppUserRow::Type::AppUser:
        return 0;
    case AppUserRow::Type::ManagedUser:
        return 1;
    case AppUserRow::Type::ServiceAccount:
        return 2;
    }
    return 3;
}

template <typename T> int compareValues(const T &a, const T &b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

// Empties the containers and gives their memory back.
template <typename... Containers> void clearAndRelease(Containers &...containers)
{
    ((containers.clear(), containers.squeeze()), ...);
}
} // namespace

AppUsersModel::AppUsersModel(QObject *parent)
    : QAbstractTableModel(parent),
      // The C locale would compare code points, case and all ("Zed" before "amy"): English
      // order is the neutral choice there.
      m_collator(QLocale().language() == QLocale::C ? QLocale(QLocale::English) : QLocale())
{
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
}

AppUsersModel::~AppUsersModel()
{
    if (m_pager)
        m_pager->cancel(); // nothing lands in a half-destroyed model
}

void AppUsersModel::setClient(BoxClient *client)
{
    m_client = client;
    resetAndLoad();
}

BoxClient *AppUsersModel::client() const
{
    return m_client;
}

bool AppUsersModel::isLoading() const
{
    return m_pager && m_pager->isFetching();
}

void AppUsersModel::setPageSize(int size)
{
    m_pageSize = std::clamp(size, 1, CollectionPager::MaxLimit);
}

void AppUsersModel::setSearch(const QString &filterTerm)
{
    m_search = filterTerm.trimmed();
    m_externalId.clear();
    resetAndLoad();
}

void AppUsersModel::lookupExternalId(const QString &id)
{
    m_externalId = id.trimmed();
    resetAndLoad();
}

AppUsersModel::Mode AppUsersModel::mode() const
{
    if (!m_externalId.isEmpty())
        return Mode::ExternalId;
    if (!m_search.isEmpty())
        return Mode::Search;
    return Mode::List;
}

void AppUsersModel::reload()
{
    resetAndLoad();
}

void AppUsersModel::dropPager()
{
    if (!m_pager)
        return;
    // Cancelled, it drops its page in flight and emits nothing more; deleted later, because
    // this may run inside one of its signals.
    m_pager->cancel();
    m_pager->deleteLater();
    m_pager = nullptr;
}

void AppUsersModel::resetAndLoad()
{
    dropPager();
    beginResetModel();
    // No pager, so nothing to fetch until the reset is over: views and testers call
    // fetchMore() from their modelReset handlers.
    clearAndRelease(m_rows, m_order, m_viewRowOf, m_storageOf);
    m_indexedRows = 0;
    m_textKeys = {};
    m_addedAhead.clear();
    m_failed = false;
    m_truncated = false;
    m_lastError = {};
    const bool hadTotal = m_total != -1;
    m_total = -1;
    endResetModel();
    if (hadTotal)
        Q_EMIT totalCountChanged(m_total);
    if (!m_client) {
        Q_EMIT loadingChanged(false);
        return;
    }
    QUrlQuery query;
    query.addQueryItem(u"fields"_s, AppUserRow::listFields().join(u','));
    switch (mode()) {
    case Mode::List: // markers (Auto)
        break;
    case Mode::Search: // offsets (Auto, because of filter_term)
        query.addQueryItem(u"filter_term"_s, m_search);
        break;
    case Mode::ExternalId:
        query.addQueryItem(u"external_app_user_id"_s, m_externalId);
        break;
    }
    m_pager = new CollectionPager(m_client, u"/users"_s, query, this);
    m_pager->setPageSize(m_pageSize);
    // The rows are read straight from the page's bytes on the worker thread.
    m_pager->setPageReader([](const QByteArray &body) -> std::optional<CollectionPager::PageRead> {
        std::optional<UserPage> page = UserPage::readAny(body);
        if (!page)
            return std::nullopt;
        const qsizetype count = page->rows.size();
        return CollectionPager::PageRead{page->members, count, std::any(std::move(page->rows))};
    });
    if (mode() == Mode::ExternalId)
        m_pager->setMode(CollectionPager::Mode::Offset);
    connect(m_pager, &CollectionPager::pageFetched, this, &AppUsersModel::onPage);
    connect(m_pager, &CollectionPager::totalCountFetched, this, &AppUsersModel::onTotal);
    fetchPage();
    if (mode() == Mode::List)
        m_pager->requestTotalCount(); // marker pages have no total_count
}

bool AppUsersModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_pager && m_pager->hasMore() && !m_failed && !isLoading();
}

void AppUsersModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || !m_pager || !m_pager->hasMore() || isLoading())
        return;
    m_failed = false; // an explicit fetchMore after a failure retries the page
    fetchPage();
}

void AppUsersModel::fetchPage()
{
    if (!m_pager || isLoading())
        return; // one page at a time
    if (m_pager->fetchNext())
        Q_EMIT loadingChanged(true);
}

void AppUsersModel::onTotal(qint64 total, const ApiResult &result)
{
    if (total < 0) {
        qCDebug(lcAppUsers) << "no total count:" << result.error.summary();
        return;
    }
    m_total = total;
    Q_EMIT totalCountChanged(m_total);
}

void AppUsersModel::onPage(const QJsonArray &entries, const ApiResult &result)
{
    CollectionPager *pager = m_pager;
    const auto *decoded = std::any_cast<QList<AppUserRow>>(&result.decoded);
    QList<AppUserRow> rows = decoded ? *decoded : AppUserRow::fromJsonArray(entries);
    // A user created here and shown at once comes again with its page: once is enough.
    if (!m_addedAhead.isEmpty()) {
        rows.removeIf([this](const AppUserRow &row) { return m_addedAhead.remove(row.id); });
    }
    if (!result.ok()) {
        // A failed page has no entries; a repeated marker ended the walk: keep what arrived.
        appendRows(std::move(rows));
        if (m_pager == pager)
            failLoading(result.error);
        return;
    }
    const qint64 totalBefore = m_total;
    // Offset pages (search, lookup) carry Box's total; marker pages do not (onTotal).
    if (pager->effectiveMode() == CollectionPager::Mode::Offset && pager->totalCount() >= 0)
        m_total = pager->totalCount();
    m_truncated = pager->isTruncated();
    const bool complete = !pager->hasMore() && !m_truncated;
    const int added = int(rows.size());
    const int shown = appendRows(std::move(rows));
    if (m_pager != pager)
        return; // a view reset the model while the rows went in
    if (complete && m_total < 0)
        m_total = m_rows.size(); // everything is loaded: the count is the total
    if (m_total != totalBefore)
        Q_EMIT totalCountChanged(m_total);
    // A view may have asked for the next page while the rows went in.
    if (!isLoading())
        Q_EMIT loadingChanged(false);
    Q_EMIT pageLoaded(added);
    // No view asks for more while nothing new is shown.
    if (shown == 0 && m_pager == pager)
        fetchUntilShown();
}

void AppUsersModel::failLoading(const BoxError &error)
{
    qCInfo(lcAppUsers) << "GET /users failed:" << error.summary();
    m_failed = true;
    m_lastError = error;
    Q_EMIT loadingChanged(false);
    Q_EMIT loadFailed(error);
}

int AppUsersModel::appendRows(QList<AppUserRow> rows)
{
    if (rows.isEmpty())
        return 0;
    const int first = int(m_order.size());
    int count = int(rows.size());
    if (m_typeFilter != TypeFilter::All) {
        count = int(std::count_if(rows.cbegin(), rows.cend(), [this](const AppUserRow &r) {
            return passes(m_typeFilter, r.type);
        }));
    }
    if (count > 0)
        beginInsertRows({}, first, first + count - 1);
    // No reserve(first + count) here: an exact reserve on every page reallocates (and copies
    // every row) each time, which made loading 100,000 rows quadratic. append() and the hash
    // grow geometrically.
    for (AppUserRow &r : rows) {
        const int stored = int(m_rows.size());
        if (passes(m_typeFilter, r.type)) {
            m_viewRowOf.append(int(m_order.size()));
            m_order.append(stored);
        } else {
            m_viewRowOf.append(-1);
        }
        m_rows.append(std::move(r));
    }
    if (count == 0)
        return 0;
    endInsertRows();
    if (m_sortColumn < 0)
        return count;
    // Keep the order: sort the new rows and merge them in.
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QVector<int> before = m_order;
    updateTextKeys();
    auto less = [this](int a, int b) { return lessThan(a, b); };
    std::stable_sort(m_order.begin() + first, m_order.end(), less);
    std::inplace_merge(m_order.begin(), m_order.begin() + first, m_order.end(), less);
    finishReorder(before);
    return count;
}

void AppUsersModel::finishReorder(const QVector<int> &before)
{
    QVector<int> newRowOf(m_rows.size(), -1);
    for (int row = 0; row < m_order.size(); ++row)
        newRowOf[m_order[row]] = row;
    const QModelIndexList from = persistentIndexList();
    QModelIndexList to;
    to.reserve(from.size());
    for (const QModelIndex &index : from)
        to.append(this->index(newRowOf[before[index.row()]], index.column()));
    changePersistentIndexList(from, to);
    m_viewRowOf = std::move(newRowOf);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

bool AppUsersModel::lessThan(int a, int b) const
{
    const AppUserRow &x = m_rows[a];
    const AppUserRow &y = m_rows[b];
    int c = 0;
    switch (m_sortColumn) {
    case NameColumn:
    case LoginColumn:
    case ExternalIdColumn:
        c = m_textKeys[a].compare(m_textKeys[b]);
        break;
    case IdColumn:
        c = compareValues(x.numericId, y.numericId);
        if (c == 0)
            c = QString::compare(x.id, y.id);
        break;
    case StatusColumn:
        c = compareValues(int(x.status), int(y.status));
        break;
    case SpaceColumn:
        c = compareValues(x.spaceUsed, y.spaceUsed);
        break;
    case CreatedColumn:
        c = compareValues(x.createdMsecs, y.createdMsecs);
        break;
    case TypeColumn:
        c = compareValues(typeRank(x.type), typeRank(y.type));
        break;
    default:
        break;
    }
    if (c == 0 && m_sortColumn != IdColumn)
        c = compareValues(x.numericId, y.numericId);
    return m_sortOrder == Qt::AscendingOrder ? c < 0 : c > 0;
}

void AppUsersModel::sort(int column, Qt::SortOrder order)
{
    if (column >= ColumnCount)
        return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    m_sortColumn = column;
    m_sortOrder = order;
    const QVector<int> before = m_order;
    updateTextKeys();
    if (column < 0)
        std::sort(m_order.begin(), m_order.end()); // arrival order
    else
        std::stable_sort(m_order.begin(), m_order.end(),
                         [this](int a, int b) { return lessThan(a, b); });
    finishReorder(before);
}

int AppUsersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_order.size());
}

int AppUsersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const AppUserRow &AppUsersModel::rowData(int row) const
{
    return m_rows[m_order[row]];
}

QJsonObject AppUsersModel::user(int row) const
{
    if (row < 0 || row >= m_order.size())
        return {};
    return rowData(row).toJson();
}

QString AppUsersModel::userId(int row) const
{
    if (row < 0 || row >= m_order.size())
        return {};
    return rowData(row).id;
}

int AppUsersModel::rowOfUser(const QString &id) const
{
    const QHash<QString, int> &index = storageIndex();
    const auto it = index.constFind(id);
    return it == index.cend() ? -1 : m_viewRowOf.at(*it);
}

bool AppUsersModel::passes(TypeFilter filter, AppUserRow::Type type)
{
    switch (filter) {
    case TypeFilter::All:
        return true;
    case TypeFilter::AppUsers:
        return type == AppUserRow::Type::AppUser;
    case TypeFilter::ManagedUsers:
        return type == AppUserRow::Type::ManagedUser;
    case TypeFilter::ServiceAccounts:
        return type == AppUserRow::Type::ServiceAccount;
    }
    return false;
}

void AppUsersModel::setTypeFilter(TypeFilter filter)
{
    if (filter == m_typeFilter)
        return;
    m_typeFilter = filter;
    beginResetModel();
    refilter();
    endResetModel();
    if (m_order.isEmpty())
        fetchUntilShown();
}

void AppUsersModel::refilter()
{
    m_order.clear();
    for (int i = 0; i < m_rows.size(); ++i) {
        if (passes(m_typeFilter, m_rows.at(i).type))
            m_order.append(i);
    }
    if (m_sortColumn >= 0) {
        updateTextKeys();
        std::stable_sort(m_order.begin(), m_order.end(),
                         [this](int a, int b) { return lessThan(a, b); });
    }
    m_viewRowOf.fill(-1, m_rows.size());
    for (int row = 0; row < m_order.size(); ++row)
        m_viewRowOf[m_order.at(row)] = row;
}

void AppUsersModel::fetchUntilShown()
{
    // Box lists no Service Accounts: walking every page for them would find none.
    if (m_typeFilter == TypeFilter::All || m_typeFilter == TypeFilter::ServiceAccounts)
        return;
    if (!m_failed && canFetchMore())
        fetchPage();
}

bool AppUsersModel::belongsToView(const AppUserRow &row) const
{
    switch (mode()) {
    case Mode::List:
        return true;
    case Mode::Search:
        // Box's filter_term: the name or the login starts with the term.
        return row.name.startsWith(m_search, Qt::CaseInsensitive) ||
               row.login.startsWith(m_search, Qt::CaseInsensitive);
    case Mode::ExternalId:
        return row.externalAppUserId == m_externalId;
    }
    return false;
}

bool AppUsersModel::isTextColumn(int column)
{
    return column == NameColumn || column == LoginColumn || column == ExternalIdColumn;
}

const QString &AppUsersModel::text(const AppUserRow &row, int column)
{
    switch (column) {
    case LoginColumn:
        return row.login;
    case ExternalIdColumn:
        return row.externalAppUserId;
    default:
        return row.name;
    }
}

void AppUsersModel::updateTextKeys()
{
    if (!isTextColumn(m_sortColumn)) {
        m_textKeys = {};
        m_textKeysColumn = -1;
        return;
    }
    if (m_textKeysColumn != m_sortColumn) {
        m_textKeys.clear();
        m_textKeysColumn = m_sortColumn;
    }
    // Rows only ever arrive at the end of m_rows; a removal renumbers them (rebuildIndex).
    for (qsizetype i = qsizetype(m_textKeys.size()); i < m_rows.size(); ++i)
        m_textKeys.push_back(m_collator.sortKey(text(m_rows.at(i), m_textKeysColumn)));
}

void AppUsersModel::rebuildIndex()
{
    m_textKeys.clear(); // by storage index, which may have changed: made again when needed
    m_viewRowOf.fill(-1, m_rows.size());
    for (int row = 0; row < m_order.size(); ++row)
        m_viewRowOf[m_order.at(row)] = row;
    m_storageOf.clear();
    m_indexedRows = 0;
}

const QHash<QString, int> &AppUsersModel::storageIndex() const
{
    if (m_indexedRows == 0)
        m_storageOf.reserve(m_rows.size());
    for (; m_indexedRows < m_rows.size(); ++m_indexedRows)
        m_storageOf.insert(m_rows.at(m_indexedRows).id, m_indexedRows);
    return m_storageOf;
}

void AppUsersModel::upsertUser(const QJsonObject &user)
{
    AppUserRow fresh = AppUserRow::fromJson(user);
    if (fresh.id.isEmpty())
        return;
    const QHash<QString, int> &index = storageIndex();
    const auto found = index.constFind(fresh.id);
    if (found == index.cend()) {
        if (!belongsToView(fresh)) {
            qCDebug(lcAppUsers) << "not added: the user is not part of the current"
                                << (mode() == Mode::Search ? "search" : "lookup");
            return;
        }
        if (m_pager && m_pager->hasMore())
            m_addedAhead.insert(fresh.id); // its page is still to come
        appendRows({std::move(fresh)});
        if (mode() == Mode::List && m_pager) {
            // Ask Box: the count may or may not include the new user already.
            m_pager->requestTotalCount();
        } else if (m_total >= 0) {
            ++m_total;
            Q_EMIT totalCountChanged(m_total);
        }
        return;
    }
    const int storage = *found;
    AppUserRow &stored = m_rows[storage];
    // Keep what the answer did not include (PUT answers carry the standard fields only).
    if (!user.contains(u"external_app_user_id"_s))
        fresh.externalAppUserId = stored.externalAppUserId;
    if (!user.contains(u"space_used"_s))
        fresh.spaceUsed = stored.spaceUsed;
    if (!user.contains(u"space_amount"_s))
        fresh.spaceAmount = stored.spaceAmount;
    if (!user.contains(u"status"_s))
        fresh.status = stored.status;
    if (!user.contains(u"created_at"_s))
        fresh.createdMsecs = stored.createdMsecs;
    if (!user.contains(u"login"_s))
        fresh.login = stored.login;
    if (!user.contains(u"name"_s))
        fresh.name = stored.name;
    if (!user.contains(AppUserRow::typeField()))
        fresh.type = stored.type; // Box's word from the listing beats the login's form
    const bool wasShown = passes(m_typeFilter, stored.type);
    stored = std::move(fresh);
    if (storage < qsizetype(m_textKeys.size()))
        m_textKeys[size_t(storage)] = m_collator.sortKey(text(stored, m_textKeysColumn));
    if (wasShown != passes(m_typeFilter, stored.type)) {
        beginResetModel(); // a type hardly ever changes: no finer signals needed
        refilter();
        endResetModel();
        return;
    }
    const int row = m_viewRowOf.at(storage);
    if (row >= 0)
        Q_EMIT dataChanged(this->index(row, 0), this->index(row, ColumnCount - 1));
}

bool AppUsersModel::removeUser(const QString &id)
{
    return removeUsers({id}) > 0;
}

int AppUsersModel::removeUsers(const QStringList &ids)
{
    QVector<int> deadRows; // view rows
    deadRows.reserve(ids.size());
    QVector<bool> dead(m_rows.size(), false);
    int removed = 0; // shown or filtered out
    for (const QString &id : ids) {
        const QHash<QString, int> &index = storageIndex();
        const auto it = index.constFind(id);
        if (it == index.cend() || dead.at(*it))
            continue;
        dead[*it] = true;
        ++removed;
        if (m_viewRowOf.at(*it) >= 0)
            deadRows.append(m_viewRowOf.at(*it));
    }
    if (removed == 0)
        return 0;
    std::sort(deadRows.begin(), deadRows.end());
    // Contiguous runs of view rows, [first, last].
    QList<QPair<int, int>> runs;
    for (int row : std::as_const(deadRows)) {
        if (!runs.isEmpty() && runs.last().second == row - 1)
            runs.last().second = row;
        else
            runs.append({row, row});
    }
    // Drops the dead rows from storage and renumbers m_order: one pass each.
    auto compact = [this, &dead] {
        QVector<int> newIndex(m_rows.size(), -1);
        QVector<AppUserRow> kept;
        kept.reserve(m_rows.size() - qsizetype(std::count(dead.cbegin(), dead.cend(), true)));
        for (int i = 0; i < m_rows.size(); ++i) {
            if (dead.at(i)) {
                if (!m_addedAhead.isEmpty())
                    m_addedAhead.remove(m_rows.at(i).id);
                continue;
            }
            newIndex[i] = int(kept.size());
            kept.append(std::move(m_rows[i]));
        }
        m_rows = std::move(kept);
        QVector<int> order;
        order.reserve(m_rows.size());
        for (int i : std::as_const(m_order)) {
            if (newIndex.at(i) >= 0)
                order.append(newIndex.at(i));
        }
        m_order = std::move(order);
        rebuildIndex();
    };
    if (runs.size() > MaxRemovalRanges) {
        beginResetModel();
        compact();
        endResetModel();
    } else {
        // From the bottom up, so the rows above keep their numbers. Storage is compacted
        // once at the end; until then m_order simply no longer points at the dead rows.
        for (auto it = runs.crbegin(); it != runs.crend(); ++it) {
            beginRemoveRows({}, it->first, it->second);
            m_order.remove(it->first, it->second - it->first + 1);
            endRemoveRows();
        }
        compact();
    }
    if (m_total > 0) {
        m_total = std::max<qint64>(0, m_total - removed);
        Q_EMIT totalCountChanged(m_total);
    }
    return removed;
}

QString AppUsersModel::sizeText(qint64 bytes)
{
    if (bytes >= UnlimitedSpace)
        return tr("unlimited");
    if (bytes < 1024)
        return bytes == 1 ? tr("1 byte") : tr("%1 bytes").arg(bytes);
    static const char *const units[] = {QT_TR_NOOP("KB"), QT_TR_NOOP("MB"), QT_TR_NOOP("GB"),
                                        QT_TR_NOOP("TB"), QT_TR_NOOP("PB")};
    double value = double(bytes);
    int unit = -1;
    while (value >= 1024.0 && unit < 4) {
        value /= 1024.0;
        ++unit;
    }
    const QString number = QLocale().toString(value, 'f', value < 10 ? 1 : 0);
    return number + u' ' + tr(units[unit]);
}

QVariant AppUsersModel::displayValue(const AppUserRow &row, int column) const
{
    switch (column) {
    case NameColumn:
        return row.name;
    case LoginColumn:
        return row.login;
    case IdColumn:
        return row.id;
    case ExternalIdColumn:
        return row.externalAppUserId;
    case StatusColumn:
        switch (row.status) {
        case AppUserRow::Status::Active:
            return tr("Active");
        case AppUserRow::Status::Inactive:
            return tr("Inactive");
        case AppUserRow::Status::CannotDeleteEdit:
            return tr("Cannot delete or edit");
        case AppUserRow::Status::CannotDeleteEditUpload:
            return tr("Cannot delete, edit or upload");
        case AppUserRow::Status::Unknown:
            return QString();
        }
        return QString();
    case SpaceColumn:
        if (row.spaceUsed < 0)
            return QString();
        if (row.spaceAmount < 0)
            return sizeText(row.spaceUsed);
        return tr("%1 of %2").arg(sizeText(row.spaceUsed), sizeText(row.spaceAmount));
    case CreatedColumn:
        if (row.createdMsecs == 0)
            return QString();
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(row.createdMsecs).toLocalTime(),
                                  QLocale::ShortFormat);
    case TypeColumn:
        return AppUserRow::typeText(row.type);
    default:
        return {};
    }
}

QString AppUsersModel::typeToolTip(AppUserRow::Type type)
{
    switch (type) {
    case AppUserRow::Type::AppUser:
        return tr("An app user: made by this app for its own use, API only, no Box login "
                  "(Box: is_platform_access_only)");
    case AppUserRow::Type::ServiceAccount:
        return tr("A Service Account: the identity of a server authentication app "
                  "(AutomationUser_…@boxdevedition.com)");
    case AppUserRow::Type::ManagedUser:
        break;
    }
    return tr("A managed user: a person with a Box login in the enterprise, listed because the "
              "app has App + Enterprise Access");
}

QVariant AppUsersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AppUserRow &row = rowData(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == CreatedColumn && row.createdMsecs != 0)
            return row.createdAtIso();
        // On the name too: the view shows the type there as an icon, also where the Type
        // column has no room.
        if (index.column() == TypeColumn || index.column() == NameColumn)
            return typeToolTip(row.type);
        if (index.column() == SpaceColumn && row.spaceUsed >= 0)
            return tr("%1 bytes used of %2")
                .arg(QLocale().toString(row.spaceUsed), row.spaceAmount >= UnlimitedSpace
                                                            ? tr("unlimited")
                                                            : QLocale().toString(row.spaceAmount));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == IdColumn || index.column() == SpaceColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case UserIdRole:
        return row.id;
    case SortKeyRole:
        switch (index.column()) {
        case IdColumn:
            return row.numericId;
        case StatusColumn:
            return int(row.status);
        case SpaceColumn:
            return row.spaceUsed;
        case CreatedColumn:
            return row.createdMsecs;
        case TypeColumn:
            return typeRank(row.type);
        case ExternalIdColumn:
            return row.externalAppUserId;
        case LoginColumn:
            return row.login;
        default:
            return row.name;
        }
    default:
        return {};
    }
}

QVariant AppUsersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case LoginColumn:
        return tr("Login");
    case IdColumn:
        return tr("ID");
    case ExternalIdColumn:
        return tr("External ID");
    case StatusColumn:
        return tr("Status");
    case SpaceColumn:
        return tr("Space used");
    case CreatedColumn:
        return tr("Created");
    case TypeColumn:
        return tr("Type");
    default:
        return {};
    }
}
