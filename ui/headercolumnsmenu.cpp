#include "ui/headercolumnsmenu.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QHeaderView>
#include <QMenu>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace HeaderColumnsMenu {

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
                QAction *action =
                    menu->addAction(title.isEmpty() ? QString::number(column + 1) : title);
                action->setObjectName(u"showColumn%1Action"_s.arg(column));
                action->setCheckable(true);
                action->setChecked(!header->isSectionHidden(column));
                action->setEnabled(!alwaysShown.contains(column));
                QObject::connect(action, &QAction::toggled, header, [header, column](bool shown) {
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
