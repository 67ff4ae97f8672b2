#pragma once

#include "ui/help/shortcutcatalog.h"

#include <QDialog>

class QLineEdit;
class QTreeWidget;

// Help > Keyboard Shortcuts: every shortcut of the window, grouped as ShortcutCatalog reads
// them, with a filter over action names and keys.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(const QList<ShortcutCatalog::Group> &groups,
                             QWidget *parent = nullptr);

private:
    void applyFilter(const QString &text);

    QLineEdit *m_filter;
    QTreeWidget *m_tree;
};
