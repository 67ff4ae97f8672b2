#pragma once

#include <QRect>

class QMainWindow;
class QSettings;

// The main window's layout as the user left it: the window's geometry and state (docks,
// toolbars), the sizes of every named QSplitter and the state (column widths, order, sort) of
// every named table's header inside it (columns as the user chose them: one hidden only for
// want of room counts as shown, HeaderColumnsMenu::saveState), kept in QSettings under
// "window/". The first time,
// the window takes a good share of the screen instead.
namespace WindowLayout {
// The first window on a screen whose available area is `available`: about 80% of it, but at
// least 1280x800 where that fits, centred in it.
QRect initialGeometry(const QRect &available);

// Restores what save() kept; without a saved geometry, places the window by
// initialGeometry() on its screen. Returns whether a saved layout was found. Call once every
// dock, splitter and table exists (the window need not be shown).
bool restore(QMainWindow *window, QSettings &settings);
void save(const QMainWindow *window, QSettings &settings);
} // namespace WindowLayout
