#include "ui/appusers/appuserstable.h"

#include "core/appusers/appusersmodel.h"
#include "ui/appusers/appusernamedelegate.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>

void AppUsersTable::setUp(QTableView *view)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setSortingEnabled(true);
    view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    view->setWordWrap(false);
    view->setAlternatingRowColors(true);
    view->setTabKeyNavigation(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    QHeaderView *header = view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(false);
    // The login takes what the other columns leave; ID, status and storage keep the width of
    // their longest value (measured from samples, not rows).
    header->setSectionResizeMode(AppUsersModel::LoginColumn, QHeaderView::Stretch);
    for (int column : {AppUsersModel::IdColumn, AppUsersModel::StatusColumn,
                       AppUsersModel::SpaceColumn, AppUsersModel::TypeColumn})
        header->setSectionResizeMode(column, QHeaderView::Fixed);
    view->setColumnHidden(AppUsersModel::CreatedColumn, true);
    // The type (the model's last column, so saved layouts of the columns before it still fit)
    // shows beside the name.
    header->moveSection(header->visualIndex(AppUsersModel::TypeColumn), 1);
    // The type also as an icon on the name: it shows where the Type column has no room.
    if (const auto *model = qobject_cast<const AppUsersModel *>(view->model()))
        view->setItemDelegateForColumn(AppUsersModel::NameColumn,
                                       new AppUserNameDelegate(model, view));
}

int AppUsersTable::widthNeeded(const QTableView *view, const QList<int> &except)
{
    const QHeaderView *header = view->horizontalHeader();
    int needed = 2 * view->frameWidth() + view->verticalScrollBar()->sizeHint().width();
    for (int i = 0; i < header->count(); ++i) {
        if (header->isSectionHidden(i) || except.contains(i))
            continue;
        needed += header->sectionResizeMode(i) == QHeaderView::Stretch ? header->sectionSizeHint(i)
                                                                       : header->sectionSize(i);
    }
    return needed;
}
