#pragma once

#include <QList>

#include <functional>

class QAbstractItemView;
class QAction;
class QString;

// Context menus on item views, for the mouse and the keyboard alike: a right-click, the Menu
// key (where the platform sends it) and Shift+F10 open a menu of the actions `actions()`
// returns at that moment (a null entry is a separator; disabled actions show greyed). The
// keyboard opens it at the current row; a right-click on a row outside the selection selects
// that row first, as file managers do.
namespace TableContextMenu {
using ActionList = std::function<QList<QAction *>()>;

// The menu it opens is "tableContextMenu", deleted when closed.
void install(QAbstractItemView *view, ActionList actions);
// An action (child of `view`, named `objectName`) that copies the `column` text of the
// selected rows to the clipboard, one row a line; enabled while a row is selected.
QAction *copyColumnAction(QAbstractItemView *view, int column, const QString &text,
                          const QString &objectName);
} // namespace TableContextMenu
