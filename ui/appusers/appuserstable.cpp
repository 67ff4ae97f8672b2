#include "ui/appusers/appuserstable.h"

#include "core/appusers/appusersmodel.h"

#include <QHeaderView>
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
}
