#include "ui/apppicker.h"

#include "core/appsmodel.h"
#include "ui/appsviewmodel.h"
#include "ui/profileselection.h"

#include <QBoxLayout>
#include <QLabel>

using namespace Qt::Literals::StringLiterals;

AppPicker::AppPicker(ProfileSelection *selection, QWidget *parent)
    : QComboBox(parent), m_selection(selection), m_model(new AppsViewModel(this))
{
    setObjectName(u"appPicker"_s);
    setAccessibleName(tr("App"));
    setToolTip(tr("The app this pane works with (the same app everywhere in the window)"));
    setPlaceholderText(tr("Pick an app"));
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    setMinimumContentsLength(16);
    setMaximumWidth(360);
    m_model->setSourceModel(new AppsModel(selection->manager(), m_model));
    m_model->setIconColumn(AppsModel::NameColumn);
    m_model->sort(AppsModel::NameColumn);
    setModel(m_model);
    setModelColumn(AppsModel::NameColumn);

    // Only the user's picks (mouse, keyboard): the combo box moving its current row by itself
    // when the current app is removed must not select another app.
    connect(this, &QComboBox::activated, this, [this](int row) {
        if (m_syncing || row < 0)
            return;
        m_selection->setProfileId(
            m_model->index(row, AppsModel::NameColumn).data(AppsModel::ProfileIdRole).toString());
    });
    connect(selection, &ProfileSelection::profileIdChanged, this, &AppPicker::showSelection);
    // Rows come, go and move (a rename re-sorts): the current row is the selection's again.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &AppPicker::showSelection);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &AppPicker::showSelection);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AppPicker::showSelection);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &AppPicker::showSelection);
    showSelection();
}

void AppPicker::showSelection()
{
    int row = -1;
    const QString id = m_selection->profileId();
    for (int r = 0; !id.isEmpty() && r < m_model->rowCount(); ++r) {
        if (m_model->index(r, 0).data(AppsModel::ProfileIdRole).toString() == id) {
            row = r;
            break;
        }
    }
    m_syncing = true;
    setCurrentIndex(row);
    m_syncing = false;
}

AppPicker *AppPicker::addBeside(QLabel *heading, ProfileSelection *selection)
{
    QWidget *pane = heading->parentWidget();
    auto *picker = new AppPicker(selection, pane);
    auto *label = new QLabel(tr("A&pp:"), pane); // Alt+A is the Apps menu
    label->setBuddy(picker);
    auto *row = new QHBoxLayout;
    auto *outer = qobject_cast<QBoxLayout *>(pane->layout());
    const int at = outer ? outer->indexOf(heading) : -1;
    if (outer && at >= 0) {
        outer->removeWidget(heading);
        outer->insertLayout(at, row);
    }
    row->addWidget(heading, 1);
    row->addWidget(label);
    row->addWidget(picker);
    return picker;
}
