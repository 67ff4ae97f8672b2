#include "ui/tablecontextmenu.h"

#include <QAbstractItemView>
#include <QAction>
#include <QClipboard>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QItemSelectionModel>
#include <QMenu>

using namespace Qt::Literals::StringLiterals;

namespace TableContextMenu {

namespace {
// The menu ("tableContextMenu", deleted when closed) at `viewportPos` in `view`'s viewport.
QMenu *popup(QAbstractItemView *view, const QList<QAction *> &actions, const QPoint &viewportPos)
{
    auto *menu = new QMenu(view);
    menu->setObjectName(u"tableContextMenu"_s);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    for (QAction *action : actions) {
        if (action)
            menu->addAction(action);
        else
            menu->addSeparator();
    }
    menu->popup(view->viewport()->mapToGlobal(viewportPos));
    // The first entry is ready for the arrow keys and Enter.
    if (QAction *first = menu->actions().value(0); first && !first->isSeparator())
        menu->setActiveAction(first);
    return menu;
}
} // namespace

QAction *copyColumnAction(QAbstractItemView *view, int column, const QString &text,
                          const QString &objectName)
{
    auto *action = new QAction(text, view);
    action->setObjectName(objectName);
    QObject::connect(action, &QAction::triggered, view, [view, column] {
        QStringList lines;
        QModelIndexList rows = view->selectionModel()->selectedRows(column);
        std::sort(rows.begin(), rows.end(),
                  [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
        for (const QModelIndex &index : std::as_const(rows)) {
            if (const QString text = index.data().toString(); !text.isEmpty())
                lines.append(text);
        }
        if (!lines.isEmpty())
            QGuiApplication::clipboard()->setText(lines.join(u'\n'));
    });
    auto update = [view, action] {
        action->setEnabled(view->selectionModel() && view->selectionModel()->hasSelection());
    };
    QObject::connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, action,
                     update);
    QObject::connect(view->model(), &QAbstractItemModel::modelReset, action, update);
    update();
    return action;
}

void install(QAbstractItemView *view, ActionList actions)
{
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    // Mouse: viewport coordinates. Keyboard (the Menu key): the current row's rectangle, which
    // QAbstractItemView gives as its input method cursor, in viewport coordinates as well.
    QObject::connect(
        view, &QWidget::customContextMenuRequested, view, [view, actions](const QPoint &pos) {
            const QModelIndex at = view->indexAt(pos);
            if (at.isValid() && view->selectionModel() && !view->selectionModel()->isSelected(at))
                view->setCurrentIndex(at);
            popup(view, actions(), pos);
        });
    // Shift+F10, the other key for a context menu (KDE, GNOME and Windows), which Qt does not
    // turn into a context menu event on its own.
    auto *key = new QAction(QCoreApplication::translate("TableContextMenu", "Context Menu"), view);
    key->setObjectName(u"contextMenuKeyAction"_s);
    key->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F10));
    key->setShortcutContext(Qt::WidgetShortcut);
    view->addAction(key);
    QObject::connect(key, &QAction::triggered, view, [view, actions] {
        const QRect current = view->visualRect(view->currentIndex());
        popup(view, actions(), current.isValid() ? current.center() : QPoint(0, 0));
    });
}

} // namespace TableContextMenu
