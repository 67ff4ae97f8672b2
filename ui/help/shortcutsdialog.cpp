#include "ui/help/shortcutsdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

ShortcutsDialog::ShortcutsDialog(const QList<ShortcutCatalog::Group> &groups, QWidget *parent)
    : QDialog(parent), m_filter(new QLineEdit(this)), m_tree(new QTreeWidget(this))
{
    setObjectName(u"shortcutsDialog"_s);
    setWindowTitle(tr("Keyboard Shortcuts"));

    m_filter->setObjectName(u"shortcutsFilter"_s);
    m_filter->setPlaceholderText(tr("Filter by action or key"));
    m_filter->setAccessibleName(tr("Filter shortcuts"));
    m_filter->setClearButtonEnabled(true);

    m_tree->setObjectName(u"shortcutsTree"_s);
    m_tree->setAccessibleName(tr("Keyboard shortcuts"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Action"), tr("Shortcut")});
    m_tree->setRootIsDecorated(false);
    m_tree->setItemsExpandable(false);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    for (const ShortcutCatalog::Group &group : groups) {
        auto *heading = new QTreeWidgetItem(m_tree, {group.title});
        heading->setFirstColumnSpanned(true);
        heading->setFlags(Qt::ItemIsEnabled);
        QFont bold = heading->font(0);
        bold.setBold(true);
        heading->setFont(0, bold);
        for (const ShortcutCatalog::Entry &entry : group.entries) {
            QStringList keys;
            for (const QKeySequence &key : entry.keys)
                keys.append(key.toString(QKeySequence::NativeText));
            auto *row = new QTreeWidgetItem(heading, {entry.text, keys.join(tr(", "))});
            row->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        }
    }
    m_tree->expandAll();
    if (QTreeWidgetItem *first = m_tree->topLevelItem(0); first && first->childCount() > 0)
        m_tree->setCurrentItem(first->child(0));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(u"shortcutsButtons"_s);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_filter, &QLineEdit::textChanged, this, &ShortcutsDialog::applyFilter);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree, 1);
    layout->addWidget(buttons);

    const QFontMetrics fm = fontMetrics();
    resize(fm.horizontalAdvance(u'x') * 70, fm.height() * 34);
    m_tree->setFocus();
}

void ShortcutsDialog::applyFilter(const QString &text)
{
    const QString term = text.trimmed();
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem *heading = m_tree->topLevelItem(g);
        int shown = 0;
        for (int i = 0; i < heading->childCount(); ++i) {
            QTreeWidgetItem *row = heading->child(i);
            const bool match = term.isEmpty() || row->text(0).contains(term, Qt::CaseInsensitive) ||
                               row->text(1).contains(term, Qt::CaseInsensitive) ||
                               heading->text(0).contains(term, Qt::CaseInsensitive);
            row->setHidden(!match);
            shown += match ? 1 : 0;
        }
        heading->setHidden(shown == 0);
    }
}
