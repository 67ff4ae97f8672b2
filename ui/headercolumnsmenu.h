#pragma once

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
} // namespace HeaderColumnsMenu
