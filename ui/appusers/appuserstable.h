#pragma once

class QTableView;

// The App Users table's view settings: whole-row selection, sorting, fixed row heights and
// column widths (nothing is measured per row, so 100,000 rows scroll smoothly), the login
// column taking the rest, Created hidden (it is in the detail panel). Shared by the pane and
// the benchmark that measures the pane's table (tests/bench), so the two cannot drift apart.
namespace AppUsersTable {
void setUp(QTableView *view);
}
