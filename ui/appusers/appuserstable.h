#pragma once

#include <QList>

class QTableView;

// The App Users table's view settings: whole-row selection, sorting, fixed row heights and
// column widths (nothing is measured per row, so 100,000 rows scroll smoothly), the login
// column taking the rest, Created hidden (it is in the detail panel). Shared by the pane and
// the benchmark that measures the pane's table (tests/bench), so the two cannot drift apart.
// The Name cells show the user's type as an icon (AppUserNameDelegate).
namespace AppUsersTable {
void setUp(QTableView *view);
// The width the view needs to show its shown columns without a horizontal scrollbar (the
// stretching login at least as wide as its title), leaving out `except`.
int widthNeeded(const QTableView *view, const QList<int> &except = {});
} // namespace AppUsersTable
