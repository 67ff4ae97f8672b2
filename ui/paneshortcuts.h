#pragma once

// A pane whose actions also sit in the menu bar (the Apps pane) gives their keys up while
// another pane is in front (AppsPane::setShortcutsActive). Each such action keeps the keys it
// has while its pane is in front in this property (a QKeySequence), so Help > Keyboard
// Shortcuts lists them whichever pane is showing.
namespace PaneShortcuts {
inline constexpr char Property[] = "boxPaneShortcut";
} // namespace PaneShortcuts
