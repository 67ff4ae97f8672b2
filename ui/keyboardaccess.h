#pragma once

#include <QList>

class QAbstractButton;
class QAction;
class QKeySequence;
class QString;
class QToolBar;
class QWidget;

// Keyboard reach for widgets Qt leaves out of the Tab chain.
namespace KeyboardAccess {

// QToolBar gives its buttons Qt::NoFocus, so Tab skips them and an action without a shortcut
// is out of a keyboard user's reach. This gives every button of `bar`, also those added
// later, Qt::TabFocus (the style then draws its focus frame).
void makeToolBarTabbable(QToolBar *bar);
// The buttons of `bar`'s actions, in toolbar order.
QList<QWidget *> toolBarButtons(const QToolBar *bar);
// While the focus is inside `scope`, the keys of `actions` go to them, ahead of a window-wide
// shortcut of another part of the window with the same keys (which would otherwise make the
// key ambiguous, so that neither fires). E.g. the request inspector's Ctrl+Shift+C (Copy as
// curl) while the Token tab, whose Ctrl+Shift+C copies the access token, is showing. The keys
// are the actions' while the focus is inside `scope` even while they are disabled (then the
// key does nothing), so they never reach the other part's shortcut.
void preferWhileFocused(QWidget *scope, const QList<QAction *> &actions);
// Whether `action`'s keys go to it ahead of every other shortcut while `focus` has the focus
// (it was given to preferWhileFocused() for `focus` or one of its ancestors).
bool isPreferredAt(const QAction *action, const QWidget *focus);
// Draws a ring in the palette's highlight colour around the focused list, table, tree, text
// view or keyboard-selectable label of every window of the application: Fusion (and other
// styles) show such a widget's focus only as a thin frame around its current cell, which
// the selection highlight hides. Idempotent; the ring is a child "focusRing" of the focused
// widget's parent, transparent for the mouse.
void showFocusRing();
// A shortcut for `button` that works while the button shows, wherever the focus is in its
// window (a Qt::WindowShortcut QAction, named `name`, on the button's parent): it clicks the
// button when the button is enabled. The button's tooltip gains the key.
QAction *addButtonShortcut(QAbstractButton *button, const QKeySequence &key, const QString &name);
// Tab goes through `widgets` in this order (QWidget::setTabOrder for each neighbouring pair).
void setTabOrder(const QList<QWidget *> &widgets);

} // namespace KeyboardAccess
