#pragma once

#include <QByteArray>
#include <QList>

class QHeaderView;

// Right-click on a table's column header: a menu ("headerColumnsMenu", deleted when closed)
// that lists the columns by title with a check box each, to show or hide them, as Qt Creator
// and KeePassXC tables do. Each entry is named "showColumn<N>Action" (N: the model's column).
// What is hidden is part of the header's saveState(), so WindowLayout remembers it.
namespace HeaderColumnsMenu {
// `alwaysShown`: columns listed checked but disabled (e.g. a table's Name), so the table never
// loses what identifies its rows.
void install(QHeaderView *header, const QList<int> &alwaysShown);

// A column the table hides by itself while there is no room for it (the way the App Users
// details fold away): hidden, yet still shown by the user's choice. The menu lists it checked,
// with a note, and saveState() keeps it shown, so it comes back where there is room and in
// the next session. setAutoHidden(false) shows it again unless the user has hidden it since
// (then it stays hidden).
void setAutoHidden(QHeaderView *header, int column, bool hidden);
bool isAutoHidden(const QHeaderView *header, int column);
// The header's state with its auto-hidden columns shown: the user's choice, for WindowLayout.
QByteArray saveState(const QHeaderView *header);
// QHeaderView::restoreState, forgetting what was auto-hidden before (the state says it all).
bool restoreState(QHeaderView *header, const QByteArray &state);
} // namespace HeaderColumnsMenu
