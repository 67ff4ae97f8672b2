#include "ui/headercolumnsmenu.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QCoreApplication>
#include <QHeaderView>
#include <QMenu>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace {
// The header's auto-hidden columns (a dynamic property: the header is any table's).
constexpr char AutoHiddenProperty[] = "headerColumnsMenuAutoHidden";

QList<int> autoHiddenColumns(const QHeaderView *header)
{
    return header->property(AutoHiddenProperty).value<QList<int>>();
}

void setAutoHiddenColumns(QHeaderView *header, const QList<int> &columns)
{
    header->setProperty(AutoHiddenProperty, QVariant::fromValue(columns));
}

void forgetAutoHidden(QHeaderView *header, int column)
{
    QList<int> columns = autoHiddenColumns(header);
    if (columns.removeAll(column) > 0)
        setAutoHiddenColumns(header, columns);
}
} // namespace

namespace HeaderColumnsMenu {

void setAutoHidden(QHeaderView *header, int column, bool hidden)
{
    if (hidden) {
        if (header->isSectionHidden(column))
            return; // already, by the user or by this
        QList<int> columns = autoHiddenColumns(header);
        columns.append(column);
        setAutoHiddenColumns(header, columns);
        header->setSectionHidden(column, true);
    } else if (isAutoHidden(header, column)) {
        forgetAutoHidden(header, column);
        header->setSectionHidden(column, false);
    }
}

bool isAutoHidden(const QHeaderView *header, int column)
{
    return header->isSectionHidden(column) && autoHiddenColumns(header).contains(column);
}

QByteArray saveState(const QHeaderView *header)
{
    const QList<int> columns = autoHiddenColumns(header);
    if (!header->model() || std::none_of(columns.cbegin(), columns.cend(), [header](int column) {
            return isAutoHidden(header, column);
        }))
        return header->saveState();
    // A copy of the header, not the header itself: showing a column there would make the
    // table fit its columns again.
    QHeaderView copy(header->orientation());
    copy.setModel(header->model());
    copy.restoreState(header->saveState());
    for (int column : columns) {
        if (isAutoHidden(header, column))
            copy.setSectionHidden(column, false);
    }
    return copy.saveState();
}

bool restoreState(QHeaderView *header, const QByteArray &state)
{
    setAutoHiddenColumns(header, {});
    return header->restoreState(state);
}

void install(QHeaderView *header, const QList<int> &alwaysShown)
{
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(
        header, &QWidget::customContextMenuRequested, header,
        [header, alwaysShown](const QPoint &pos) {
            const QAbstractItemModel *model = header->model();
            if (!model)
                return;
            auto *menu = new QMenu(header);
            menu->setObjectName(u"headerColumnsMenu"_s);
            menu->setAttribute(Qt::WA_DeleteOnClose);
            // In the order the user sees the columns (they may have been moved).
            for (int visual = 0; visual < header->count(); ++visual) {
                const int column = header->logicalIndex(visual);
                const QString title =
                    model->headerData(column, header->orientation(), Qt::DisplayRole).toString();
                const QString name = title.isEmpty() ? QString::number(column + 1) : title;
                // Hidden for want of room, not by the user: still their choice (checked), and
                // the note says so; unchecking it hides the column for good.
                const bool autoHidden = isAutoHidden(header, column);
                QAction *action = menu->addAction(
                    autoHidden ? QCoreApplication::translate("HeaderColumnsMenu",
                                                             "%1 (shown when there is room)")
                                     .arg(name)
                               : name);
                action->setObjectName(u"showColumn%1Action"_s.arg(column));
                action->setCheckable(true);
                action->setChecked(!header->isSectionHidden(column) || autoHidden);
                action->setEnabled(!alwaysShown.contains(column));
                QObject::connect(action, &QAction::toggled, header, [header, column](bool shown) {
                    forgetAutoHidden(header, column); // the user's choice from now on
                    header->setSectionHidden(column, !shown);
                    // A column hidden before it was ever laid out comes back 0 pixels wide.
                    if (shown && header->sectionSize(column) < header->minimumSectionSize())
                        header->resizeSection(column, std::max(header->sectionSizeHint(column),
                                                               header->defaultSectionSize()));
                });
            }
            menu->popup(header->viewport()->mapToGlobal(pos));
        });
}

} // namespace HeaderColumnsMenu
